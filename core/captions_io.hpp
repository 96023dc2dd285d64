#pragma once
// WebVTT and SRT, read and written. The reader copes with a BOM, CRLF, cue identifiers, cue
// settings, STYLE/NOTE/REGION blocks and inline tags; a broken timestamp is an error with its line.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu {

enum class CaptionFormat { Vtt, Srt };

// The format is taken from the content ("WEBVTT" header) and else the file name.
[[nodiscard]] Result<std::vector<Cue>> parseCaptions(std::string_view text, const std::string& fileName);
[[nodiscard]] std::string writeCaptions(const std::vector<Cue>& cues, CaptionFormat format);
// Cues overlapping [in, out), clipped to it and shifted so that `in` is 0.
[[nodiscard]] std::vector<Cue> cuesWithin(const std::vector<Cue>& cues, Micros in, Micros out);

}  // namespace kotsu
