#pragma once
// `kotsu verify DIR|ZIP`: re-reads every file a package's manifest lists and checks size and checksum,
// that every step's clip is listed, and that manifest.js carries the same data as manifest.json.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace kotsu::package {

struct VerifyProblem {
    std::string path;     // relative to the package
    std::string problem;  // "missing", "size 123, expected 456", "checksum differs"
};

struct VerifyReport {
    int filesChecked = 0;
    std::int64_t bytesChecked = 0;
    std::vector<VerifyProblem> problems;
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

// `path` is a package folder or its .zip (read directly, nothing extracted), from anyone: only regular
// files inside it are read (package_source). An error when it is not a package at all (no, unreadable or
// malformed manifest: one line); problems otherwise.
[[nodiscard]] Result<VerifyReport> verifyPackage(const std::filesystem::path& path);

}  // namespace kotsu::package
