#include "annotate/commands.hpp"

#include <algorithm>

#include "annotate/caption_service.hpp"
#include "annotate/marker_service.hpp"

namespace kotsu::annotate {

namespace {

void eraseMarker(EditorState& s, Id id) {
    std::erase_if(s.markers, [&](const Marker& m) { return m.id == id; });
    if (s.selectedMarker == id) s.selectedMarker = 0;
}

void putMarker(EditorState& s, const Marker& m) {
    auto it = std::find_if(s.markers.begin(), s.markers.end(), [&](const Marker& x) { return x.id == m.id; });
    if (it == s.markers.end()) s.markers.push_back(m);
    else *it = m;
    s.sortMarkers();
}

void eraseCue(EditorState& s, Id id) {
    std::erase_if(s.cues, [&](const Cue& c) { return c.id == id; });
    if (s.selectedCue == id) s.selectedCue = 0;
}

void putCue(EditorState& s, const Cue& c) {
    auto it = std::find_if(s.cues.begin(), s.cues.end(), [&](const Cue& x) { return x.id == c.id; });
    if (it == s.cues.end()) s.cues.push_back(c);
    else *it = c;
    s.sortCues();
}

MarkerService markersOf(const EditorState& s, catalog::Catalog& cat) { return {cat, s.session.id}; }
CaptionService captionsOf(const EditorState& s, catalog::Catalog& cat) { return {cat, s.session.id}; }

}  // namespace

bool Footprint::meets(const Footprint& o) const {
    auto overlap = [](const std::set<Id>& a, const std::set<Id>& b) {
        return std::any_of(a.begin(), a.end(), [&](Id id) { return b.count(id) > 0; });
    };
    return overlap(markers, o.markers) || overlap(cues, o.cues) || overlap(suggestions, o.suggestions) ||
           overlap(stories, o.stories);
}

Status AddMarker::apply(EditorState& s, catalog::Catalog& cat) {
    m_.sessionId = s.session.id;
    auto stored = markersOf(s, cat).insert(m_);
    if (!stored) return stored.error();
    m_.id = stored->id;  // a redo brings it back under the same id
    putMarker(s, m_);
    s.selectedMarker = m_.id;
    return {};
}

Status AddMarker::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(markersOf(s, cat).erase(m_.id));
    eraseMarker(s, m_.id);
    return {};
}

Status RemoveMarker::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(markersOf(s, cat).erase(m_.id));
    eraseMarker(s, m_.id);
    return {};
}

Status RemoveMarker::revert(EditorState& s, catalog::Catalog& cat) {
    auto stored = markersOf(s, cat).insert(m_);
    if (!stored) return stored.error();
    putMarker(s, m_);
    s.selectedMarker = m_.id;
    return {};
}

Status UpdateMarker::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(markersOf(s, cat).update(after_));
    putMarker(s, after_);
    return {};
}

Status UpdateMarker::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(markersOf(s, cat).update(before_));
    putMarker(s, before_);
    s.selectedMarker = before_.id;
    return {};
}

Status AddCue::apply(EditorState& s, catalog::Catalog& cat) {
    auto stored = captionsOf(s, cat).insert(lang_, c_);
    if (!stored) return stored.error();
    c_.id = stored->id;
    if (lang_ == s.captionLang) {
        putCue(s, c_);
        s.selectedCue = c_.id;
    }
    return {};
}

Status AddCue::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(captionsOf(s, cat).erase(c_.id));
    eraseCue(s, c_.id);
    return {};
}

Status RemoveCue::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(captionsOf(s, cat).erase(c_.id));
    eraseCue(s, c_.id);
    return {};
}

Status RemoveCue::revert(EditorState& s, catalog::Catalog& cat) {
    auto stored = captionsOf(s, cat).insert(lang_, c_);
    if (!stored) return stored.error();
    if (lang_ == s.captionLang) putCue(s, c_);
    return {};
}

Status UpdateCue::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(captionsOf(s, cat).update(after_));
    putCue(s, after_);
    return {};
}

Status UpdateCue::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(captionsOf(s, cat).update(before_));
    putCue(s, before_);
    return {};
}

Status SetSuggestionState::set(EditorState& s, catalog::Catalog& cat, const std::string& state) {
    KOTSU_TRY(cat.setSuggestionState(id_, state));
    for (auto& sg : s.suggestions)
        if (sg.id == id_) sg.state = state;
    return {};
}

Status SetSuggestionState::apply(EditorState& s, catalog::Catalog& cat) { return set(s, cat, after_); }
Status SetSuggestionState::revert(EditorState& s, catalog::Catalog& cat) { return set(s, cat, before_); }

Status Composite::apply(EditorState& s, catalog::Catalog& cat) {
    for (auto& p : parts_) KOTSU_TRY(p->apply(s, cat));
    return {};
}

Status Composite::revert(EditorState& s, catalog::Catalog& cat) {
    for (auto it = parts_.rbegin(); it != parts_.rend(); ++it) KOTSU_TRY((*it)->revert(s, cat));
    return {};
}

void AddMarker::addFootprint(Footprint& f) const { f.markers.insert(m_.id); }
void RemoveMarker::addFootprint(Footprint& f) const { f.markers.insert(m_.id); }
void UpdateMarker::addFootprint(Footprint& f) const { f.markers.insert(after_.id); }
void AddCue::addFootprint(Footprint& f) const { f.cues.insert(c_.id); }
void RemoveCue::addFootprint(Footprint& f) const { f.cues.insert(c_.id); }
void UpdateCue::addFootprint(Footprint& f) const { f.cues.insert(after_.id); }
void SetSuggestionState::addFootprint(Footprint& f) const { f.suggestions.insert(id_); }
void Composite::addFootprint(Footprint& f) const {
    for (const auto& p : parts_) p->addFootprint(f);
}

Status CommandStack::run(Command& cmd, Way way) {
    // The state is restored from these copies when the transaction does not commit, so memory and
    // disk never disagree (a part of a Composite may fail after others changed the state).
    auto markers = state_.markers;
    auto cues = state_.cues;
    auto suggestions = state_.suggestions;
    const Id selMarker = state_.selectedMarker, selCue = state_.selectedCue;
    auto restore = [&] {
        state_.markers = std::move(markers);
        state_.cues = std::move(cues);
        state_.suggestions = std::move(suggestions);
        state_.selectedMarker = selMarker;
        state_.selectedCue = selCue;
    };
    // The same edit the CLI makes: one transaction, the marker rules checked on what is stored.
    SessionEdit edit(cat_, state_.session.id);
    if (!edit.begun()) return edit.begun().error();
    Status done = way == Way::Apply ? cmd.apply(state_, cat_) : cmd.revert(state_, cat_);
    if (done) done = edit.commit();
    if (!done) {
        restore();
        return done.error();
    }
    ++revision_;
    return {};
}

Status CommandStack::execute(CommandPtr cmd) {
    KOTSU_TRY(run(*cmd, Way::Apply));
    log_.push_back(cmd->name());
    done_.push_back(std::move(cmd));
    undone_.clear();
    return {};
}

Status CommandStack::undo() {
    if (done_.empty()) return Error::make("undo", "nothing to undo");
    KOTSU_TRY(run(*done_.back(), Way::Revert));
    log_.push_back("undo:" + done_.back()->name());
    undone_.push_back(std::move(done_.back()));
    done_.pop_back();
    return {};
}

Status CommandStack::redo() {
    if (undone_.empty()) return Error::make("redo", "nothing to redo");
    KOTSU_TRY(run(*undone_.back(), Way::Apply));
    log_.push_back("redo:" + undone_.back()->name());
    done_.push_back(std::move(undone_.back()));
    undone_.pop_back();
    return {};
}

}  // namespace kotsu::annotate

namespace kotsu::annotate {

// Another process (`kotsu markers`, a second editor) changed rows of this session. An undo entry
// restores the "before" of the rows it touched; when another process changed one of those rows
// since, undoing would silently overwrite that change (or fail on a row that is gone), so it
// cannot stay. Entries below it on the stack are dropped with it: undo walks back in order and
// cannot skip one. Newer entries that touch none of the changed rows stay and still undo exactly —
// ids are never reused (AUTOINCREMENT), so a row they removed cannot have been replaced by a
// stranger with the same id. The redo stack is cut the same way from the far end. Anything the
// other process changed is kept: it is in the reloaded state.
void CommandStack::rebase(const Footprint& changedElsewhere) {
    auto touches = [&](const CommandPtr& c) {
        Footprint f;
        c->addFootprint(f);
        return f.meets(changedElsewhere);
    };
    auto cutThrough = [&](std::vector<CommandPtr>& stack) {
        // stack.back() is the next to run: keep what sits above the last entry that conflicts.
        auto last = std::find_if(stack.rbegin(), stack.rend(), touches);
        if (last != stack.rend()) stack.erase(stack.begin(), last.base());
    };
    cutThrough(done_);
    cutThrough(undone_);
    log_.push_back("reload");
    ++revision_;
}

}  // namespace kotsu::annotate
