#pragma once
// WebVTT and SRT, read and written. The reader copes with a BOM, CRLF, cue identifiers, cue
// settings, STYLE/NOTE/REGION blocks and inline tags; a broken timestamp is an error with its line.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/text_encoding.hpp"

namespace kotsu {

enum class CaptionFormat { Vtt, Srt };

// The format is taken from the content ("WEBVTT" header) and else the file name.
[[nodiscard]] Result<std::vector<Cue>> parseCaptions(std::string_view text, const std::string& fileName);
struct CaptionsFile {
    std::vector<Cue> cues;
    TextEncoding encoding = TextEncoding::Utf8;  // what the file was read as
};
// A WebVTT or SRT file in UTF-8 (with or without BOM), UTF-16 with BOM or CP932 (Shift_JIS SRT from
// Japanese subtitle tools), decoded by core/text_encoding.
[[nodiscard]] Result<CaptionsFile> readCaptionsFile(const std::filesystem::path& file);
[[nodiscard]] std::string writeCaptions(const std::vector<Cue>& cues, CaptionFormat format);
// Cues overlapping [in, out), clipped to it and shifted so that `in` is 0.
[[nodiscard]] std::vector<Cue> cuesWithin(const std::vector<Cue>& cues, Micros in, Micros out);

}  // namespace kotsu
