// FCPXML 1.10 (Final Cut Pro; DaVinci Resolve reads 1.3–1.10): one <format>, an asset with a media-rep per
// source file and per card picture, and a spine of asset-clips and gaps; knack and safety markers inside
// their clips (source time), a chapter marker at the first clip of each beat; lower thirds as connected
// clips (lane 1). Element order follows the 1.10 DTD.
#include <map>

#include "story/story_export.hpp"

namespace kotsu::story {

namespace {

// Rational seconds "N/Ds" for `frames` at the story's rate (fps = num/den: a frame is den/num s).
std::string t(std::int64_t frames, Rational fps) {
    if (frames == 0) return "0s";
    return std::to_string(frames * fps.den) + "/" + std::to_string(fps.num) + "s";
}

std::string attr(const std::string& s) { return markupEscape(s); }

}  // namespace

std::string fcpxmlText(const StoryDoc& doc, const ExportRefs& refs) {
    const Rational fps = doc.story.fps;
    const std::int64_t total = totalFrames(doc.placed);
    std::string res = "    <format id=\"r1\" frameDuration=\"" + t(1, fps) + "\" width=\"" + std::to_string(doc.story.width) +
                      "\" height=\"" + std::to_string(doc.story.height) + "\" colorSpace=\"1-1-1 (Rec. 709)\"/>\n";
    std::map<std::string, std::string> assetIds;  // url → id
    int next = 2;
    auto assetFor = [&](const std::string& url, const std::string& name, std::int64_t frames, bool audio) {
        auto found = assetIds.find(url);
        if (found != assetIds.end()) return found->second;
        std::string id = "r" + std::to_string(next++);
        assetIds[url] = id;
        res += "    <asset id=\"" + id + "\" name=\"" + attr(name) + "\" start=\"0s\" duration=\"" + t(frames, fps) +
               "\" hasVideo=\"1\" format=\"r1\"" +
               (audio ? " hasAudio=\"1\" audioSources=\"1\" audioChannels=\"2\" audioRate=\"48000\"" : "") + ">\n" +
               "      <media-rep kind=\"original-media\" src=\"" + attr(url) + "\"/>\n    </asset>\n";
        return id;
    };
    std::string spine;
    std::string lastBeat;
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const auto& p = doc.placed[i];
        const auto& it = p.item;
        const std::string offset = t(p.recordFrame, fps);
        std::string inner;  // connected clips (anchored items) first, then markers
        for (const auto& lt : p.lowerThirds) {
            std::int64_t frames = std::max<std::int64_t>(1, std::min(toFrames(lt.duration(), fps), p.frames));
            std::string id = assetFor(refs.picture.at(lt.id), "lower third " + std::to_string(lt.id), 0, false);
            inner += "          <video ref=\"" + id + "\" lane=\"1\" name=\"" + attr(lt.text) + "\" offset=\"" +
                     t(p.srcInFrame + toFrames(lt.in, fps), fps) + "\" start=\"0s\" duration=\"" + t(frames, fps) + "\"/>\n";
        }
        std::string markers;
        if (it.kind == StoryItemKind::Clip)
            for (const auto& m : doc.sources[i].markers)
                markers += "          <marker start=\"" + t(toFrames(m.in, fps), fps) + "\" duration=\"" + t(1, fps) +
                           "\" value=\"" + attr(std::string(m.kind == MarkerKind::Knack ? "KNACK: " : "SAFETY: ") + m.title) + "\"/>\n";
        if (!it.beat.empty() && it.beat != lastBeat)
            markers += "          <chapter-marker start=\"" + t(p.srcInFrame, fps) + "\" duration=\"" + t(1, fps) +
                       "\" value=\"" + attr(it.beat) + "\" posterOffset=\"0s\"/>\n";
        lastBeat = it.beat.empty() ? lastBeat : it.beat;
        if (it.kind == StoryItemKind::Clip) {
            const auto& src = doc.sources[i];
            std::string id = assetFor(refs.media[i], src.file.filename().string(), toFrames(src.asset.probe.duration, fps),
                                      src.asset.probe.hasAudio);
            spine += "        <asset-clip ref=\"" + id + "\" name=\"" + attr(it.text.empty() ? src.sessionTitle : it.text) +
                     "\" offset=\"" + offset + "\" start=\"" + t(p.srcInFrame, fps) + "\" duration=\"" + t(p.frames, fps) +
                     "\" tcFormat=\"NDF\">\n" + inner + markers + "        </asset-clip>\n";
        } else {
            std::string id = assetFor(refs.picture.at(it.id), "title " + std::to_string(it.id), 0, false);
            spine += "        <video ref=\"" + id + "\" name=\"" + attr(it.text) + "\" offset=\"" + offset +
                     "\" start=\"0s\" duration=\"" + t(p.frames, fps) + "\">\n" + markers + "        </video>\n";
        }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n<fcpxml version=\"1.10\">\n  <resources>\n" + res +
           "  </resources>\n  <library>\n    <event name=\"kotsu story\">\n      <project name=\"" + attr(doc.story.title) +
           "\">\n        <sequence format=\"r1\" duration=\"" + t(total, fps) +
           "\" tcStart=\"0s\" tcFormat=\"NDF\" audioLayout=\"stereo\" audioRate=\"48k\">\n          <spine>\n" + spine +
           "          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n";
}

}  // namespace kotsu::story
