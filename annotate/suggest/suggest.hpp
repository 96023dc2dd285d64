#pragma once
// Step suggestions: boundaries proposed from picture (cuts, fades), motion (rest ↔ work) and sound
// (pauses in speech), found on the session's main asset and stored as open suggestions in the catalog.
//
// The editor calls suggestForSession() from a background job (Progress::setSink for the bar,
// cancel SuggestOptions::cancel to stop it) and reads the result back with Catalog::suggestions(); accepting or
// dismissing one is Catalog::setSuggestionState(). A new run replaces only the open suggestions.
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/library.hpp"
#include "core/model.hpp"
#include "core/cancel.hpp"
#include "core/progress.hpp"
#include "core/time.hpp"

namespace kotsu::annotate {

enum class Detector { Content, Adaptive, Fade, Motion, Audio };

[[nodiscard]] const char* toString(Detector d);
// "content,adaptive,fade,motion,audio" (any subset, any order; "all") → detectors.
[[nodiscard]] Result<std::vector<Detector>> parseDetectors(std::string_view list);

struct SuggestOptions {
    std::vector<Detector> detectors{Detector::Content, Detector::Adaptive, Detector::Fade, Detector::Motion,
                                    Detector::Audio};
    // content: PySceneDetect's ContentDetector (mean HSV change between consecutive frames).
    double contentThreshold = 27.0;
    int minSceneFrames = 15;  // at the stream's frame rate; turned into time, so VFR does not move it
    // adaptive: PySceneDetect's AdaptiveDetector (content change over its rolling neighbourhood).
    double adaptiveThreshold = 3.0;
    int adaptiveWindow = 2;
    double adaptiveMinContent = 15.0;
    // fade: mean 8-bit R,G,B intensity below which a frame counts as black.
    double fadeThreshold = 12.0;
    // motion: shortest rest or work phase that counts as one.
    Micros minPhase = 1'500'000;
    // audio: shortest gap in speech that counts as a pause.
    Micros minPause = 700'000;
    // Suggestions closer than this are merged into one (the strongest reason is kept).
    Micros minSpacing = 1'000'000;
    int analysisWidth = 256;
    // Decode only reference frames first and decode the frames between them only where something
    // changes (exact frames either way); false decodes every frame.
    bool fastDecode = true;
    int threads = 0;  // decoder threads, 0 = libav's choice
    CancelToken cancel;  // default: a child of the process token (Ctrl-C/SIGTERM)
};

// What one run found, and how.
struct SuggestReport {
    std::vector<Suggestion> suggestions;  // by time; ids/states filled in once stored
    std::vector<std::string> notes;       // e.g. "audio only: ran the audio detector"
    std::vector<Detector> ran;            // the detectors that actually ran
    Id videoAsset = 0;                    // 0: none (or a file run)
    Id audioAsset = 0;
    std::string videoPath;
    std::string audioPath;
    long framesAnalyzed = 0;   // pictures decoded and analysed (first pass + refinement)
    long framesRefined = 0;    // of those, decoded again around a change
    Micros duration = 0;       // of the analysed media
};

// Analyses one file (video and its audio); times are on its own timeline (first frame = 0).
[[nodiscard]] Result<SuggestReport> analyzeFile(const std::string& path, const SuggestOptions& options,
                                                Progress* progress = nullptr);
// Analyses picture from one file and sound from another (the same file twice is fine).
[[nodiscard]] Result<SuggestReport> analyzeFiles(const std::string& videoPath, const std::string& audioPath,
                                                 const SuggestOptions& options, Progress* progress = nullptr);

// Runs the detectors on the session's main asset (role main, else the first with video; sound from
// it, else from an asset with role audio), stores the result (open suggestions replaced, decided ones
// kept) and reports what it did.
[[nodiscard]] Result<SuggestReport> runSuggestions(const Library& library, catalog::Catalog& catalog,
                                                   const Session& session, const SuggestOptions& options,
                                                   Progress* progress = nullptr);

// The editor's entry point: runSuggestions() without the report, suggestions with their catalog ids.
[[nodiscard]] Result<std::vector<Suggestion>> suggestForSession(const Library& library, catalog::Catalog& catalog,
                                                                const Session& session,
                                                                const SuggestOptions& options = {},
                                                                Progress* progress = nullptr);
// One file, nothing stored.
[[nodiscard]] Result<std::vector<Suggestion>> suggestForFile(const std::string& path,
                                                             const SuggestOptions& options = {});

}  // namespace kotsu::annotate
