#pragma once
// A package received from someone else, read without trusting it: a folder or a .zip. Only regular files
// inside the package are read — symbolic links (at any level), FIFOs, devices and sockets are refused
// without being opened or followed (lstat / O_NOFOLLOW|O_NONBLOCK), so nothing outside the package is
// read or sized; zip entries named with "..", an absolute path or as symbolic links are refused, and an
// entry is inflated only when its size is the one expected and its compression ratio is believable.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "player/package/manifest_reader.hpp"

namespace kotsu::package {

class PackageSource {
public:
    virtual ~PackageSource() = default;
    // A small text file (manifest.json, manifest.js) of at most maxBytes. The error's message is the
    // problem ("missing", "a symbolic link, not followed", …).
    [[nodiscard]] virtual Result<std::string> readText(const std::string& relative, std::size_t maxBytes) = 0;
    // Size and XXH3-128 of a regular file. A file whose size is not `expectedSize` is described by its
    // size alone (checksum empty), without being read.
    [[nodiscard]] virtual Result<FileEntry> describe(const std::string& relative, std::int64_t expectedSize) = 0;
    // Problems of the container itself (zip entries that are unsafe), as "name: problem".
    [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> containerProblems() const { return {}; }
};

// A folder, or a .zip file (by its first bytes). An error when it is neither (one line naming it).
[[nodiscard]] Result<std::unique_ptr<PackageSource>> openPackageSource(const std::filesystem::path& path);
// Relative, no "..", no backslash or drive letter: a name that stays inside the package.
[[nodiscard]] bool safeRelativeName(const std::string& name);
// True when `zipPath` is a zip whose manifest.json says kotsu.package (a zip kotsu wrote).
[[nodiscard]] bool isKotsuPackageZip(const std::filesystem::path& zipPath);

}  // namespace kotsu::package
