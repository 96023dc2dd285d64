#pragma once
// Per trainee and step: what the stored statements say — views, watched (the union of played
// segments covers the share of the step that `watched` asks, whatever the seeks), loops, seeks back,
// seconds at slow motion, seconds of playing.
#include <ctime>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::field {

struct StepInfo {
    Id id = 0;           // the step marker
    int index = 0;       // 1-based
    std::string title;
    double length = 0;   // seconds
    bool safety = false; // a warning or a safety marker inside it
};

struct StepRecord {
    std::string trainee;
    Id sessionId = 0;
    StepInfo step;
    int views = 0;           // initialized statements
    double coverage = 0;     // union of played segments ÷ length
    bool watched = false;
    int loops = 0;
    int seeksBack = 0;
    double slowSeconds = 0;
    double watchSeconds = 0;
    std::string first, last; // timestamps
    std::string watchedAt;   // the first statement whose segments reached `watched`
};

// The steps of a session in order, with their safety flags.
[[nodiscard]] Result<std::vector<StepInfo>> stepsOfSession(catalog::Catalog& cat, Id sessionId);
// One record per trainee (who has statements) and step, trainees in order of id. `watched` is the
// share of a step the played segments must cover (0.9).
[[nodiscard]] std::vector<StepRecord> summarize(const std::vector<StepInfo>& steps, Id sessionId,
                                                const std::vector<StatementRecord>& rows, double watched);

// "2026-12-02T03:04:05Z" (fractions and offsets allowed) → seconds since 1970, or -1.
[[nodiscard]] std::time_t parseTimestamp(const std::string& iso);
[[nodiscard]] std::string formatTimestamp(std::time_t t);

}  // namespace kotsu::field
