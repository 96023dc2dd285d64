#pragma once
// JSON at the boundary: the model's types to and from nlohmann::json.
#include <nlohmann/json.hpp>

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

}  // namespace kotsu
