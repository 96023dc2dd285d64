#include "story/story_model.hpp"

#include "core/asset_file.hpp"
#include "core/time.hpp"

namespace kotsu::story {

Result<std::vector<StoryBeat>> storyTemplate(const std::string& name) {
    auto files = assets::loadConf("story_templates.conf");
    if (!files) return files.error();
    std::optional<std::vector<StoryBeat>> found;
    for (const auto& f : *files)
        for (const auto& sec : f.sections) {
            if (sec.name != name) continue;
            std::vector<StoryBeat> beats;  // a later file's section replaces the template whole
            for (const auto& e : sec.entries) {
                auto seconds = assets::toNumber(f, e, 0, 3600);
                if (!seconds) return seconds.error();
                beats.push_back(StoryBeat{e.key, *microsFromSeconds(*seconds)});
            }
            found = std::move(beats);
        }
    if (!found) return Error::make("--template", "unknown template '" + name + "' (see story_templates.conf)");
    return *found;
}

std::int64_t toFrames(Micros us, Rational fps) { return rescale(us, kMicrosBase, Rational{fps.den, fps.num}); }
Micros fromFrames(std::int64_t frames, Rational fps) { return rescale(frames, Rational{fps.den, fps.num}, kMicrosBase); }

std::vector<Placed> place(const std::vector<StoryItem>& items, Rational fps) {
    std::vector<Placed> out;
    std::int64_t at = 0;
    for (const auto& it : items) {
        if (it.kind == StoryItemKind::LowerThird) continue;
        Placed p{.item = it, .recordFrame = at};
        if (it.kind == StoryItemKind::Clip) {
            p.srcInFrame = toFrames(it.in, fps);
            p.frames = std::max<std::int64_t>(1, toFrames(it.out, fps) - p.srcInFrame);
        } else {
            p.frames = std::max<std::int64_t>(1, toFrames(it.duration(), fps));
        }
        for (const auto& lt : items)
            if (lt.kind == StoryItemKind::LowerThird && lt.parentId == it.id) p.lowerThirds.push_back(lt);
        at += p.frames;
        out.push_back(std::move(p));
    }
    return out;
}

std::int64_t totalFrames(const std::vector<Placed>& placed) {
    return placed.empty() ? 0 : placed.back().recordFrame + placed.back().frames;
}

Micros totalDuration(const std::vector<StoryItem>& items) {
    Micros total = 0;
    for (const auto& it : items)
        if (it.kind != StoryItemKind::LowerThird) total += it.duration();
    return total;
}

std::string itemName(const StoryItem& it) { return std::string(toString(it.kind)) + " " + std::to_string(it.id); }

Result<StoryDoc> loadStoryDoc(catalog::Catalog& cat, const Library& lib, const Story& s) {
    StoryDoc doc{.story = s};
    auto items = cat.storyItems(s.id);
    if (!items) return items.error();
    doc.placed = place(*items, s.fps);
    if (doc.placed.empty()) return Error::make("story '" + s.title + "'", "is empty: add clips or titles first");
    for (const auto& p : doc.placed) {
        ClipSource src;
        if (p.item.kind == StoryItemKind::Clip) {
            auto angle = cat.angle(p.item.sessionId, p.item.angle);
            if (!angle) return Error::make(itemName(p.item), angle.error().message);
            const Asset* a = &angle->asset;
            src.asset = *a;
            src.origin = angle->origin();
            src.file = std::filesystem::absolute(lib.absolute(a->path)).lexically_normal();
            std::error_code ec;
            if (!std::filesystem::is_regular_file(src.file, ec))
                return Error::make(itemName(p.item), "its source file is missing: " + src.file.string());
            src.soundFile = src.file;
            src.soundOrigin = src.origin;
            if (!a->probe.hasAudio) {
                if (auto main = cat.angle(p.item.sessionId, "main"); main && angle->borrowsSoundFrom(*main)) {
                    src.soundFile = std::filesystem::absolute(lib.absolute(main->asset.path)).lexically_normal();
                    src.soundOrigin = main->origin();
                }
            }
            auto session = cat.session(p.item.sessionId);
            if (!session) return session.error();
            src.sessionTitle = session->title;
            auto ms = cat.markers(p.item.sessionId);
            if (!ms) return ms.error();
            for (const auto& m : *ms)
                if ((m.kind == MarkerKind::Knack || m.kind == MarkerKind::Safety) && m.in >= p.item.in && m.in < p.item.out)
                    src.markers.push_back(m);
        }
        doc.sources.push_back(std::move(src));
    }
    return doc;
}

}  // namespace kotsu::story
