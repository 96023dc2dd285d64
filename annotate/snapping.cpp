#include "annotate/snapping.hpp"

#include <algorithm>
#include <cstdlib>

namespace kotsu::annotate {

std::vector<SnapTarget> snapTargets(const EditorState& s, const SnapOptions& o, Id exclude) {
    std::vector<SnapTarget> out;
    if (!o.enabled) return out;
    if (o.playhead) out.push_back({s.playhead, SnapSource::Playhead});
    if (s.markIn) out.push_back({*s.markIn, SnapSource::InOut});
    if (s.markOut) out.push_back({*s.markOut, SnapSource::InOut});
    if (o.markers)
        for (const auto& m : s.markers) {
            if (m.id == exclude) continue;
            out.push_back({m.in, SnapSource::Marker});
            if (m.out != m.in) out.push_back({m.out, SnapSource::Marker});
        }
    if (o.suggestions)
        for (const auto& sg : s.suggestions)
            if (sg.state != "dismissed") out.push_back({s.grid.snap(sg.time), SnapSource::Suggestion});
    if (o.shotChanges)
        for (Micros t : s.shotChanges) out.push_back({s.grid.snap(t), SnapSource::ShotChange});
    std::stable_sort(out.begin(), out.end(), [](const SnapTarget& a, const SnapTarget& b) { return a.time < b.time; });
    return out;
}

namespace {

const SnapTarget* nearest(const std::vector<SnapTarget>& targets, Micros t, Micros tolerance) {
    auto it = std::lower_bound(targets.begin(), targets.end(), t,
                               [](const SnapTarget& a, Micros v) { return a.time < v; });
    const SnapTarget* best = nullptr;
    Micros bestDist = tolerance + 1;
    // The neighbours on both sides of t; earlier entries win ties, and the playhead comes first.
    for (auto j = it; j != targets.end() && j->time - t <= tolerance; ++j) {
        Micros d = j->time - t;
        if (d < bestDist) best = &*j, bestDist = d;
        break;
    }
    for (auto j = it; j != targets.begin();) {
        --j;
        Micros d = t - j->time;
        if (d > tolerance) break;
        if (d <= bestDist) best = &*j, bestDist = d;
        if (d > 0) break;
    }
    return best;
}

}  // namespace

SnapResult snapTime(const EditorState& s, const std::vector<SnapTarget>& targets, Micros t, Micros tolerance) {
    if (const SnapTarget* n = nearest(targets, t, tolerance)) return {n->time, n->source};
    return {s.grid.snap(s.clampToMedia(t)), SnapSource::None};
}

Micros snapMove(const EditorState& s, const std::vector<SnapTarget>& targets, Micros in, Micros out,
                Micros tolerance, SnapSource* source) {
    const SnapTarget* a = nearest(targets, in, tolerance);
    const SnapTarget* b = nearest(targets, out, tolerance);
    Micros shift = 0;
    SnapSource src = SnapSource::None;
    if (a && (!b || std::llabs(a->time - in) <= std::llabs(b->time - out))) {
        shift = a->time - in;
        src = a->source;
    } else if (b) {
        shift = b->time - out;
        src = b->source;
    }
    if (source) *source = src;
    Micros newIn = in + shift;
    if (src == SnapSource::None) newIn = s.grid.snap(newIn);
    return std::max<Micros>(0, newIn);
}

}  // namespace kotsu::annotate
