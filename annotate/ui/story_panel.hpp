#pragma once
// The Story panel (issue 10 item 5): pick a story of the library or make one, its beats and items in
// film order with a thumbnail each, the story's length; add the selected marker or the in/out range
// (one key), reorder by dragging rows, trim, remove — each one command on the editor's undo stack
// (annotate/story_edits); play the story through in the viewer across sessions (annotate/story_playback,
// driven by App); render it in the background with progress and cancel (story::renderStory).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "annotate/background_job.hpp"
#include "annotate/story_playback.hpp"
#include "annotate/ui/gl.hpp"
#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

class StoryPanel {
public:
    void draw(Workspace& ws, UiContext& ui);

    // What the panel's controls do (and the tests call).
    [[nodiscard]] Status createStory(Workspace& ws, const std::string& title, const std::string& templateName);
    void selectStory(Workspace& ws, Id storyId);
    void addSelection(Workspace& ws);           // the key: the selected marker or the in/out range
    void moveItem(Workspace& ws, Id item, int to);
    void trimItem(Workspace& ws, Id item, Micros in, Micros out);
    void removeItem(Workspace& ws, Id item);
    void play();
    void startRender(Workspace& ws, const std::filesystem::path& out, const std::string& aspect = "16:9");
    void cancelRender();
    // Picks up a finished render; call every frame.
    void poll(Workspace& ws);

    [[nodiscard]] const Story& story() const { return story_; }
    [[nodiscard]] const std::vector<StoryItem>& items() const { return items_; }
    [[nodiscard]] BackgroundJob* renderJob() { return job_.get(); }
    [[nodiscard]] const std::string& renderResult() const { return result_; }
    [[nodiscard]] StoryPlayback& playback() { return playback_; }
    [[nodiscard]] Id selectedItem() const { return selected_; }
    void selectItem(Id id) { selected_ = id; }
    // Where an item's row was drawn last frame (tests aim the mouse with it).
    [[nodiscard]] std::optional<std::pair<ImVec2, ImVec2>> rowRect(Id item) const;

private:
    // Reads the story again after an edit, an undo, or another program's write (data_version); the
    // latter also drops the undo entries of this story (CommandStack::rebase).
    void refresh(Workspace& ws);
    void load(Workspace& ws);
    void drawItems(Workspace& ws, UiContext& ui);
    void drawSelected(Workspace& ws, UiContext& ui);
    void drawRender(Workspace& ws, UiContext& ui);
    const gl::Texture* thumbnail(Workspace& ws, const StoryItem& it);

    std::vector<Story> stories_;
    Story story_;
    std::vector<StoryItem> items_;
    std::vector<StoryBeat> beats_;
    Id selected_ = 0;
    std::string beat_;  // where the key adds: "" = the end (or a knack marker's beat)
    const Workspace* seenWs_ = nullptr;
    size_t seenRevision_ = 0;
    std::int64_t seenVersion_ = -1;
    bool listed_ = false;
    std::string newTitle_;
    int newTemplate_ = 0;
    double trimIn_ = 0, trimOut_ = 0;
    Id trimFor_ = 0;
    std::unique_ptr<BackgroundJob> job_;
    std::string renderOut_, result_;
    StoryPlayback playback_;
    std::map<std::pair<Id, std::string>, ThumbnailSet> sets_;  // by session and angle
    std::map<std::string, gl::Texture> textures_;               // by thumbnail file
    int loadsThisFrame_ = 0;
    std::vector<std::pair<Id, std::pair<ImVec2, ImVec2>>> rows_;
};

}  // namespace kotsu::annotate::ui
