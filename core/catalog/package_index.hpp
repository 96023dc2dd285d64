#pragma once
// index.sqlite inside a package: the steps, their clips and captions for native players, with a
// full-text index (trigram, so Japanese is found). Written once, read-only afterwards.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::catalog {

struct PackageIndexClip {
    std::string profile;
    std::string path;
    int width = 0;
    int height = 0;
    Micros duration = 0;
};

struct PackageIndexStep {
    int index = 0;
    std::int64_t id = 0;
    std::string title, note, warning, tags;  // tags joined by ", "
    Micros in = 0, out = 0;
    std::string thumbnail;
    std::vector<PackageIndexClip> clips;
    std::string captionText;  // all cue text of the step, for search
};

[[nodiscard]] Status writePackageIndex(const std::string& path, const std::string& sessionTitle,
                                       const std::vector<PackageIndexStep>& steps);
// Step indexes whose title/note/warning/tags/captions contain `words` (for tests and native players).
[[nodiscard]] Result<std::vector<int>> searchPackageIndex(const std::string& path, const std::string& words);

}  // namespace kotsu::catalog
