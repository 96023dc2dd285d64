#include "story/story_service.hpp"

#include <algorithm>

#include "story/story_model.hpp"

namespace kotsu::story {

namespace {

bool onTrack(const StoryItem& it) { return it.kind != StoryItemKind::LowerThird; }

// Track items in order, then lower thirds, positions 0…n-1 (a lower third takes its clip's).
std::vector<StoryItem> renumber(std::vector<StoryItem> items) {
    std::vector<StoryItem> out;
    int position = 0;
    for (auto& it : items)
        if (onTrack(it)) {
            it.position = position++;
            out.push_back(it);
        }
    for (auto& lt : items) {
        if (onTrack(lt)) continue;
        auto parent = std::find_if(out.begin(), out.end(), [&](const StoryItem& p) { return p.id == lt.parentId; });
        if (parent == out.end()) continue;  // its clip went: it goes too
        lt.position = parent->position;
        out.push_back(lt);
    }
    return out;
}

// Index in `items` (track items and lower thirds mixed) before which a track item at 1-based film position
// `at` goes.
size_t indexForPosition(const std::vector<StoryItem>& items, int at) {
    int seen = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (!onTrack(items[i])) continue;
        if (++seen == at) return i;
    }
    return items.size();
}

std::vector<StoryItem>::iterator findItem(std::vector<StoryItem>& items, Id id) {
    return std::find_if(items.begin(), items.end(), [&](const StoryItem& it) { return it.id == id; });
}

Error noSuchItem(Id id) { return Error::make("item " + std::to_string(id), "no such item in this story (see story STORY show)"); }

}  // namespace

Status StoryService::checkClip(const StoryItem& it) {
    auto session = cat_.session(it.sessionId);
    if (!session) return Error::make("session " + std::to_string(it.sessionId), "no such session");
    auto asset = cat_.angle(it.sessionId, it.angle);
    if (!asset) return asset.error();
    Micros length = it.angle == "main" ? 0 : asset->asset.probe.duration;
    if (it.angle == "main") {
        auto d = cat_.sessionDuration(it.sessionId);
        if (!d) return d.error();
        length = *d;
    }
    if (it.in < 0 || it.out <= it.in)
        return Error::make("the range " + formatTime(it.in) + " – " + formatTime(it.out), "is empty or reversed");
    if (it.out > length)
        return Error::make("the range " + formatTime(it.in) + " – " + formatTime(it.out),
                           "is outside the media of '" + session->title + "' (" + it.angle + " is " + formatTime(length) +
                               " long)");
    return {};
}

Result<std::vector<StoryItem>> StoryService::write(std::vector<StoryItem> items, const std::vector<StoryItem>& before) {
    auto stored = cat_.replaceStoryItems(story_.id, renumber(std::move(items)));
    if (!stored) return stored.error();
    undo_.push_back(before);
    redo_.clear();
    return stored;
}

Result<StoryItem> StoryService::addClip(const ClipRequest& r) {
    StoryItem it{.storyId = story_.id, .kind = StoryItemKind::Clip, .sessionId = r.sessionId, .angle = r.angle,
                 .beat = r.beat};
    if (r.markerId) {
        auto ms = cat_.markers(r.sessionId);
        if (!ms) return ms.error();
        auto m = std::find_if(ms->begin(), ms->end(), [&](const Marker& x) { return x.id == *r.markerId; });
        if (m == ms->end())
            return Error::make("marker " + std::to_string(*r.markerId), "no such marker in session " + std::to_string(r.sessionId));
        it.in = m->in;
        it.out = m->out;
        it.text = m->title;
        it.markerId = m->id;
        if (it.out <= it.in) return Error::make("marker " + std::to_string(m->id), "is a point, not a range: give --in/--out");
        if (it.beat.empty() && m->kind == MarkerKind::Knack) it.beat = "knack";
    } else {
        if (!r.in || !r.out) return Error::make("story add", "give --marker ID, or --in and --out");
        it.in = *r.in;
        it.out = *r.out;
    }
    KOTSU_TRY(checkClip(it));
    auto beats = cat_.storyBeats(story_.id);
    if (!beats) return beats.error();
    auto beatIndex = [&](const std::string& name) -> int {
        for (size_t i = 0; i < beats->size(); ++i)
            if ((*beats)[i].name == name) return int(i);
        return -1;
    };
    if (!r.beat.empty() && !beats->empty() && beatIndex(r.beat) < 0)
        return Error::make("--beat " + r.beat, "the story has no such beat");
    if (r.beat.empty() && beatIndex(it.beat) < 0) it.beat.clear();  // a knack marker in a story without beats

    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    size_t at = items.size();
    if (r.at) {
        at = indexForPosition(items, *r.at);
    } else if (beatIndex(it.beat) >= 0) {
        // After the last item of this beat or an earlier one.
        int mine = beatIndex(it.beat);
        for (size_t i = 0; i < items.size(); ++i) {
            if (!onTrack(items[i])) continue;
            int b = beatIndex(items[i].beat);
            if (b > mine) {
                at = i;
                break;
            }
        }
    }
    items.insert(items.begin() + static_cast<long>(at), it);
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    for (const auto& s : *stored)
        if (std::none_of(before->begin(), before->end(), [&](const StoryItem& b) { return b.id == s.id; })) return s;
    return Error::make("story add", "the new item was not stored");
}

Result<StoryItem> StoryService::addTitle(const TitleRequest& r) {
    if (r.text.empty()) return Error::make("story title", "--text is empty");
    if (r.length <= 0) return Error::make("story title", "--seconds must be more than 0");
    StoryItem it{.storyId = story_.id, .kind = StoryItemKind::Title, .in = 0, .out = r.length, .beat = r.beat,
                 .text = r.text, .sub = r.sub};
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    size_t at = r.at ? indexForPosition(items, *r.at) : items.size();
    items.insert(items.begin() + static_cast<long>(at), it);
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    for (const auto& s : *stored)
        if (std::none_of(before->begin(), before->end(), [&](const StoryItem& b) { return b.id == s.id; })) return s;
    return Error::make("story title", "the new item was not stored");
}

Result<StoryItem> StoryService::addLowerThird(Id itemId, const std::string& text, const std::string& sub) {
    if (text.empty()) return Error::make("story lower-third", "--text is empty");
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    auto parent = findItem(items, itemId);
    if (parent == items.end()) return noSuchItem(itemId);
    if (parent->kind != StoryItemKind::Clip)
        return Error::make(itemName(*parent), "a lower third goes on a clip, not on a " + std::string(toString(parent->kind)));
    // One lower third per clip: a new one replaces the old.
    std::erase_if(items, [&](const StoryItem& x) { return x.kind == StoryItemKind::LowerThird && x.parentId == itemId; });
    StoryItem lt{.storyId = story_.id, .kind = StoryItemKind::LowerThird, .in = 0,
                 .out = std::min(kLowerThirdLength, parent->duration()), .text = text, .sub = sub, .parentId = itemId};
    items.push_back(lt);
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    for (const auto& s : *stored)
        if (s.kind == StoryItemKind::LowerThird && s.parentId == itemId) return s;
    return Error::make("story lower-third", "the new item was not stored");
}

Status StoryService::move(Id itemId, int to) {
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    auto found = findItem(items, itemId);
    if (found == items.end()) return noSuchItem(itemId);
    if (!onTrack(*found)) return Error::make(itemName(*found), "moves with its clip");
    StoryItem it = *found;
    items.erase(found);
    items.insert(items.begin() + static_cast<long>(indexForPosition(items, std::max(1, to))), it);
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    return {};
}

Status StoryService::trim(Id itemId, Micros in, Micros out) {
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    auto found = findItem(items, itemId);
    if (found == items.end()) return noSuchItem(itemId);
    if (out <= in) return Error::make(itemName(*found), "--out must be after --in");
    found->in = in;
    found->out = out;
    if (found->kind == StoryItemKind::Clip) {
        KOTSU_TRY(checkClip(*found));
    } else if (found->kind == StoryItemKind::LowerThird) {
        auto parent = findItem(items, found->parentId);
        if (parent != items.end() && out > parent->duration())
            return Error::make(itemName(*found), "runs past the end of its clip (" + formatTime(parent->duration()) + ")");
    }
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    return {};
}

Status StoryService::remove(Id itemId) {
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    auto items = *before;
    auto found = findItem(items, itemId);
    if (found == items.end()) return noSuchItem(itemId);
    items.erase(found);
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    return {};
}

Status StoryService::replace(std::vector<StoryItem> items) {
    auto before = cat_.storyItems(story_.id);
    if (!before) return before.error();
    for (auto& it : items) {
        if (std::none_of(before->begin(), before->end(), [&](const StoryItem& b) { return b.id == it.id; })) it.id = 0;
        it.storyId = story_.id;
        if (it.kind == StoryItemKind::Clip) KOTSU_TRY(checkClip(it));
    }
    auto stored = write(std::move(items), *before);
    if (!stored) return stored.error();
    return {};
}

Status StoryService::undo() {
    if (undo_.empty()) return Error::make("story", "nothing to undo");
    auto now = cat_.storyItems(story_.id);
    if (!now) return now.error();
    auto stored = cat_.replaceStoryItems(story_.id, undo_.back());
    if (!stored) return stored.error();
    undo_.pop_back();
    redo_.push_back(*now);
    return {};
}

Status StoryService::redo() {
    if (redo_.empty()) return Error::make("story", "nothing to redo");
    auto now = cat_.storyItems(story_.id);
    if (!now) return now.error();
    auto stored = cat_.replaceStoryItems(story_.id, redo_.back());
    if (!stored) return stored.error();
    redo_.pop_back();
    undo_.push_back(*now);
    return {};
}

}  // namespace kotsu::story
