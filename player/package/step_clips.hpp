#pragma once
// The clips of one step, for every profile: from the clip cache when an earlier package made the same
// clip, else from one transcode of the step's span alone (the source decoded once for every profile
// still missing, the rest of the recording never read), cut at the step's exact frames.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "core/time.hpp"
#include "player/package/burnin.hpp"
#include "player/package/clip_cache.hpp"
#include "player/package/package_plan.hpp"
#include "transcode/profiles.hpp"

namespace kotsu::package {

// Read on this far past a step's out, so the encode holds the keyframe at out that ends the clip.
inline constexpr Micros kStepTail = 200'000;

struct StepSource {
    std::string path;               // the main asset, absolute
    std::optional<Micros> origin;   // its timeline origin
    std::string checksum;           // its content hash (the cache key's first part)
    // The sound from another file (an angle without a microphone: the main camera's), on the same
    // session timeline; empty: the file's own.
    std::string soundPath;
    std::optional<Micros> soundOrigin;
    std::string language;           // the session's (audio track tag)
    std::string label;              // progress label (drawn on a terminal when there is no progress)
    Progress* progress = nullptr;   // the package's, restarted for each step's encode
    CancelToken cancel;             // the package's job
};

struct StepClip {
    std::string rel;     // clips/<profile>/<slug>.mp4, under the package root
    int width = 0, height = 0;
    Micros duration = 0;
    bool cached = false;
};

// Writes steps[i]'s clips under `root`; `work` holds the encodes meanwhile. `burnin` is the style for
// profiles that burn text in. `cache` may be null (nothing kept, nothing reused).
[[nodiscard]] Result<std::map<std::string, StepClip>> makeStepClips(
    const StepSource& src, const std::vector<StepPlan>& steps, size_t i, const std::vector<transcode::Profile>& profiles,
    const BurninStyle& burnin, const std::filesystem::path& root, const std::filesystem::path& work,
    const ClipCache* cache);

}  // namespace kotsu::package
