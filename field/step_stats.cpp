#include "field/step_stats.hpp"

#include <algorithm>

namespace kotsu::field {

namespace {

double medianOf(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// A step's rate far above the other steps' (median of the others, which must be more than one).
bool farAbove(const std::vector<StepStats>& all, size_t i, double StepStats::*rate, double factor) {
    std::vector<double> others;
    for (size_t j = 0; j < all.size(); ++j)
        if (j != i && all[j].views > 0) others.push_back(all[j].*rate);
    if (others.size() < 2) return false;
    const double med = medianOf(others);
    return all[i].*rate >= 1 && all[i].*rate > factor * std::max(med, 0.5);
}

}  // namespace

std::vector<StepStats> stepStats(const std::vector<StepInfo>& steps, const std::vector<StepRecord>& records,
                                 const FollowupConfig& cfg) {
    std::vector<StepStats> out;
    for (const auto& st : steps) {
        StepStats s;
        s.step = st;
        int loops = 0, seeks = 0;
        for (const auto& r : records) {
            if (r.step.id != st.id || r.views == 0) continue;
            s.trainees++;
            s.views += r.views;
            s.watchedBy += r.watched;
            s.coverage += r.coverage;
            s.slowSeconds += r.slowSeconds;
            s.watchSeconds += r.watchSeconds;
            loops += r.loops;
            seeks += r.seeksBack;
            if (!struggleReasons(r, records, cfg).empty()) s.strugglers++;
        }
        if (s.trainees > 0) {
            s.coverage /= s.trainees;
            s.slowSeconds /= s.trainees;
            s.watchSeconds /= s.trainees;
        }
        if (s.views > 0) {
            s.loopsPerView = double(loops) / s.views;
            s.seeksBackPerView = double(seeks) / s.views;
        }
        out.push_back(s);
    }
    for (size_t i = 0; i < out.size(); ++i)
        out[i].struggle = out[i].strugglers > 0 ||
                          farAbove(out, i, &StepStats::loopsPerView, cfg.struggleTimeFactor) ||
                          farAbove(out, i, &StepStats::seeksBackPerView, cfg.struggleTimeFactor);
    return out;
}

Result<std::vector<StepStats>> sessionStepStats(catalog::Catalog& cat, Id sessionId, const FollowupConfig& cfg) {
    auto steps = stepsOfSession(cat, sessionId);
    if (!steps) return steps.error();
    auto rows = cat.statements(sessionId);
    if (!rows) return rows.error();
    return stepStats(*steps, summarize(*steps, sessionId, *rows, cfg.watched), cfg);
}

}  // namespace kotsu::field
