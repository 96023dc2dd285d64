// MLT XML (Shotcut; Kdenlive's engine; `melt` renders it): a black background track (a <blank> alone
// renders white in melt 7.12), the clips and title cards in one playlist, the lower thirds in another,
// each composited (`composite`) and mixed (`mix`) onto the background. in/out are inclusive frame numbers
// at the story's rate; the tractor, last in the file, is what plays. Pictures use `pixbuf` (qimage wants X11).
#include "story/story_export.hpp"

namespace kotsu::story {

namespace {

std::string prop(const std::string& name, const std::string& value) {
    return "    <property name=\"" + name + "\">" + markupEscape(value) + "</property>\n";
}

std::string n(std::int64_t v) { return std::to_string(v); }

void transitions(std::string& out, int bTrack) {
    out += "    <transition>\n" + prop("a_track", "0") + prop("b_track", n(bTrack)) + prop("mlt_service", "mix") +
           prop("always_active", "1") + prop("sum", "1") + "    </transition>\n";
    out += "    <transition>\n" + prop("a_track", "0") + prop("b_track", n(bTrack)) + prop("mlt_service", "composite") +
           prop("always_active", "1") + prop("fill", "1") + prop("aligned", "0") + "    </transition>\n";
}

}  // namespace

std::string mltText(const StoryDoc& doc, const ExportRefs& refs) {
    const Rational fps = doc.story.fps;
    const std::int64_t total = totalFrames(doc.placed);
    const int w = doc.story.width, h = doc.story.height;
    auto g = [](int a, int b) {
        while (b) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }(w, h);
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<mlt LC_NUMERIC=\"C\" version=\"7.12.0\" title=\"" +
                      markupEscape(doc.story.title) + "\" producer=\"story\">\n";
    out += "  <profile description=\"kotsu story\" width=\"" + n(w) + "\" height=\"" + n(h) +
           "\" progressive=\"1\" sample_aspect_num=\"1\" sample_aspect_den=\"1\" display_aspect_num=\"" + n(w / g) +
           "\" display_aspect_den=\"" + n(h / g) + "\" frame_rate_num=\"" + n(fps.num) + "\" frame_rate_den=\"" + n(fps.den) +
           "\" colorspace=\"709\"/>\n";
    out += "  <producer id=\"black\" in=\"0\" out=\"" + n(total - 1) + "\">\n" + prop("length", n(total)) + prop("eof", "pause") +
           prop("resource", "#ff000000") + prop("aspect_ratio", "1") + prop("mlt_service", "color") +
           prop("mlt_image_format", "rgba") + "  </producer>\n";
    out += "  <playlist id=\"background\">\n    <entry producer=\"black\" in=\"0\" out=\"" + n(total - 1) + "\"/>\n  </playlist>\n";
    std::string video = "  <playlist id=\"video\">\n", overlays = "  <playlist id=\"overlays\">\n";
    std::int64_t overlaysEnd = 0;
    auto picture = [&](Id id, std::int64_t frames, const std::string& producerId) {
        out += "  <producer id=\"" + producerId + "\" in=\"0\" out=\"" + n(frames - 1) + "\">\n" + prop("length", n(frames)) +
               prop("eof", "pause") + prop("resource", refs.picturePath.at(id)) + prop("ttl", "1") +
               prop("aspect_ratio", "1") + prop("mlt_service", "pixbuf") + "  </producer>\n";
    };
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const auto& p = doc.placed[i];
        const std::string id = "item" + n(p.item.id);
        if (p.item.kind == StoryItemKind::Clip) {
            const std::int64_t length = std::max(p.srcInFrame + p.frames, toFrames(doc.sources[i].asset.probe.duration, fps));
            out += "  <producer id=\"" + id + "\" in=\"0\" out=\"" + n(length - 1) + "\">\n" + prop("length", n(length)) +
                   prop("eof", "pause") + prop("resource", refs.mediaPath[i]) + prop("mlt_service", "avformat") +
                   prop("seekable", "1") + prop("kotsu:item", n(p.item.id)) + "  </producer>\n";
            video += "    <entry producer=\"" + id + "\" in=\"" + n(p.srcInFrame) + "\" out=\"" + n(p.srcInFrame + p.frames - 1) +
                     "\"/>\n";
        } else {
            picture(p.item.id, p.frames, id);
            video += "    <entry producer=\"" + id + "\" in=\"0\" out=\"" + n(p.frames - 1) + "\"/>\n";
        }
        for (const auto& lt : p.lowerThirds) {
            const std::int64_t at = p.recordFrame + toFrames(lt.in, fps);
            const std::int64_t frames = std::max<std::int64_t>(1, std::min(toFrames(lt.duration(), fps), p.recordFrame + p.frames - at));
            const std::string ltId = "item" + n(lt.id);
            picture(lt.id, frames, ltId);
            if (at > overlaysEnd) overlays += "    <blank length=\"" + n(at - overlaysEnd) + "\"/>\n";
            overlays += "    <entry producer=\"" + ltId + "\" in=\"0\" out=\"" + n(frames - 1) + "\"/>\n";
            overlaysEnd = at + frames;
        }
    }
    out += video + "  </playlist>\n" + overlays + "  </playlist>\n";
    out += "  <tractor id=\"story\" in=\"0\" out=\"" + n(total - 1) + "\">\n" + prop("shotcut", "1") +
           "    <track producer=\"background\"/>\n    <track producer=\"video\"/>\n";
    const bool hasOverlays = overlaysEnd > 0;
    if (hasOverlays) out += "    <track producer=\"overlays\"/>\n";
    transitions(out, 1);
    if (hasOverlays) transitions(out, 2);
    out += "  </tractor>\n</mlt>\n";
    return out;
}

}  // namespace kotsu::story
