#include "core/marker_rules.hpp"

#include <algorithm>

namespace kotsu {

std::string describe(const Marker& m) {
    std::string s = std::string(toString(m.kind));
    if (!m.title.empty()) s += " \"" + m.title + "\"";
    s += " " + formatTime(m.in) + "–" + formatTime(m.out);
    return s;
}

std::vector<Marker> stepsOf(const std::vector<Marker>& markers) {
    std::vector<Marker> steps;
    for (const auto& m : markers)
        if (m.kind == MarkerKind::Step) steps.push_back(m);
    std::stable_sort(steps.begin(), steps.end(), [](const Marker& a, const Marker& b) { return a.in < b.in; });
    return steps;
}

Status validateMarker(const Marker& m, Micros mediaDuration) {
    const std::string where = describe(m);
    if (m.in < 0) return Error::make(where, "starts before the media");
    if (m.kind != MarkerKind::Tag && m.out <= m.in) return Error::make(where, "out must be after in");
    if (m.kind == MarkerKind::Tag && m.out < m.in) return Error::make(where, "out must not be before in");
    if (mediaDuration > 0 && m.out > mediaDuration)
        return Error::make(where, "ends after the media (" + formatTime(mediaDuration) + ")");
    if (m.kind == MarkerKind::Step && m.title.empty()) return Error::make(where, "a step needs a title");
    return {};
}

Status validateMarkers(const std::vector<Marker>& markers, Micros mediaDuration) {
    auto where = [&](size_t i) {
        const auto& m = markers[i];
        std::string w = "entry " + std::to_string(i + 1);
        if (m.id) w += " (id " + std::to_string(m.id) + ")";
        return w + " " + describe(m);
    };
    for (size_t i = 0; i < markers.size(); ++i)
        if (auto v = validateMarker(markers[i], mediaDuration); !v) return Error::make(where(i), v.error().message);
    // Steps ordered (as listed) and not overlapping.
    std::vector<size_t> stepIdx;
    for (size_t i = 0; i < markers.size(); ++i)
        if (markers[i].kind == MarkerKind::Step) stepIdx.push_back(i);
    std::vector<size_t> sorted = stepIdx;
    std::stable_sort(sorted.begin(), sorted.end(), [&](size_t a, size_t b) { return markers[a].in < markers[b].in; });
    for (size_t k = 1; k < sorted.size(); ++k) {
        const auto& prev = markers[sorted[k - 1]];
        const auto& cur = markers[sorted[k]];
        if (cur.in < prev.out) return Error::make(where(sorted[k]), "overlaps " + describe(prev));
    }
    for (size_t i = 0; i < markers.size(); ++i) {
        const auto& m = markers[i];
        if (m.kind != MarkerKind::Knack && m.kind != MarkerKind::Safety) continue;
        bool inside = std::any_of(stepIdx.begin(), stepIdx.end(), [&](size_t s) {
            return markers[s].in <= m.in && m.out <= markers[s].out;
        });
        if (!inside) return Error::make(where(i), "must sit inside a step");
    }
    return {};
}

}  // namespace kotsu
