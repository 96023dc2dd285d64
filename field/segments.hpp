#pragma once
// xAPI Video Profile played segments: "0[.]12.4[,]8[.]41.5" — the parts of a clip that actually
// played. Their union, not the furthest point reached, says how much of a step was watched.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kotsu::field {

using Segment = std::pair<double, double>;  // seconds, start < end

// The segments of a played-segments string, or nothing when it is malformed ("" is no segment).
[[nodiscard]] std::optional<std::vector<Segment>> parseSegments(std::string_view text);
// Sorted, overlapping and touching segments joined.
[[nodiscard]] std::vector<Segment> unionOf(std::vector<Segment> segments);
// Seconds covered by the union, clipped to [0, length].
[[nodiscard]] double coveredSeconds(const std::vector<Segment>& segments, double length);
[[nodiscard]] std::string formatSegments(const std::vector<Segment>& segments);

}  // namespace kotsu::field
