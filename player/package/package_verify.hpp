#pragma once
// `kotsu verify DIR`: re-reads every file a package's manifest lists and checks size and checksum,
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

// An error when DIR is not a package at all (no or unreadable manifest); problems otherwise.
[[nodiscard]] Result<VerifyReport> verifyPackage(const std::filesystem::path& dir);

}  // namespace kotsu::package
