#pragma once
// Outputs are written under a temporary name beside their final one and renamed when complete,
// so a killed run never leaves a half-written file (or folder) under the final name.
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.hpp"

namespace kotsu {

class TempPath {
public:
    // A hidden sibling of `finalPath`: "<dir>/.<name>.tmp-<pid>-<n><ext>" (the extension is kept so
    // libav can guess the container from the name).
    explicit TempPath(std::filesystem::path finalPath);
    TempPath(TempPath&&) noexcept;
    TempPath& operator=(TempPath&&) = delete;
    TempPath(const TempPath&) = delete;
    ~TempPath();  // removes the temporary unless committed

    [[nodiscard]] const std::filesystem::path& temp() const { return temp_; }
    [[nodiscard]] const std::filesystem::path& final() const { return final_; }
    // True when an existing folder at the final name is one kotsu made and may replace whole.
    using Replaceable = std::function<bool(const std::filesystem::path&)>;
    // fsyncs files, then renames over the final name. A folder replaces an existing one whole only when
    // it is empty or `mayReplace` recognises it: kotsu never deletes what it did not make.
    [[nodiscard]] Status commit(const Replaceable& mayReplace = {});

private:
    [[nodiscard]] Error aboutFinal(const Error& e) const;
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

[[nodiscard]] Result<std::string> readFile(const std::filesystem::path& p);
[[nodiscard]] Status writeFileAtomic(const std::filesystem::path& p, std::string_view data);
// Removes what killed runs left beside `finalPath`: its TempPath temporaries (".<stem>.tmp-<pid>-<n>…") and
// swapped-out folders (".<name>.old-<pid>") whose process is gone; a live run's temporaries are kept.
void removeStaleTemps(const std::filesystem::path& finalPath);
// The same for every temporary in `dir` (media/, an asset's cache folder).
void removeStaleTempsIn(const std::filesystem::path& dir);
// A folder name from a title: UTF-8 (Japanese) kept, '/', '\\', control characters and characters file
// systems refuse become '-', no leading dots (so never "." or ".."), at most maxBytes; "session" when empty.
[[nodiscard]] std::string folderNameFor(std::string_view title, size_t maxBytes = 80);
// Lowercase ASCII words joined by '-', other characters dropped; "step" when nothing is left.
[[nodiscard]] std::string slugify(std::string_view title, size_t maxLen = 40);

}  // namespace kotsu
