#pragma once
// Probing a media file with libavformat/libavcodec: the facts stored with an asset, and a check
// that its streams really decode.
#include <string>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::capture {

// Container, timing, the main video stream (cover art and Apple 'mebx' metadata tracks skipped)
// and the main audio stream. A file with neither video nor audio is an error.
[[nodiscard]] Result<ProbeFacts> probeFile(const std::string& path);

// Decodes the first `frames` frames of the main video and audio streams the facts describe, and
// checks that the container's index does not point past the end of the file (a truncated copy).
// An error names the stream: "stream 1 (h264 video): no frame decodes (Error parsing frame sizes)".
[[nodiscard]] Status verifyDecodes(const std::string& path, const ProbeFacts& facts, int frames = 5);

// "2019-07-24T08:25:57.000000Z" / "2012-09-10 20:52:00" → "2019-07-24T08:25:57Z" / "2012-09-10T20:52:00";
// anything that does not look like a date and time is returned unchanged.
[[nodiscard]] std::string normalizeCreationTime(const std::string& tag);

}  // namespace kotsu::capture
