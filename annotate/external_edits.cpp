#include "annotate/external_edits.hpp"

#include <map>

namespace kotsu::annotate {

namespace {

// What an edit can change (the timestamps follow the catalog's clock, not the edit).
bool sameMarker(const Marker& a, const Marker& b) {
    return a.kind == b.kind && a.in == b.in && a.out == b.out && a.title == b.title && a.note == b.note &&
           a.warning == b.warning && a.tags == b.tags && a.author == b.author && a.angle == b.angle;
}
bool sameCue(const Cue& a, const Cue& b) { return a.start == b.start && a.end == b.end && a.text == b.text; }
bool sameSuggestion(const Suggestion& a, const Suggestion& b) { return a.time == b.time && a.state == b.state; }

template <class T, class Same>
void addDifferences(const std::vector<T>& before, const std::vector<T>& after, Same same, std::set<Id>& out) {
    std::map<Id, const T*> old;
    for (const auto& x : before) old[x.id] = &x;
    for (const auto& x : after) {
        auto it = old.find(x.id);
        if (it == old.end() || !same(*it->second, x)) out.insert(x.id);
        if (it != old.end()) old.erase(it);
    }
    for (const auto& [id, x] : old) out.insert(id);  // gone
}

}  // namespace

Footprint differences(const EditorState& before, const EditorState& after) {
    Footprint f;
    addDifferences(before.markers, after.markers, sameMarker, f.markers);
    addDifferences(before.cues, after.cues, sameCue, f.cues);
    addDifferences(before.suggestions, after.suggestions, sameSuggestion, f.suggestions);
    return f;
}

ExternalEdits::ExternalEdits(EditorState& state, CommandStack& stack, catalog::Catalog& cat)
    : state_(state), stack_(stack), cat_(cat) {
    // Unreadable now: -1 never matches, so the first poll reloads.
    if (auto v = cat_.dataVersion()) seen_ = *v;
}

Result<bool> ExternalEdits::poll() {
    auto version = cat_.dataVersion();
    if (!version) return version.error();
    if (*version == seen_) return false;
    auto fresh = loadEditorState(cat_, state_.session.id, state_.captionLang);
    if (!fresh) return fresh.error();
    seen_ = *version;
    const Footprint changed = differences(state_, *fresh);
    // The model's rows come from the catalog; the view (playhead, marks, the grid and duration the
    // player set, shot changes) is the editor's own.
    state_.session = fresh->session;
    state_.markers = std::move(fresh->markers);
    state_.cues = std::move(fresh->cues);
    state_.suggestions = std::move(fresh->suggestions);
    if (!state_.marker(state_.selectedMarker)) state_.selectedMarker = 0;
    if (!state_.cue(state_.selectedCue)) state_.selectedCue = 0;
    if (!state_.suggestion(state_.selectedSuggestion)) state_.selectedSuggestion = 0;
    if (changed.empty()) return false;
    stack_.rebase(changed);
    return true;
}

}  // namespace kotsu::annotate
