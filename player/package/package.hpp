#pragma once
// Packaging a session for the field (DESIGN.md "The package"): per step, its clips from the clip
// cache or from one encode of the step's span alone for every profile (step_clips.hpp),
// captions, thumbnails, the offline HTML player, manifest.json/.js and index.sqlite — built in a
// temporary folder beside the target and renamed into place when complete.
#include <filesystem>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/library.hpp"
#include "core/progress.hpp"

namespace kotsu::package {

struct PackageOptions {
    std::filesystem::path out;                       // the package folder
    std::vector<std::string> profiles{"tablet", "glasses"};
    bool zip = false;                                // also write <out>.zip with the same layout
    bool cache = true;                               // reuse and keep clips in the library's clip cache
    Progress* progress = nullptr;
    CancelToken cancel;                              // default: a child of the process token (Ctrl-C)
    // Who may sign in on a device (the manifest's roster, and the session's roster in the catalog);
    // fixedTrainee: exactly one, and the player asks no one.
    std::vector<Trainee> trainees;
    bool fixedTrainee = false;
};

struct PackageResult {
    std::filesystem::path folder;
    std::filesystem::path zip;      // empty unless asked for
    std::filesystem::path indexHtml;
    int steps = 0;
    int clipsEncoded = 0;   // step × profile clips encoded by this run
    int clipsCached = 0;    // … and taken from the clip cache
};

[[nodiscard]] Result<PackageResult> buildPackage(const Library& lib, catalog::Catalog& cat, const Session& session,
                                                 const PackageOptions& options);

}  // namespace kotsu::package
