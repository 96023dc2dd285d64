#include "story/import_otio.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "story/story_model.hpp"

namespace kotsu::story {

namespace {

using nlohmann::json;

// A member of an object, or null when `j` is not an object or has no such member: a malformed file is
// an error naming it, never an exception.
const json& member(const json& j, const char* key) {
    static const json null;
    if (!j.is_object()) return null;
    auto it = j.find(key);
    return it == j.end() ? null : *it;
}

std::string text(const json& j, const char* key) {
    const json& m = member(j, key);
    return m.is_string() ? m.get<std::string>() : std::string();
}

template <class T>
T number(const json& j, const char* key, T fallback) {
    const json& m = member(j, key);
    return m.is_number() ? m.get<T>() : fallback;
}

struct Span {
    std::int64_t start = 0, frames = 0;
    const json* clip = nullptr;
};

Result<std::int64_t> framesOf(const json& t, Rational fps, const std::string& where) {
    if (!t.is_object() || text(t, "OTIO_SCHEMA") != "RationalTime.1" || !t.contains("value") || !t.contains("rate") ||
        !t["value"].is_number() || !t["rate"].is_number() || t["rate"].get<double>() <= 0)
        return Error::make(where, "not a RationalTime.1");
    double rate = t["rate"].get<double>();
    double frames = t["value"].get<double>() * fps.toDouble() / rate;
    if (!(frames > -1e12 && frames < 1e12)) return Error::make(where, "time out of range");
    return static_cast<std::int64_t>(std::llround(frames));
}

Result<std::pair<std::int64_t, std::int64_t>> rangeOf(const json& r, Rational fps, const std::string& where) {
    if (!r.is_object() || text(r, "OTIO_SCHEMA") != "TimeRange.1") return Error::make(where, "has no source_range (TimeRange.1)");
    auto start = framesOf(member(r, "start_time"), fps, where + ": start_time");
    if (!start) return start.error();
    auto frames = framesOf(member(r, "duration"), fps, where + ": duration");
    if (!frames) return frames.error();
    if (*frames <= 0) return Error::make(where, "has no length");
    return std::pair{*start, *frames};
}

}  // namespace

Result<std::vector<StoryItem>> importOtio(const std::filesystem::path& file, catalog::Catalog& cat, const Story& story) {
    const std::string name = file.string();
    auto content = readFile(file);
    if (!content) return content.error();
    json doc = json::parse(*content, nullptr, false);
    if (doc.is_discarded()) return Error::make(name, "is not JSON");
    if (text(doc, "OTIO_SCHEMA") != "Timeline.1") return Error::make(name, "is not an OTIO Timeline.1");
    const json& stack = member(doc, "tracks");
    if (text(stack, "OTIO_SCHEMA") != "Stack.1" || !member(stack, "children").is_array())
        return Error::make(name, "has no Stack.1 of tracks");
    auto existing = cat.storyItems(story.id);
    if (!existing) return existing.error();
    const Rational fps = story.fps;

    std::vector<Span> track, lowers;  // clips and titles; lower thirds
    for (const auto& t : stack["children"]) {
        if (text(t, "OTIO_SCHEMA") != "Track.1" || text(t, "kind") != "Video" || !member(t, "children").is_array()) continue;
        std::int64_t at = 0;
        for (const auto& c : t["children"]) {
            const std::string schema = text(c, "OTIO_SCHEMA");
            const std::string where = name + ": " + schema + " '" + text(c, "name") + "'";
            auto r = rangeOf(member(c, "source_range"), fps, where);
            if (!r) return r.error();
            if (schema == "Clip.2" || schema == "Clip.1") {
                if (!member(c, "enabled").is_boolean() || member(c, "enabled").get<bool>()) {
                    bool lower = text(member(member(c, "metadata"), "kotsu"), "kind") == "lower-third";
                    (lower ? lowers : track).push_back(Span{at, r->second, &c});
                }
            } else if (schema != "Gap.1") {
                return Error::make(where, "is not a clip or a gap (kotsu reads Clip.2, Clip.1 and Gap.1)");
            }
            at += r->second;
        }
    }
    std::stable_sort(track.begin(), track.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

    auto original = [&](Id id) -> const StoryItem* {
        for (const auto& it : *existing)
            if (it.id == id) return &it;
        return nullptr;
    };
    std::vector<StoryItem> items;
    std::int64_t cursor = 0;
    for (const auto& s : track) {
        const json& c = *s.clip;
        const std::string where = name + ": clip '" + text(c, "name") + "'";
        if (s.start > cursor)  // a gap the editor made: black, as long as the gap
            items.push_back(StoryItem{.kind = StoryItemKind::Title, .in = 0, .out = fromFrames(s.start - cursor, fps)});
        if (s.start < cursor) return Error::make(where, "overlaps the clip before it (kotsu stories are one sequence)");
        const json& k = member(member(c, "metadata"), "kotsu");
        if (!k.is_object()) return Error::make(where, "has no kotsu metadata: not exported by kotsu story export");
        StoryItem it;
        it.id = number<std::int64_t>(k, "item", Id{0});
        it.beat = text(k, "beat");
        if (text(k, "kind") == "title") {
            it.kind = StoryItemKind::Title;
            it.text = text(k, "text");
            it.sub = text(k, "sub");
            it.in = 0;
            const Micros kept = number<std::int64_t>(k, "length_us", Micros{0});
            it.out = toFrames(kept, fps) == s.frames ? kept : fromFrames(s.frames, fps);
        } else {
            it.kind = StoryItemKind::Clip;
            it.sessionId = number<std::int64_t>(k, "session", Id{0});
            it.angle = text(k, "angle").empty() ? "main" : text(k, "angle");
            it.markerId = number<std::int64_t>(k, "marker", Id{0});
            if (!cat.session(it.sessionId)) return Error::make(where, "its session " + std::to_string(it.sessionId) + " is not in this library");
            auto r = rangeOf(member(c, "source_range"), fps, where);
            if (!r) return r.error();
            it.in = fromFrames(r->first, fps);
            it.out = fromFrames(r->first + r->second, fps);
            // Untouched in the editor: the exact times, not the frame-rounded ones.
            if (const auto* o = original(it.id); o && toFrames(o->in, fps) == r->first &&
                                                  toFrames(o->out, fps) - toFrames(o->in, fps) == r->second) {
                it.in = o->in;
                it.out = o->out;
            }
            it.text = text(c, "name");
            if (const auto* o = original(it.id)) it.text = o->text;
        }
        // A clip the editor duplicated is a new item.
        if (std::any_of(items.begin(), items.end(), [&](const StoryItem& x) { return x.id && x.id == it.id; })) it.id = 0;
        items.push_back(it);
        cursor = s.start + s.frames;
    }
    for (const auto& s : lowers) {
        const json& k = member(member(*s.clip, "metadata"), "kotsu");
        StoryItem lt{.id = number<std::int64_t>(k, "item", Id{0}), .kind = StoryItemKind::LowerThird, .text = text(k, "text"),
                     .sub = text(k, "sub")};
        // The clip under it by record time.
        std::int64_t at = 0;
        for (const auto& it : items) {
            std::int64_t frames = it.kind == StoryItemKind::Clip ? toFrames(it.out, fps) - toFrames(it.in, fps)
                                                                 : toFrames(it.duration(), fps);
            if (it.kind == StoryItemKind::Clip && s.start >= at && s.start < at + frames) {
                lt.parentId = it.id;
                lt.in = fromFrames(s.start - at, fps);
                lt.out = lt.in + fromFrames(std::min(s.frames, at + frames - s.start), fps);
                const Micros keptIn = number<std::int64_t>(k, "in_us", Micros{-1}), keptOut = number<std::int64_t>(k, "out_us", Micros{-1});
                if (keptIn >= 0 && toFrames(keptIn, fps) == s.start - at && toFrames(keptOut - keptIn, fps) == s.frames) {
                    lt.in = keptIn;
                    lt.out = keptOut;
                }
            }
            at += frames;
        }
        if (lt.parentId && std::none_of(items.begin(), items.end(), [&](const StoryItem& x) { return x.id && x.id == lt.id; }))
            items.push_back(lt);
        else if (lt.parentId) {
            lt.id = 0;
            items.push_back(lt);
        }
    }
    if (items.empty()) return Error::make(name, "has no clips");
    return items;
}

}  // namespace kotsu::story
