#pragma once
// JSON at the boundary: the model's types to and from nlohmann::json.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu {

[[nodiscard]] nlohmann::json toJson(const Session& s);
[[nodiscard]] nlohmann::json toJson(const ProbeFacts& p);
[[nodiscard]] nlohmann::json toJson(const Asset& a);
[[nodiscard]] nlohmann::json toJson(const Rendition& r);
[[nodiscard]] nlohmann::json toJson(const Loudness& l);
[[nodiscard]] nlohmann::json toJson(const Marker& m);  // times both as "HH:MM:SS.mmm" and integer microseconds
[[nodiscard]] nlohmann::json toJson(const Suggestion& s);
[[nodiscard]] nlohmann::json toJson(const Cue& c);  // times as in Marker

// JSON from files kotsu did not write (packages from others, marker files): nesting deeper than
// `maxDepth` is refused before any value is built (so no copy, comparison or destructor recurses
// deeply), and a syntax error is one line naming `fileName`.
inline constexpr int kMaxJsonDepth = 64;
[[nodiscard]] Result<nlohmann::json> parseJson(std::string_view text, const std::string& fileName,
                                               int maxDepth = kMaxJsonDepth);
// "a string", "a whole number", … — for "X is <kind>, expected …" messages.
[[nodiscard]] std::string jsonKind(const nlohmann::json& value);

}  // namespace kotsu
