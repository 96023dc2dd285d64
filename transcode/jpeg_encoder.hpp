#pragma once
// The mjpeg encoder as stills want it: full-range yuvj420p at a fixed quality, one picture per
// packet. Shared by the editor's thumbnails and the package's step pictures.
#include <string>

#include "core/av/codec.hpp"
#include "core/error.hpp"

namespace kotsu::transcode {

// qscale: 2 (best) … 31; time base 1/1 (pts in whatever unit the caller numbers pictures by).
[[nodiscard]] Result<av::Encoder> openJpegEncoder(int width, int height, int qscale, const std::string& path);

}  // namespace kotsu::transcode
