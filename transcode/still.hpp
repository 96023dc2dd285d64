#pragma once
// One picture out of a video file as a JPEG: the frame at (or just after) a time, scaled to a width.
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::transcode {

[[nodiscard]] Status writeStill(const std::string& video, Micros at, const std::filesystem::path& jpeg, int width = 320);

}  // namespace kotsu::transcode
