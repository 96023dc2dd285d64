#pragma once
// manifest.json as verify reads it: from anyone, so bounded and type-checked (the writer is manifest.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "player/package/manifest.hpp"

namespace kotsu::package {

// What verify needs from a manifest.json it did not write: every value's type checked, so a wrong type is
// one line ("files[3].size is a string, expected a whole number"), never an exception.
struct ManifestClip {
    std::string step;     // the step's index as written, for messages
    std::string profile;
    std::string path;
};
struct ReadManifest {
    nlohmann::json json;  // the whole document (depth bounded by parseJson)
    std::vector<FileEntry> files;
    std::vector<ManifestClip> clips;
};
inline constexpr std::size_t kMaxManifestBytes = 64u << 20;
[[nodiscard]] Result<ReadManifest> readManifest(std::string_view text, const std::string& fileName);

}  // namespace kotsu::package
