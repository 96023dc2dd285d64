// OpenTimelineIO (.otio, OTIO 0.18 schema names): a Stack of one video track per angle, a track of
// title cards and one of lower thirds; clips carry kotsu's item, session and angle in their metadata
// so that `story import` can bring an editor's order and trims back.
#include <nlohmann/json.hpp>

#include "story/story_export.hpp"

namespace kotsu::story {

namespace {

using J = nlohmann::ordered_json;

double rateOf(Rational fps) { return double(fps.num) / fps.den; }

J rationalTime(std::int64_t frames, Rational fps) {
    return J{{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", rateOf(fps)}, {"value", double(frames)}};
}

J timeRange(std::int64_t start, std::int64_t frames, Rational fps) {
    return J{{"OTIO_SCHEMA", "TimeRange.1"}, {"duration", rationalTime(frames, fps)}, {"start_time", rationalTime(start, fps)}};
}

J gap(std::int64_t frames, Rational fps) {
    return J{{"OTIO_SCHEMA", "Gap.1"}, {"metadata", J::object()}, {"name", ""}, {"source_range", timeRange(0, frames, fps)},
             {"effects", J::array()}, {"markers", J::array()}, {"enabled", true}};
}

J clip(const std::string& name, const J& metadata, J sourceRange, J markers, const std::string& url, J available) {
    J ref{{"OTIO_SCHEMA", "ExternalReference.1"}, {"metadata", J::object()}, {"name", ""}, {"available_range", std::move(available)},
          {"available_image_bounds", nullptr}, {"target_url", url}};
    return J{{"OTIO_SCHEMA", "Clip.2"},
             {"metadata", metadata},
             {"name", name},
             {"source_range", std::move(sourceRange)},
             {"effects", J::array()},
             {"markers", std::move(markers)},
             {"enabled", true},
             {"media_references", J{{"DEFAULT_MEDIA", std::move(ref)}}},
             {"active_media_reference_key", "DEFAULT_MEDIA"}};
}

J track(const std::string& name, J children) {
    return J{{"OTIO_SCHEMA", "Track.1"}, {"metadata", J::object()}, {"name", name}, {"source_range", nullptr},
             {"effects", J::array()}, {"markers", J::array()}, {"enabled", true}, {"children", std::move(children)},
             {"kind", "Video"}};
}

// Appends `item` at `at` frames to a track whose children end at `end`, with a gap before it when needed.
void place(J& children, std::int64_t& end, std::int64_t at, std::int64_t frames, J item, Rational fps) {
    if (at > end) children.push_back(gap(at - end, fps));
    children.push_back(std::move(item));
    end = at + frames;
}

}  // namespace

std::string otioText(const StoryDoc& doc, const ExportRefs& refs) {
    const Rational fps = doc.story.fps;
    const char* angles[] = {"main", "handcam", "overview"};
    J angleTracks[3] = {J::array(), J::array(), J::array()};
    std::int64_t angleEnd[3] = {0, 0, 0};
    J titles = J::array(), lowers = J::array();
    std::int64_t titlesEnd = 0, lowersEnd = 0;
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const auto& p = doc.placed[i];
        const auto& it = p.item;
        if (it.kind == StoryItemKind::Clip) {
            const auto& src = doc.sources[i];
            J markers = J::array();
            for (const auto& m : src.markers) {
                std::string label = std::string(m.kind == MarkerKind::Knack ? "KNACK: " : "SAFETY: ") +
                                    (m.kind == MarkerKind::Knack ? (m.note.empty() ? m.title : m.note)
                                                                 : (m.warning.empty() ? m.title : m.warning));
                markers.push_back(J{{"OTIO_SCHEMA", "Marker.2"},
                                    {"metadata", J{{"kotsu", J{{"marker", m.id}, {"kind", toString(m.kind)}}}}},
                                    {"name", label},
                                    {"color", m.kind == MarkerKind::Knack ? "GREEN" : "RED"},
                                    {"marked_range", timeRange(toFrames(m.in, fps), std::max<std::int64_t>(1, toFrames(m.out - m.in, fps)), fps)},
                                    {"comment", ""}});
            }
            J meta{{"kotsu", J{{"item", it.id}, {"kind", "clip"}, {"session", it.sessionId}, {"angle", it.angle},
                               {"beat", it.beat}, {"marker", it.markerId}, {"in_us", it.in}, {"out_us", it.out}}}};
            std::string name = it.text.empty() ? src.sessionTitle : it.text;
            size_t a = it.angle == "handcam" ? 1 : it.angle == "overview" ? 2 : 0;
            place(angleTracks[a], angleEnd[a], p.recordFrame, p.frames,
                  clip(name, meta, timeRange(p.srcInFrame, p.frames, fps), std::move(markers), refs.media[i],
                       timeRange(0, toFrames(src.asset.probe.duration, fps), fps)),
                  fps);
        } else {
            J meta{{"kotsu", J{{"item", it.id}, {"kind", "title"}, {"text", it.text}, {"sub", it.sub}, {"beat", it.beat},
                               {"length_us", it.duration()}}}};
            place(titles, titlesEnd, p.recordFrame, p.frames,
                  clip(it.text, meta, timeRange(0, p.frames, fps), J::array(), refs.picture.at(it.id), nullptr), fps);
        }
        for (const auto& lt : p.lowerThirds) {
            std::int64_t at = p.recordFrame + toFrames(lt.in, fps);
            std::int64_t frames = std::max<std::int64_t>(1, std::min(toFrames(lt.duration(), fps), p.frames));
            J meta{{"kotsu", J{{"item", lt.id}, {"kind", "lower-third"}, {"on", it.id}, {"text", lt.text}, {"sub", lt.sub},
                               {"in_us", lt.in}, {"out_us", lt.out}}}};
            place(lowers, lowersEnd, at, frames,
                  clip(lt.text, meta, timeRange(0, frames, fps), J::array(), refs.picture.at(lt.id), nullptr), fps);
        }
    }
    J tracks = J::array();
    for (size_t a = 0; a < 3; ++a)
        if (a == 0 || !angleTracks[a].empty()) tracks.push_back(track(angles[a], std::move(angleTracks[a])));
    if (!titles.empty()) tracks.push_back(track("titles", std::move(titles)));
    if (!lowers.empty()) tracks.push_back(track("lower thirds", std::move(lowers)));
    J timeline{{"OTIO_SCHEMA", "Timeline.1"},
               {"metadata", J{{"kotsu", J{{"story", doc.story.id}, {"width", doc.story.width}, {"height", doc.story.height}}}}},
               {"name", doc.story.title},
               {"global_start_time", rationalTime(0, fps)},
               {"tracks", J{{"OTIO_SCHEMA", "Stack.1"}, {"metadata", J::object()}, {"name", "tracks"}, {"source_range", nullptr},
                            {"effects", J::array()}, {"markers", J::array()}, {"enabled", true}, {"children", std::move(tracks)}}}};
    return timeline.dump(4) + "\n";
}

}  // namespace kotsu::story
