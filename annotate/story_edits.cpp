#include "annotate/story_edits.hpp"

namespace kotsu::annotate {

namespace {

Result<CommandPtr> edit(const Story& story, std::string name, StoryEdit::Op op) {
    if (story.id == 0) return Error::make("story", "pick a story first");
    return CommandPtr(std::make_unique<StoryEdit>(story, std::move(name), std::move(op)));
}

}  // namespace

Status StoryEdit::apply(EditorState&, catalog::Catalog& cat) {
    if (done_) {
        auto stored = cat.replaceStoryItems(story_.id, after_);
        if (!stored) return stored.error();
        return {};
    }
    auto before = cat.storyItems(story_.id);
    if (!before) return before.error();
    story::StoryService service(cat, story_);
    KOTSU_TRY(op_(service));
    auto after = cat.storyItems(story_.id);
    if (!after) return after.error();
    before_ = std::move(before).value();
    after_ = std::move(after).value();
    done_ = true;
    return {};
}

Status StoryEdit::revert(EditorState&, catalog::Catalog& cat) {
    auto stored = cat.replaceStoryItems(story_.id, before_);
    if (!stored) return stored.error();
    return {};
}

Result<CommandPtr> storyAddSelection(const EditorState& s, const Story& story, const std::string& beat) {
    story::ClipRequest r;
    r.sessionId = s.session.id;
    r.beat = beat;
    // In/out marks are set on purpose: they win over a marker that merely stayed selected.
    if (s.markIn && s.markOut && *s.markIn < *s.markOut) {
        r.in = *s.markIn;
        r.out = *s.markOut;
    } else if (const Marker* m = s.marker(s.selectedMarker)) {
        r.markerId = m->id;
    } else {
        return Error::make("story add", "select a marker, or set in and out (I, O)");
    }
    return edit(story, "story-add", [r](story::StoryService& svc) -> Status {
        auto added = svc.addClip(r);
        if (!added) return added.error();
        return {};
    });
}

Result<CommandPtr> storyMove(const Story& story, Id item, int to) {
    return edit(story, "story-move", [item, to](story::StoryService& svc) { return svc.move(item, to); });
}

Result<CommandPtr> storyTrim(const Story& story, Id item, Micros in, Micros out) {
    return edit(story, "story-trim", [item, in, out](story::StoryService& svc) { return svc.trim(item, in, out); });
}

Result<CommandPtr> storyRemove(const Story& story, Id item) {
    return edit(story, "story-remove", [item](story::StoryService& svc) { return svc.remove(item); });
}

}  // namespace kotsu::annotate
