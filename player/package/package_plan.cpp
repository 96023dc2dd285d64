#include "player/package/package_plan.hpp"

#include <algorithm>
#include <cstdio>

#include "core/captions_io.hpp"
#include "core/files.hpp"
#include "core/marker_rules.hpp"

namespace kotsu::package {

std::string StepPlan::number() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", index);
    return buf;
}

std::string StepPlan::allWarnings() const {
    std::string w = step.warning;
    for (const auto& s : safety) {
        const std::string& text = s.warning.empty() ? s.title : s.warning;
        if (text.empty() || w.find(text) != std::string::npos) continue;
        w += (w.empty() ? "" : " / ") + text;
    }
    return w;
}

std::vector<StepPlan> planSteps(const std::vector<Marker>& markers,
                                const std::map<std::string, std::vector<Cue>>& cuesByLang) {
    std::vector<StepPlan> plan;
    for (const auto& step : stepsOf(markers)) {
        StepPlan p;
        p.index = static_cast<int>(plan.size()) + 1;
        p.step = step;
        for (const auto& m : markers) {
            bool inside = m.in >= step.in && m.out <= step.out;
            if (!inside) continue;
            if (m.kind == MarkerKind::Knack) p.knacks.push_back(m);
            if (m.kind == MarkerKind::Safety) p.safety.push_back(m);
        }
        for (const auto& [lang, cues] : cuesByLang) {
            auto within = cuesWithin(cues, step.in, step.out);
            if (!within.empty()) p.captions[lang] = std::move(within);
        }
        p.slug = p.number() + "-" + slugify(step.title);
        plan.push_back(std::move(p));
    }
    return plan;
}

std::vector<Micros> stepBoundaries(const std::vector<StepPlan>& steps) {
    std::vector<Micros> t;
    for (const auto& s : steps) {
        t.push_back(s.step.in);
        t.push_back(s.step.out);
    }
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

}  // namespace kotsu::package
