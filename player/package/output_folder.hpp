#pragma once
// Where a package may go. `--out` names the package folder itself, which a finished run replaces whole —
// so a folder that holds anything but an earlier kotsu package (a user's Desktop, ".", the library's
// camera originals) is refused before any work, never swapped out and deleted.
#include <filesystem>

#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::package {

// The absolute, normalised folder (trailing slashes, "./" and ".." resolved), or an error naming it:
// "/", the current folder or one holding it, the home folder, the library root or anything holding it,
// media/ and cache/ (or inside them), an existing file, an existing folder that is neither empty nor a
// kotsu package (manifest.json with format "kotsu.package").
[[nodiscard]] Result<std::filesystem::path> resolveOutputFolder(const Library& lib, const std::filesystem::path& out);

// The editor's suggestion: <library>/packages/<folder name from the title> (core/files folderNameFor), so a
// title such as "../media" never reaches the library's own folders.
[[nodiscard]] std::filesystem::path defaultOutputFolder(const Library& lib, std::string_view sessionTitle);

// True when `dir` holds a manifest.json whose format is "kotsu.package".
[[nodiscard]] bool isKotsuPackage(const std::filesystem::path& dir);

}  // namespace kotsu::package
