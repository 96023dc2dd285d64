#pragma once
// What the editor shows and edits, as values: the session's markers, caption cues of one
// language, suggestions, the playhead and the in/out marks. No UI here: panels read this and
// change it only through commands (annotate/commands.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

namespace kotsu::annotate {

// Frame arithmetic on the session timeline: frame k starts at round(k / rate) seconds.
class FrameGrid {
public:
    FrameGrid() = default;
    explicit FrameGrid(Rational rate) : rate_(rate.valid() ? rate : Rational{30, 1}) {}
    [[nodiscard]] Rational rate() const { return rate_; }
    [[nodiscard]] Micros timeOf(std::int64_t frame) const;
    // The frame showing at t: the last one that starts at or before t.
    [[nodiscard]] std::int64_t frameAt(Micros t) const;
    [[nodiscard]] Micros snap(Micros t) const { return timeOf(frameAt(t)); }
    [[nodiscard]] Micros step(Micros t, std::int64_t frames) const { return timeOf(frameAt(t) + frames); }

private:
    Rational rate_{30, 1};
};

struct EditorState {
    Session session;
    Asset asset;                 // the main asset (its proxy is what the viewer shows)
    Micros duration = 0;         // of the session timeline
    FrameGrid grid;
    std::vector<Marker> markers;          // ordered by in, then kind
    std::string captionLang = "ja";
    std::vector<Cue> cues;                // of captionLang, ordered by start
    std::vector<Suggestion> suggestions;  // ordered by time
    std::vector<Micros> shotChanges;      // from the thumbnail strip, when known

    Micros playhead = 0;
    std::optional<Micros> markIn;
    std::optional<Micros> markOut;
    Id selectedMarker = 0;
    Id selectedCue = 0;
    Id selectedSuggestion = 0;

    [[nodiscard]] Micros lastFrame() const;  // start of the last frame
    [[nodiscard]] Micros clampToMedia(Micros t) const;

    [[nodiscard]] const Marker* marker(Id id) const;
    [[nodiscard]] const Cue* cue(Id id) const;
    [[nodiscard]] const Suggestion* suggestion(Id id) const;
    [[nodiscard]] const Marker* stepAt(Micros t) const;    // the step with in ≤ t < out
    [[nodiscard]] const Cue* cueAt(Micros t) const;        // the cue with start ≤ t < end
    [[nodiscard]] const Marker* nextStepAfter(Micros t) const;
    [[nodiscard]] int stepNumber(Id stepId) const;         // 1-based, 0 when not a step
    [[nodiscard]] std::vector<Micros> markerEdges() const; // every in and out, sorted
    [[nodiscard]] int openSuggestions() const;

    // Keep the orders above after a change.
    void sortMarkers();
    void sortCues();
};

// Reads a session from the catalog: markers, cues of `lang`, suggestions, its main asset.
[[nodiscard]] Result<EditorState> loadEditorState(catalog::Catalog& cat, Id sessionId, const std::string& lang = "");

}  // namespace kotsu::annotate
