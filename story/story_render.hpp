#pragma once
// The story film rendered in-process in one pass: only the items' ranges are decoded (av::MediaReader,
// seeking), each scaled and cropped to the film's frame (16:9, or 9:16 / 1:1 cropped around the picture's
// motion centre), 0.5 s crossfades between items, title cards and lower thirds drawn by libass, sound
// through the speech chain to −14 LUFS with true peak ≤ −1 dBTP, H.264 High + AAC, faststart, written
// under a temporary name.
#include <filesystem>
#include <string>

#include "core/cancel.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"
#include "core/progress.hpp"
#include "story/story_model.hpp"

namespace kotsu::story {

struct RenderOptions {
    std::filesystem::path out;
    std::string aspect = "16:9";  // 16:9 | 9:16 | 1:1
    std::string music;            // a file to play under the film, ducked under speech
    std::string captions = "none";
    // Stops the render (the output is not written): the editor's job token; by default a child of the
    // process token (Ctrl-C/SIGTERM).
    CancelToken cancel;
    // Told the film time written so far (the editor's progress bar); the terminal's is drawn anyway.
    Progress* progress = nullptr;
};

struct Rendered {
    int width = 0, height = 0;
    Micros duration = 0;
    std::int64_t frames = 0;
    Loudness loudness;
    double gainDb = 0;  // the speech chain's normalising gain (from its measuring pass)
};

// The frame for an aspect: 16:9 is the story's size; 9:16 and 1:1 keep its height's scale (1080 → 1080×1920).
[[nodiscard]] std::pair<int, int> renderSize(const Story& s, const std::string& aspect);
// Frames of the film: the items' frames less a crossfade between each two.
[[nodiscard]] std::int64_t renderFrames(const StoryDoc& doc);
// The frames crossfaded at each boundary between items: 0.5 s, at most half of either item.
[[nodiscard]] std::vector<std::int64_t> crossfadeFrames(const StoryDoc& doc);

[[nodiscard]] Result<Rendered> renderStory(catalog::Catalog& cat, const StoryDoc& doc, const RenderOptions& o);

}  // namespace kotsu::story
