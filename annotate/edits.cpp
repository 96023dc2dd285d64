#include "annotate/edits.hpp"

#include <algorithm>

#include "annotate/caption_service.hpp"
#include "core/marker_rules.hpp"

namespace kotsu::annotate {

namespace {

Error refuse(const std::string& what, const std::string& why) { return Error::make(what, why); }

// "Step 3": numbered by where the new step falls among the steps.
std::string stepTitle(const EditorState& s, Micros in, const MarkerDefaults& d) {
    int n = 1;
    for (const auto& m : s.markers)
        if (m.kind == MarkerKind::Step && m.in < in) ++n;
    return d.stepTitle + " " + std::to_string(n);
}

Marker newMarker(const EditorState& s, MarkerKind kind, Micros in, Micros out, const MarkerDefaults& d) {
    Marker m;
    m.sessionId = s.session.id;
    m.kind = kind;
    m.in = in;
    m.out = out;
    m.author = d.author;
    if (kind == MarkerKind::Step) m.title = stepTitle(s, in, d);
    return m;
}

template <class C, class... A>
Result<CommandPtr> make(A&&... a) {
    return CommandPtr(std::make_unique<C>(std::forward<A>(a)...));
}

}  // namespace

Result<CommandPtr> stepBoundaryAt(const EditorState& s, Micros t, const MarkerDefaults& d) {
    t = s.grid.snap(s.clampToMedia(t));
    if (s.duration > 0 && t >= s.duration) return refuse("step", "the playhead is at the end of the media");
    if (const Marker* cur = s.stepAt(t)) {
        if (cur->in == t) return refuse("step", "a step already starts here");
        Marker first = *cur;
        first.out = t;
        Marker second = newMarker(s, MarkerKind::Step, t, cur->out, d);
        second.title = stepTitle(s, t, d);
        std::vector<CommandPtr> parts;
        parts.push_back(std::make_unique<UpdateMarker>(*cur, first, "trim-marker"));
        parts.push_back(std::make_unique<AddMarker>(second));
        return make<Composite>("split-step", std::move(parts));
    }
    Micros end = s.duration > 0 ? s.duration : t + 10'000'000;
    if (const Marker* next = s.nextStepAfter(t)) end = std::min(end, next->in);
    if (end <= t) return refuse("step", "no room for a step here");
    return make<AddMarker>(newMarker(s, MarkerKind::Step, t, end, d), "add-step");
}

Result<CommandPtr> addMarkerAt(const EditorState& s, MarkerKind kind, Micros t, const MarkerDefaults& d) {
    t = s.grid.snap(s.clampToMedia(t));
    if (s.markIn && s.markOut && *s.markIn < *s.markOut) {
        auto m = newMarker(s, kind, s.grid.snap(*s.markIn), s.grid.snap(*s.markOut), d);
        return make<AddMarker>(m);
    }
    switch (kind) {
    case MarkerKind::Step:
        return stepBoundaryAt(s, t, d);
    case MarkerKind::Knack:
    case MarkerKind::Safety: {
        const Marker* step = s.stepAt(t);
        if (!step) return refuse(toString(kind), "knack and safety markers sit inside a step: there is no step here");
        Micros out = std::min(step->out, t + d.knackLength);
        return make<AddMarker>(newMarker(s, kind, t, out, d));
    }
    case MarkerKind::Tag:
        break;
    }
    return make<AddMarker>(newMarker(s, MarkerKind::Tag, t, t, d));
}

Result<CommandPtr> removeMarker(const EditorState& s, Id id) {
    const Marker* m = s.marker(id);
    if (!m) return refuse("marker " + std::to_string(id), "no such marker");
    return make<RemoveMarker>(*m);
}

Result<CommandPtr> setMarkerRange(const EditorState& s, Id id, Micros in, Micros out, const std::string& name) {
    const Marker* m = s.marker(id);
    if (!m) return refuse("marker " + std::to_string(id), "no such marker");
    Marker after = *m;
    after.in = s.grid.snap(s.clampToMedia(in));
    after.out = s.duration > 0 && out >= s.duration ? s.duration : s.grid.snap(s.clampToMedia(out));
    if (after.kind == MarkerKind::Tag ? after.out < after.in : after.out <= after.in)
        return refuse(describe(*m), "out must be after in");
    if (after.in == m->in && after.out == m->out) return refuse(describe(*m), "unchanged");
    return make<UpdateMarker>(*m, after, name);
}

Result<CommandPtr> nudgeMarker(const EditorState& s, Id id, Edge edge, int frames) {
    const Marker* m = s.marker(id);
    if (!m) return refuse("marker " + std::to_string(id), "no such marker");
    Micros in = m->in, out = m->out;
    if (edge != Edge::Out) in = s.grid.step(m->in, frames);
    if (edge != Edge::In) out = m->out >= s.duration && s.duration > 0 && frames > 0 ? m->out : s.grid.step(m->out, frames);
    if (edge == Edge::Both && (in == m->in || out - in != m->out - m->in)) {
        // Moving against the start or end of the media: keep the length or do nothing.
        if (in == m->in && frames < 0) return refuse(describe(*m), "already at the start");
        out = in + (m->out - m->in);
        if (s.duration > 0 && out > s.duration) return refuse(describe(*m), "already at the end");
    }
    return setMarkerRange(s, id, in, out, "nudge-marker");
}

Result<CommandPtr> editMarker(const EditorState& s, const Marker& after) {
    const Marker* m = s.marker(after.id);
    if (!m) return refuse("marker " + std::to_string(after.id), "no such marker");
    Marker a = after;
    a.sessionId = m->sessionId;
    return make<UpdateMarker>(*m, a, "edit-marker");
}

Result<CommandPtr> setMarkerAngle(const EditorState& s, Id id, const std::string& angle) {
    const Marker* m = s.marker(id);
    if (!m) return refuse("marker " + std::to_string(id), "no such marker");
    if (m->kind != MarkerKind::Step) return refuse("marker " + std::to_string(id), "only a step chooses an angle");
    Marker a = *m;
    a.angle = angle == "main" ? "" : angle;
    if (a.angle == m->angle) return refuse("marker " + std::to_string(id), "already at that angle");
    return make<UpdateMarker>(*m, a, "set-angle");
}

Result<CommandPtr> addCueAt(const EditorState& s, Micros t, std::string text) {
    t = s.grid.snap(s.clampToMedia(t));
    if (s.cueAt(t)) return refuse("caption", "a cue is already showing here");
    Micros end = t + 2'000'000;
    if (s.duration > 0) end = std::min(end, s.duration);
    for (const auto& c : s.cues)
        if (c.start > t) {
            end = std::min(end, c.start);
            break;
        }
    if (end <= t) return refuse("caption", "no room for a cue here");
    Cue c;
    c.start = t;
    c.end = end;
    c.text = std::move(text);
    return make<AddCue>(s.captionLang, c);
}

Result<CommandPtr> setCueRange(const EditorState& s, Id id, Micros start, Micros end) {
    const Cue* c = s.cue(id);
    if (!c) return refuse("cue " + std::to_string(id), "no such cue");
    Cue after = *c;
    after.start = s.grid.snap(s.clampToMedia(start));
    after.end = s.duration > 0 && end >= s.duration ? s.duration : s.grid.snap(s.clampToMedia(end));
    if (after.end <= after.start) return refuse("cue " + formatTime(c->start), "the end must come after the start");
    return make<UpdateCue>(*c, after, "set-cue-range");
}

Result<CommandPtr> setCueEnd(const EditorState& s, Id id, Micros end) {
    const Cue* c = s.cue(id);
    if (!c) return refuse("cue " + std::to_string(id), "no such cue");
    Cue after = *c;
    after.end = s.duration > 0 && end >= s.duration ? s.duration : s.grid.snap(s.clampToMedia(end));
    if (after.end <= after.start) return refuse("cue " + formatTime(c->start), "the end must come after the start");
    return make<UpdateCue>(*c, after, "set-cue-end");
}

Result<CommandPtr> splitCue(const EditorState& s, Id id, Micros t) {
    const Cue* c = s.cue(id);
    if (!c) return refuse("cue " + std::to_string(id), "no such cue");
    t = s.grid.snap(t);
    if (t <= c->start || t >= c->end) return refuse("cue " + formatTime(c->start), "split inside the cue");
    // Lines are shared out: the first half stays, the rest moves on; one line stays in both.
    std::vector<std::string> lines;
    size_t from = 0;
    while (true) {
        size_t nl = c->text.find('\n', from);
        lines.push_back(c->text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
        if (nl == std::string::npos) break;
        from = nl + 1;
    }
    Cue first = *c, second;
    first.end = t;
    second.start = t;
    second.end = c->end;
    second.text = c->text;
    if (lines.size() > 1) {
        size_t half = (lines.size() + 1) / 2;
        first.text.clear();
        second.text.clear();
        for (size_t i = 0; i < lines.size(); ++i) {
            std::string& dst = i < half ? first.text : second.text;
            if (!dst.empty()) dst += '\n';
            dst += lines[i];
        }
    }
    std::vector<CommandPtr> parts;
    parts.push_back(std::make_unique<UpdateCue>(*c, first, "set-cue-end"));
    parts.push_back(std::make_unique<AddCue>(s.captionLang, second));
    return make<Composite>("split-cue", std::move(parts));
}

Result<CommandPtr> mergeCueWithNext(const EditorState& s, Id id) {
    auto it = std::find_if(s.cues.begin(), s.cues.end(), [&](const Cue& c) { return c.id == id; });
    if (it == s.cues.end()) return refuse("cue " + std::to_string(id), "no such cue");
    if (it + 1 == s.cues.end()) return refuse("cue " + formatTime(it->start), "no next cue to merge with");
    const Cue& next = *(it + 1);
    Cue merged = *it;
    merged.end = std::max(it->end, next.end);
    if (!merged.text.empty() && !next.text.empty()) merged.text += '\n';
    merged.text += next.text;
    std::vector<CommandPtr> parts;
    parts.push_back(std::make_unique<RemoveCue>(s.captionLang, next));
    parts.push_back(std::make_unique<UpdateCue>(*it, merged, "edit-cue"));
    return make<Composite>("merge-cues", std::move(parts));
}

Result<CommandPtr> editCueText(const EditorState& s, Id id, const std::string& text) {
    const Cue* c = s.cue(id);
    if (!c) return refuse("cue " + std::to_string(id), "no such cue");
    Cue after = *c;
    after.text = text;
    return make<UpdateCue>(*c, after, "edit-cue");
}

Result<CommandPtr> removeCue(const EditorState& s, Id id) {
    const Cue* c = s.cue(id);
    if (!c) return refuse("cue " + std::to_string(id), "no such cue");
    return make<RemoveCue>(s.captionLang, *c);
}

Result<CommandPtr> replaceCues(const EditorState& s, const std::vector<Cue>& cues) {
    if (auto v = validateCues(cues, s.duration); !v) return v.error();  // as `kotsu captions import` checks them
    std::vector<CommandPtr> parts;
    for (const auto& c : s.cues) parts.push_back(std::make_unique<RemoveCue>(s.captionLang, c));
    for (auto c : cues) {
        c.id = 0;
        parts.push_back(std::make_unique<AddCue>(s.captionLang, c));
    }
    return make<Composite>("import-captions", std::move(parts));
}

Result<CommandPtr> acceptSuggestion(const EditorState& s, Id id, const MarkerDefaults& d) {
    const Suggestion* sg = s.suggestion(id);
    if (!sg) return refuse("suggestion " + std::to_string(id), "no such suggestion");
    if (sg->state != "open") return refuse("suggestion " + formatTime(sg->time), "already " + sg->state);
    std::vector<CommandPtr> parts;
    Micros t = s.grid.snap(sg->time);
    const Marker* step = s.stepAt(t);
    // A boundary already there: accepting only records the decision.
    if (!(step && step->in == t)) {
        auto boundary = stepBoundaryAt(s, t, d);
        if (!boundary) return boundary.error();
        parts.push_back(std::move(boundary).value());
    }
    parts.push_back(std::make_unique<SetSuggestionState>(id, sg->state, "accepted", "set-suggestion-state"));
    return make<Composite>("accept-suggestion", std::move(parts));
}

Result<CommandPtr> dismissSuggestion(const EditorState& s, Id id) {
    const Suggestion* sg = s.suggestion(id);
    if (!sg) return refuse("suggestion " + std::to_string(id), "no such suggestion");
    if (sg->state != "open") return refuse("suggestion " + formatTime(sg->time), "already " + sg->state);
    return make<SetSuggestionState>(id, sg->state, "dismissed", "dismiss-suggestion");
}

std::optional<Micros> nextMarkerTime(const EditorState& s, Micros t) {
    std::optional<Micros> best;
    for (const auto& m : s.markers)
        for (Micros e : {m.in, m.out})
            if (e > t && (!best || e < *best)) best = e;
    return best;
}

std::optional<Micros> previousMarkerTime(const EditorState& s, Micros t) {
    std::optional<Micros> best;
    for (const auto& m : s.markers)
        for (Micros e : {m.in, m.out})
            if (e < t && (!best || e > *best)) best = e;
    return best;
}

Id nextOpenSuggestion(const EditorState& s, Micros t, int direction) {
    const Suggestion* best = nullptr;
    for (const auto& sg : s.suggestions) {
        if (sg.state != "open") continue;
        Micros st = s.grid.snap(sg.time);
        if (direction > 0 ? st > t : st < t) {
            if (!best || (direction > 0 ? sg.time < best->time : sg.time > best->time)) best = &sg;
        }
    }
    return best ? best->id : 0;
}

}  // namespace kotsu::annotate
