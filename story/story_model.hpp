#pragma once
// A story film as a timeline: the items in film order with their place in frames at the story's rate,
// the templates' beats (assets/story_templates.conf), and the media each clip is cut from.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/library.hpp"
#include "core/model.hpp"

namespace kotsu::story {

// Between two items the render crossfades this long (exports cut).
inline constexpr Micros kCrossfade = 500'000;
// A lower third shows this long from its offset into its clip (shorter when the clip is).
inline constexpr Micros kLowerThirdLength = 4'000'000;

// The beats a new story of template `name` starts with ("documentary", "blank", or a user's).
[[nodiscard]] Result<std::vector<StoryBeat>> storyTemplate(const std::string& name);

// Microseconds → whole frames at `fps`, rounded to the nearest frame.
[[nodiscard]] std::int64_t toFrames(Micros us, Rational fps);
// Frames → microseconds (rounded), exact for whole frames at integer rates.
[[nodiscard]] Micros fromFrames(std::int64_t frames, Rational fps);

// An item on the film's main track.
struct Placed {
    StoryItem item;
    std::int64_t recordFrame = 0;  // where it starts in the film (cuts, no crossfades)
    std::int64_t srcInFrame = 0;   // clips: in-point on the media's own frame numbering (titles: 0)
    std::int64_t frames = 0;       // its length
    std::vector<StoryItem> lowerThirds;
};

// The clips and titles in order with their lower thirds; lengths quantised to frames so that exports
// add up exactly.
[[nodiscard]] std::vector<Placed> place(const std::vector<StoryItem>& items, Rational fps);
[[nodiscard]] std::int64_t totalFrames(const std::vector<Placed>& placed);
// Sum of the items' exact lengths (what `show` reports).
[[nodiscard]] Micros totalDuration(const std::vector<StoryItem>& items);

// Where a clip's picture comes from.
struct ClipSource {
    Asset asset;
    std::filesystem::path file;   // absolute
    std::optional<Micros> origin; // file time of session time 0 for this angle (Angle::origin)
    // Where its sound comes from (always set for clips): the same file, or the main camera's when the
    // angle has no microphone (a hand camera), on the same session time.
    std::filesystem::path soundFile;
    std::optional<Micros> soundOrigin;
    std::string sessionTitle;
    std::vector<Marker> markers;  // knack and safety markers inside the range
};

// The story and what every clip needs to be exported or rendered; a missing source file or asset is an
// error naming the item.
struct StoryDoc {
    Story story;
    std::vector<Placed> placed;
    std::vector<ClipSource> sources;  // one per placed item (titles: empty asset)
};
[[nodiscard]] Result<StoryDoc> loadStoryDoc(catalog::Catalog& cat, const Library& lib, const Story& s);

// "clip 12" / "title 3" as messages name items.
[[nodiscard]] std::string itemName(const StoryItem& it);

}  // namespace kotsu::story
