#pragma once
// Clips of earlier packages kept under the library (cache/clips/), each under a key made of
// everything its pictures and sound come from — the source's checksum, the span, every setting of
// the profile, the language, and for burned-in profiles the step's whole ASS script (title,
// warnings, captions, style) — so a package after an edit re-encodes only the clips the edit
// changed. An entry is the clip (<key>.mp4) and its facts (<key>.json), each written under a
// temporary name and renamed; the facts go last and name the clip's size, so a half-written entry
// is a miss, never a wrong clip. The cache is bounded: the least recently used entries go first.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"
#include "transcode/profiles.hpp"

namespace kotsu::package {

struct CachedClip {
    std::filesystem::path file;
    int width = 0, height = 0;
    Micros duration = 0;
};

[[nodiscard]] std::string clipKey(const std::string& sourceChecksum, TimeSpan span, const transcode::Profile& profile,
                                  const std::string& language, const std::string& burninScript);

class ClipCache {
public:
    static constexpr std::uintmax_t kDefaultLimit = std::uintmax_t(20) << 30;  // 20 GiB
    explicit ClipCache(std::filesystem::path dir, std::uintmax_t limitBytes = kDefaultLimit)
        : dir_(std::move(dir)), limit_(limitBytes) {}

    // The clip under `key`, whole, or nothing; a hit counts as a use (for the bound).
    [[nodiscard]] std::optional<CachedClip> find(const std::string& key) const;
    // Keeps a copy of `clip` under `key`.
    [[nodiscard]] Status store(const std::string& key, const std::filesystem::path& clip, const CachedClip& facts) const;
    // Removes the least recently used entries until the cache holds at most the limit.
    void prune() const;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::uintmax_t limit_;
};

}  // namespace kotsu::package
