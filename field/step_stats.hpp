#pragma once
// Per step of a session, how the trainees did (what the editor shows beside each step, issue 13):
// views, trainees, the share that watched it, loops and seeks back per view, time at slow motion, and
// how many trainees struggle there by followup's rule (struggleReasons) — the steps that may need a
// better cut or caption.
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "field/followup.hpp"
#include "field/records.hpp"

namespace kotsu::field {

struct StepStats {
    StepInfo step;
    int trainees = 0;          // with a statement on this step
    int views = 0;             // initialized statements, all trainees
    int watchedBy = 0;         // trainees whose played segments cover `watched` of the step
    double coverage = 0;       // mean share played, over the trainees who opened it
    double loopsPerView = 0;
    double seeksBackPerView = 0;
    double slowSeconds = 0;    // mean per trainee who opened it
    double watchSeconds = 0;   // mean per trainee who opened it
    int strugglers = 0;        // trainees that followup names "struggling" here
    // Far above the others: someone struggles here, or loops/seeks per view exceed the other steps'
    // median by followup's time factor.
    bool struggle = false;
};

// From the per-trainee records (summarize): one entry per step, in step order.
[[nodiscard]] std::vector<StepStats> stepStats(const std::vector<StepInfo>& steps, const std::vector<StepRecord>& records,
                                               const FollowupConfig& cfg);
// The session's stored statements → per-step stats.
[[nodiscard]] Result<std::vector<StepStats>> sessionStepStats(catalog::Catalog& cat, Id sessionId, const FollowupConfig& cfg);

}  // namespace kotsu::field
