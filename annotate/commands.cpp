#include "annotate/commands.hpp"

#include <algorithm>

#include "core/marker_rules.hpp"

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

}  // namespace

Status AddMarker::apply(EditorState& s, catalog::Catalog& cat) {
    m_.sessionId = s.session.id;
    auto stored = cat.restoreMarker(m_);
    if (!stored) return stored.error();
    m_.id = stored->id;  // a redo brings it back under the same id
    putMarker(s, m_);
    s.selectedMarker = m_.id;
    return {};
}

Status AddMarker::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.removeMarker(s.session.id, m_.id));
    eraseMarker(s, m_.id);
    return {};
}

Status RemoveMarker::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.removeMarker(s.session.id, m_.id));
    eraseMarker(s, m_.id);
    return {};
}

Status RemoveMarker::revert(EditorState& s, catalog::Catalog& cat) {
    auto stored = cat.restoreMarker(m_);
    if (!stored) return stored.error();
    putMarker(s, m_);
    s.selectedMarker = m_.id;
    return {};
}

Status UpdateMarker::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.updateMarker(after_));
    putMarker(s, after_);
    return {};
}

Status UpdateMarker::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.updateMarker(before_));
    putMarker(s, before_);
    s.selectedMarker = before_.id;
    return {};
}

Status AddCue::apply(EditorState& s, catalog::Catalog& cat) {
    auto stored = cat.restoreCue(s.session.id, lang_, c_);
    if (!stored) return stored.error();
    c_.id = stored->id;
    if (lang_ == s.captionLang) {
        putCue(s, c_);
        s.selectedCue = c_.id;
    }
    return {};
}

Status AddCue::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.removeCue(c_.id));
    eraseCue(s, c_.id);
    return {};
}

Status RemoveCue::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.removeCue(c_.id));
    eraseCue(s, c_.id);
    return {};
}

Status RemoveCue::revert(EditorState& s, catalog::Catalog& cat) {
    auto stored = cat.restoreCue(s.session.id, lang_, c_);
    if (!stored) return stored.error();
    if (lang_ == s.captionLang) putCue(s, c_);
    return {};
}

Status UpdateCue::apply(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.updateCue(after_));
    putCue(s, after_);
    return {};
}

Status UpdateCue::revert(EditorState& s, catalog::Catalog& cat) {
    KOTSU_TRY(cat.updateCue(before_));
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

Status CommandStack::run(Command& cmd, Way way) {
    // The state is restored from these copies when the transaction does not commit, so memory and
    // disk never disagree (a part of a Composite may fail after others changed the state).
    auto markers = state_.markers;
    auto cues = state_.cues;
    auto suggestions = state_.suggestions;
    const Id selMarker = state_.selectedMarker, selCue = state_.selectedCue;
    const bool wasValid = validateMarkers(markers, state_.duration).ok();
    auto restore = [&] {
        state_.markers = std::move(markers);
        state_.cues = std::move(cues);
        state_.suggestions = std::move(suggestions);
        state_.selectedMarker = selMarker;
        state_.selectedCue = selCue;
    };
    catalog::Transaction tx(cat_.db());
    if (!tx.begun()) return tx.begun().error();
    Status done = way == Way::Apply ? cmd.apply(state_, cat_) : cmd.revert(state_, cat_);
    if (!done) {
        restore();
        return done.error();
    }
    if (wasValid) {
        if (auto v = validateMarkers(state_.markers, state_.duration); !v) {
            restore();
            return v.error();
        }
    }
    if (auto c = tx.commit(); !c) {
        restore();
        return c.error();
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
