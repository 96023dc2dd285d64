#pragma once
// Probing a media file with libavformat/libavcodec: the facts stored with an asset, and a check
// that its streams really decode.
#include <string>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::capture {

[[nodiscard]] Result<ProbeFacts> probeFile(const std::string& path);
// Decodes the first frames of every video/audio stream the facts describe; an error names the stream.
[[nodiscard]] Status verifyDecodes(const std::string& path, const ProbeFacts& facts, int frames = 5);

}  // namespace kotsu::capture
