#pragma once
// Who needs follow-up, and why (kotsu followup): rules over the per-step records, the rosters and
// the supervisors' notes, with thresholds as data in assets/followup.conf.
#include <ctime>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "field/records.hpp"

namespace kotsu::field {

struct FollowupConfig {
    double watched = 0.9;
    int notStartedDays = 3;
    int stalledDays = 7;
    int struggleLoops = 3;
    int struggleSeeksBack = 3;
    double struggleSlowShare = 0.5;
    double struggleTimeFactor = 2.5;
    int refresherDays = 180;
    double contentShare = 0.5;
};

// followup.conf: built in, then the user's files.
[[nodiscard]] Result<FollowupConfig> loadFollowupConfig();

// One reason to follow a trainee up (or, for content-problem, a step to re-cut). Priority 1 first.
struct Finding {
    std::string rule;      // safety-gap, struggling, not-started, stalled, refresher-due, content-problem
    int priority = 0;      // 1 safety gap, 2 struggling, 3 not started / stalled, 4 refresher, 5 content
    std::string trainee;   // "" for content-problem
    Id sessionId = 0;
    std::string sessionTitle;
    int step = 0;          // 1-based step, 0 when the finding is about the whole session
    std::string stepTitle;
    std::string detail;
    std::vector<FollowupNote> notes;  // what supervisors already did for this trainee (and step)
};

struct FollowupQuery {
    std::time_t now = 0;
    std::time_t since = 0;  // statements before this are not read (0 = all)
};

// Why a trainee struggles on a step (empty: they do not): many loops or seeks back, a long share at
// slow motion, far more time than the others' median on that step (`all`: every record of the session).
[[nodiscard]] std::vector<std::string> struggleReasons(const StepRecord& r, const std::vector<StepRecord>& all,
                                                       const FollowupConfig& cfg);

[[nodiscard]] Result<std::vector<Finding>> followupReport(catalog::Catalog& cat, const FollowupConfig& cfg,
                                                          const FollowupQuery& q);

}  // namespace kotsu::field
