#include "annotate/editor_state.hpp"

#include <algorithm>

namespace kotsu::annotate {

Micros FrameGrid::timeOf(std::int64_t frame) const {
    if (frame < 0) frame = 0;
    return rescale(frame, Rational{rate_.den, rate_.num}, kMicrosBase);
}

std::int64_t FrameGrid::frameAt(Micros t) const {
    if (t <= 0) return 0;
    // Frame times are rounded to microseconds: the plain quotient can be one short or long.
    std::int64_t k = static_cast<std::int64_t>((static_cast<__int128>(t) * rate_.num) / (std::int64_t(1'000'000) * rate_.den));
    while (k > 0 && timeOf(k) > t) --k;
    while (timeOf(k + 1) <= t) ++k;
    return k;
}

Micros EditorState::lastFrame() const {
    if (duration <= 0) return 0;
    return grid.timeOf(std::max<std::int64_t>(0, grid.frameAt(duration - 1)));
}

Micros EditorState::clampToMedia(Micros t) const { return std::clamp<Micros>(t, 0, std::max<Micros>(0, duration)); }

const Marker* EditorState::marker(Id id) const {
    for (const auto& m : markers)
        if (m.id == id) return &m;
    return nullptr;
}

const Cue* EditorState::cue(Id id) const {
    for (const auto& c : cues)
        if (c.id == id) return &c;
    return nullptr;
}

const Suggestion* EditorState::suggestion(Id id) const {
    for (const auto& s : suggestions)
        if (s.id == id) return &s;
    return nullptr;
}

const Marker* EditorState::stepAt(Micros t) const {
    for (const auto& m : markers)
        if (m.kind == MarkerKind::Step && m.in <= t && t < m.out) return &m;
    return nullptr;
}

const Cue* EditorState::cueAt(Micros t) const {
    for (const auto& c : cues)
        if (c.start <= t && t < c.end) return &c;
    return nullptr;
}

const Marker* EditorState::nextStepAfter(Micros t) const {
    for (const auto& m : markers)
        if (m.kind == MarkerKind::Step && m.in > t) return &m;
    return nullptr;
}

int EditorState::stepNumber(Id stepId) const {
    int n = 0;
    for (const auto& m : markers) {
        if (m.kind != MarkerKind::Step) continue;
        ++n;
        if (m.id == stepId) return n;
    }
    return 0;
}

std::vector<Micros> EditorState::markerEdges() const {
    std::vector<Micros> out;
    out.reserve(markers.size() * 2);
    for (const auto& m : markers) {
        out.push_back(m.in);
        out.push_back(m.out);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int EditorState::openSuggestions() const {
    return static_cast<int>(std::count_if(suggestions.begin(), suggestions.end(),
                                          [](const Suggestion& s) { return s.state == "open"; }));
}

void EditorState::sortMarkers() {
    std::stable_sort(markers.begin(), markers.end(), [](const Marker& a, const Marker& b) {
        if (a.in != b.in) return a.in < b.in;
        if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
        return a.id < b.id;
    });
}

void EditorState::sortCues() {
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) {
        return a.start != b.start ? a.start < b.start : a.id < b.id;
    });
}

Result<EditorState> loadEditorState(catalog::Catalog& cat, Id sessionId, const std::string& lang) {
    EditorState st;
    auto session = cat.session(sessionId);
    if (!session) return session.error();
    st.session = *session;
    st.captionLang = lang.empty() ? (st.session.language.empty() ? "ja" : st.session.language) : lang;
    auto assets = cat.assets(sessionId);
    if (!assets) return assets.error();
    for (const auto& a : *assets) {
        if (!a.probe.hasVideo) continue;
        if (st.asset.id == 0 || a.role == "main") st.asset = a;
        if (a.role == "main") break;
    }
    if (st.asset.id == 0 && !assets->empty()) st.asset = assets->front();
    if (st.asset.id) {
        st.duration = st.asset.probe.duration;
        Rational rate = st.asset.probe.frameRate.valid() ? st.asset.probe.frameRate : st.asset.probe.avgFrameRate;
        // The proxy (what the editor shows) is capped at 30 frames a second.
        if (rate.valid() && rate.toDouble() > 30.5) rate = Rational{30, 1};
        st.grid = FrameGrid(rate);
    }
    auto markers = cat.markers(sessionId);
    if (!markers) return markers.error();
    st.markers = std::move(*markers);
    st.sortMarkers();
    auto cues = cat.cues(sessionId, st.captionLang);
    if (!cues) return cues.error();
    st.cues = std::move(*cues);
    st.sortCues();
    auto sugg = cat.suggestions(sessionId);
    if (!sugg) return sugg.error();
    st.suggestions = std::move(*sugg);
    return st;
}

}  // namespace kotsu::annotate
