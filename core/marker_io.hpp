#pragma once
// The marker exchange formats: JSON ({"markers": [...]}, see docs/markers.md and its schema) and
// CSV with the same columns (kind,in,out,title,note,warning,tags). Export then import gives the same markers.
// CSV is written for Excel: UTF-8 with a BOM (or CP932 for old tools), cells that Excel would run as a
// formula (= + - @) prefixed with ' (removed again on import), tags holding commas quoted inside the cell.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/text_encoding.hpp"

namespace kotsu {

[[nodiscard]] Result<std::vector<Marker>> parseMarkersJson(std::string_view text, const std::string& fileName);
[[nodiscard]] Result<std::vector<Marker>> parseMarkersCsv(std::string_view text, const std::string& fileName);
[[nodiscard]] std::string writeMarkersJson(const std::vector<Marker>& markers);
// Utf8Bom (the default, for Excel) or Cp932; a character CP932 cannot encode is an error naming the marker.
[[nodiscard]] Result<std::string> writeMarkersCsv(const std::vector<Marker>& markers,
                                                  TextEncoding encoding = TextEncoding::Utf8Bom);

struct MarkersFile {
    std::vector<Marker> markers;
    TextEncoding encoding = TextEncoding::Utf8;  // what the file was read as
};
// A .csv (else JSON) file in UTF-8 (with or without BOM), UTF-16 with BOM or CP932 (core/text_encoding).
[[nodiscard]] Result<MarkersFile> readMarkersFile(const std::filesystem::path& file);

}  // namespace kotsu
