#pragma once
// Snapping while dragging on the timeline: to the playhead, other markers' edges, suggestions and
// shot changes, within a tolerance given in time (the UI turns pixels into time).
#include <optional>
#include <vector>

#include "annotate/editor_state.hpp"

namespace kotsu::annotate {

struct SnapOptions {
    bool enabled = true;
    bool playhead = true;
    bool markers = true;
    bool suggestions = true;
    bool shotChanges = true;
};

enum class SnapSource { None, Playhead, Marker, Suggestion, ShotChange, InOut };

struct SnapTarget {
    Micros time = 0;
    SnapSource source = SnapSource::None;
};

struct SnapResult {
    Micros time = 0;
    SnapSource source = SnapSource::None;  // None: not snapped (time is only frame-aligned)
};

// Targets sorted by time; `exclude` leaves out one marker's own edges (the one being dragged).
[[nodiscard]] std::vector<SnapTarget> snapTargets(const EditorState& s, const SnapOptions& o, Id exclude = 0);
// The nearest target within tolerance, else t on its frame.
[[nodiscard]] SnapResult snapTime(const EditorState& s, const std::vector<SnapTarget>& targets, Micros t,
                                  Micros tolerance);
// Moving a range [in, out) by its body: whichever edge lands closer to a target wins.
[[nodiscard]] Micros snapMove(const EditorState& s, const std::vector<SnapTarget>& targets, Micros in, Micros out,
                              Micros tolerance, SnapSource* source = nullptr);

}  // namespace kotsu::annotate
