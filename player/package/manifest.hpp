#pragma once
// manifest.json / manifest.js of a package (docs/package-format.md, schema in docs/schema/).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/model.hpp"
#include "player/package/package_plan.hpp"
#include "transcode/profiles.hpp"

namespace kotsu::package {

struct ClipEntry {
    std::string path;  // relative to the package
    int width = 0;
    int height = 0;
    Micros duration = 0;
    std::int64_t size = 0;
    std::string checksum;
    std::optional<Loudness> voice;
    std::optional<Loudness> workSound;
};

struct StepEntry {
    const StepPlan* plan = nullptr;
    std::string thumbnail;                              // relative path
    std::map<std::string, std::string> captionFiles;    // lang → relative path
    std::map<std::string, ClipEntry> clips;             // profile → clip
};

struct FileEntry {
    std::string path;
    std::int64_t size = 0;
    std::string checksum;
};

[[nodiscard]] nlohmann::json buildManifest(const Session& session, const std::vector<transcode::Profile>& profiles,
                                           const std::vector<std::string>& languages,
                                           const std::vector<StepEntry>& steps, const std::vector<FileEntry>& files);
// `window.KOTSU_MANIFEST = …;` — the same data for pages opened from file:// (no fetch there).
[[nodiscard]] std::string manifestScript(const nlohmann::json& manifest);
// A new package's id: 32 random hex digits (manifest package_id, the packages row's uid).
[[nodiscard]] std::string newPackageUid();
// Size and XXH3-128 of a file.
[[nodiscard]] Result<FileEntry> describeFile(const std::filesystem::path& root, const std::string& relative);

}  // namespace kotsu::package
