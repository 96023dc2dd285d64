#pragma once
// The marker exchange formats: JSON ({"markers": [...]}, see docs/markers.md and its schema) and
// CSV with the same columns (kind,in,out,title,note,warning,tags). Export then import gives the same markers.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu {

[[nodiscard]] Result<std::vector<Marker>> parseMarkersJson(std::string_view text, const std::string& fileName);
[[nodiscard]] Result<std::vector<Marker>> parseMarkersCsv(std::string_view text, const std::string& fileName);
[[nodiscard]] std::string writeMarkersJson(const std::vector<Marker>& markers);
[[nodiscard]] std::string writeMarkersCsv(const std::vector<Marker>& markers);

}  // namespace kotsu
