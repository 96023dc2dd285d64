#pragma once
// The editor's edits in words: each function looks at the state and returns the Command that does
// it (or why it cannot be done). Panels, key bindings and tests all go through these.
#include <string>
#include <vector>

#include "annotate/commands.hpp"

namespace kotsu::annotate {

struct MarkerDefaults {
    std::string stepTitle = "Step";   // "Step 3" / "手順 3": a step needs a title
    std::string author;
    Micros knackLength = 2'000'000;   // a new knack/safety marker, clipped to its step
};

// M: a marker of `kind` at the playhead. A step starts a new boundary there (it splits the step
// under the playhead, or runs to the next step or the end); knack and safety markers sit inside the
// step under the playhead; a tag is a point. With in/out marks set, the marker spans them.
[[nodiscard]] Result<CommandPtr> addMarkerAt(const EditorState& s, MarkerKind kind, Micros t,
                                             const MarkerDefaults& d = {});
// A step boundary at t: split the step under t, or start a step there.
[[nodiscard]] Result<CommandPtr> stepBoundaryAt(const EditorState& s, Micros t, const MarkerDefaults& d = {});
[[nodiscard]] Result<CommandPtr> removeMarker(const EditorState& s, Id id);
// New in/out (snapped to frames). name: "trim-marker" or "move-marker".
[[nodiscard]] Result<CommandPtr> setMarkerRange(const EditorState& s, Id id, Micros in, Micros out,
                                                const std::string& name);
enum class Edge { In, Out, Both };
[[nodiscard]] Result<CommandPtr> nudgeMarker(const EditorState& s, Id id, Edge edge, int frames);
// Inspector edits: everything but the id and session.
[[nodiscard]] Result<CommandPtr> editMarker(const EditorState& s, const Marker& after);
// The angle a step's package clip is cut from ("main" or a session angle's name): "set-angle". The
// service checks the name against the session's angles when the command runs (as for the CLI).
[[nodiscard]] Result<CommandPtr> setMarkerAngle(const EditorState& s, Id id, const std::string& angle);

// Captions.
[[nodiscard]] Result<CommandPtr> addCueAt(const EditorState& s, Micros t, std::string text = {});
[[nodiscard]] Result<CommandPtr> setCueEnd(const EditorState& s, Id id, Micros end);
[[nodiscard]] Result<CommandPtr> splitCue(const EditorState& s, Id id, Micros t);
[[nodiscard]] Result<CommandPtr> mergeCueWithNext(const EditorState& s, Id id);
[[nodiscard]] Result<CommandPtr> editCueText(const EditorState& s, Id id, const std::string& text);
[[nodiscard]] Result<CommandPtr> setCueRange(const EditorState& s, Id id, Micros start, Micros end);
[[nodiscard]] Result<CommandPtr> removeCue(const EditorState& s, Id id);
// Replaces every cue of the current language (import): one undo step.
[[nodiscard]] Result<CommandPtr> replaceCues(const EditorState& s, const std::vector<Cue>& cues);

// Suggestions: accept as a step boundary, or dismiss.
[[nodiscard]] Result<CommandPtr> acceptSuggestion(const EditorState& s, Id id, const MarkerDefaults& d = {});
[[nodiscard]] Result<CommandPtr> dismissSuggestion(const EditorState& s, Id id);

// Navigation helpers (no command: they move the playhead or the selection).
[[nodiscard]] std::optional<Micros> nextMarkerTime(const EditorState& s, Micros t);
[[nodiscard]] std::optional<Micros> previousMarkerTime(const EditorState& s, Micros t);
[[nodiscard]] Id nextOpenSuggestion(const EditorState& s, Micros t, int direction);

}  // namespace kotsu::annotate
