#pragma once
// The xAPI statements kotsu's player emits (xAPI 1.0.3 with the Video Profile), and the one check
// every statement passes before it is stored, whether it comes from `kotsu serve` or an export file:
// the core structure, then kotsu's table of what each verb must carry (verbRules).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/model.hpp"
#include "field/segments.hpp"

namespace kotsu::field {

inline constexpr std::string_view kVideoExtension = "https://w3id.org/xapi/video/extensions/";
inline constexpr std::string_view kVideoActivityType = "https://w3id.org/xapi/video/activity-type/video";
inline constexpr std::string_view kVideoCategory = "https://w3id.org/xapi/video";
// kotsu's own context (loops, profile, slow motion, seconds watched): IRIs under this prefix.
inline constexpr std::string_view kKotsuExtension = "urn:kotsu:xapi:";
inline constexpr std::size_t kMaxStatementBytes = 16 * 1024;

// What one verb must carry: extensions by short name (the Video Profile's, under kVideoExtension),
// and whether result.completion and result.duration are required.
struct VerbRule {
    std::string_view name;  // initialized, played, …
    std::string_view iri;
    std::vector<std::string_view> result;   // result.extensions
    std::vector<std::string_view> context;  // context.extensions
    bool completion = false;
};
[[nodiscard]] std::span<const VerbRule> verbRules();
[[nodiscard]] const VerbRule* verbByName(std::string_view name);

// A checked statement: the row the catalog keeps and the numbers the reports read.
struct Statement {
    StatementRecord record;   // sessionId is not known here (0): the package id names the session
    std::string packageId;
    std::string stepKey;      // the step id from the object IRI
    std::string videoSession; // the Video Profile's session-id: one playing of one clip
    double length = 0;        // seconds, when the statement carries it
    double time = 0;
    double progress = 0;
    double timeFrom = 0, timeTo = 0;  // seeked
    std::vector<Segment> segments;
    int loops = 0;             // kotsu: times the clip wrapped in this playing
    double slowSeconds = 0;    // kotsu: seconds played at ≤ 0.5×
    double watchSeconds = 0;   // kotsu: seconds of playing (wall clock)
    double speed = 1;
    std::string profile;       // kotsu: tablet, glasses, …
};

// Checks one statement (the xAPI structure, kotsu's object IRI urn:kotsu:pkg:<id>:step:<id>, and the
// verb's row in verbRules). The error names the statement (its id when it has one) and the problem.
[[nodiscard]] Result<Statement> checkStatement(const nlohmann::json& j);
[[nodiscard]] Result<Statement> checkStatement(std::string_view text);

// "urn:kotsu:pkg:<package>:step:<step>"
[[nodiscard]] std::string stepActivityId(std::string_view packageId, std::string_view stepId);
[[nodiscard]] bool isUuid(std::string_view s);

}  // namespace kotsu::field
