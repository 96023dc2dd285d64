#pragma once
// A package folder as one zip (libzip), same layout; media stored, text deflated.
#include <filesystem>

#include "core/error.hpp"

namespace kotsu::package {

[[nodiscard]] Status writeZip(const std::filesystem::path& folder, const std::filesystem::path& zipPath);

}  // namespace kotsu::package
