#pragma once
// The one place a story is edited, for `kotsu story` and the editor alike: each edit reads the story's
// items as stored, changes them, checks them against the media, and writes them back in one catalog
// transaction. The service keeps the stories as they were before each edit, so undo() and redo() work
// as the editor's do for markers (an item removed and brought back keeps its id).
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::story {

// What `add` takes: a marker's range or an explicit one.
struct ClipRequest {
    Id sessionId = 0;
    std::optional<Id> markerId;
    std::optional<Micros> in, out;
    std::string beat;               // empty: a knack marker fills the "knack" beat when the story has one
    std::string angle = "main";
    std::optional<int> at;          // 1-based position in the film; else the end of its beat, else the end
};

struct TitleRequest {
    std::string text, sub;
    Micros length = 3'000'000;
    std::string beat;
    std::optional<int> at;
};

class StoryService {
public:
    StoryService(catalog::Catalog& cat, Story story) : cat_(cat), story_(std::move(story)) {}

    [[nodiscard]] Result<StoryItem> addClip(const ClipRequest& r);
    [[nodiscard]] Result<StoryItem> addTitle(const TitleRequest& r);
    [[nodiscard]] Result<StoryItem> addLowerThird(Id itemId, const std::string& text, const std::string& sub);
    [[nodiscard]] Status move(Id itemId, int to);          // to: 1-based position in the film
    [[nodiscard]] Status trim(Id itemId, Micros in, Micros out);
    [[nodiscard]] Status remove(Id itemId);
    // The items exactly as given (an import): order, trims and titles; ids kept when they are the story's.
    [[nodiscard]] Status replace(std::vector<StoryItem> items);

    [[nodiscard]] bool canUndo() const { return !undo_.empty(); }
    [[nodiscard]] bool canRedo() const { return !redo_.empty(); }
    [[nodiscard]] Status undo();
    [[nodiscard]] Status redo();

    [[nodiscard]] Result<std::vector<StoryItem>> items() { return cat_.storyItems(story_.id); }
    [[nodiscard]] const Story& story() const { return story_; }

private:
    // Checks a clip's session, angle and range against the media.
    [[nodiscard]] Status checkClip(const StoryItem& it);
    [[nodiscard]] Result<std::vector<StoryItem>> write(std::vector<StoryItem> items, const std::vector<StoryItem>& before);

    catalog::Catalog& cat_;
    Story story_;
    std::vector<std::vector<StoryItem>> undo_, redo_;
};

}  // namespace kotsu::story
