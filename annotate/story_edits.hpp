#pragma once
// Story edits in the editor (issue 10 item 5): each is one Command on the editor's undo stack, made
// through story::StoryService (the checks and the words of `kotsu story`). The first apply runs the
// service's edit and keeps the story's items as they were and became; undo and redo write those back
// (ids kept), as marker edits do.
#include <functional>
#include <string>
#include <vector>

#include "annotate/commands.hpp"
#include "story/story_service.hpp"

namespace kotsu::annotate {

class StoryEdit final : public Command {
public:
    using Op = std::function<Status(story::StoryService&)>;
    StoryEdit(Story story, std::string name, Op op) : story_(std::move(story)), name_(std::move(name)), op_(std::move(op)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override { f.stories.insert(story_.id); }

private:
    Story story_;
    std::string name_;
    Op op_;
    bool done_ = false;
    std::vector<StoryItem> before_, after_;
};

// The in/out marks, else the selected marker's range, of the open session: to the end of `beat` (empty:
// a knack marker fills the knack beat, anything else goes to the end).
[[nodiscard]] Result<CommandPtr> storyAddSelection(const EditorState& s, const Story& story, const std::string& beat = {});
// to: 1-based position in the film.
[[nodiscard]] Result<CommandPtr> storyMove(const Story& story, Id item, int to);
[[nodiscard]] Result<CommandPtr> storyTrim(const Story& story, Id item, Micros in, Micros out);
[[nodiscard]] Result<CommandPtr> storyRemove(const Story& story, Id item);

}  // namespace kotsu::annotate
