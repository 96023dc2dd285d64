#include "transcode/profiles.hpp"

#include <array>

namespace kotsu::transcode {

namespace {

using assets::ConfFile;

constexpr std::array<std::string_view, 3> kX264Profiles{"baseline", "main", "high"};
constexpr std::array<std::string_view, 10> kPresets{"ultrafast", "superfast", "veryfast", "faster", "fast",
                                                    "medium", "slow", "slower", "veryslow", "placebo"};

// The keys of profiles.conf and the values they take.
const std::array<assets::Field<Profile>, 18> kKeys{{
    {"width", &Profile::width, 16, 7680},
    {"height", &Profile::height, 16, 4320},
    {"max-fps", &Profile::maxFps, 1, 120},
    {"x264-profile", &Profile::x264Profile, 0, 0, kX264Profiles},
    {"preset", &Profile::preset, 0, 0, kPresets},
    {"crf", &Profile::crf, 0, 51},
    {"max-bitrate", &Profile::maxBitrate, 0, 100'000},
    {"keyframe-every", &Profile::keyframeEvery, 0, 60},
    {"speech-chain", &Profile::speechChain},
    {"work-sound-track", &Profile::workSoundTrack},
    {"compress-threshold-db", &Profile::compressThresholdDb, -60, 0},
    {"compress-ratio", &Profile::compressRatio, 1, 20},
    {"target-lufs", &Profile::targetLufs, -40, -5},
    {"max-true-peak", &Profile::maxTruePeak, -9, 0},
    {"audio-channels", &Profile::audioChannels, 1, 2},
    {"audio-bitrate", &Profile::audioBitrate, 16, 512},
    {"burn-in", &Profile::burnIn},
    {"package", &Profile::packaged},
}};

Profile* named(std::vector<Profile>& all, std::string_view name) {
    for (auto& p : all)
        if (p.name == name) return &p;
    return nullptr;
}

std::string knownNames(const std::vector<Profile>& all) {
    std::string known;
    for (const auto& p : all) known += (known.empty() ? "" : ", ") + p.name;
    return known;
}

}  // namespace

Result<std::vector<Profile>> parseProfiles(const std::vector<ConfFile>& files) {
    std::vector<Profile> all;
    for (const auto& f : files) {
        for (const auto& s : f.sections) {
            if (s.name.empty()) {
                if (!s.entries.empty()) return f.error(s.entries.front().line, "a key before the first [profile]");
                continue;
            }
            Profile* p = named(all, s.name);
            size_t first = 0;
            if (!p) {
                Profile fresh;
                if (!s.entries.empty() && s.entries.front().key == "base") {
                    const auto& e = s.entries.front();
                    const Profile* base = named(all, e.value);
                    if (!base) return f.error(e.line, "base: no profile '" + e.value + "' before this one");
                    fresh = *base;
                    first = 1;
                }
                fresh.name = s.name;
                all.push_back(std::move(fresh));
                p = &all.back();
            }
            for (size_t i = first; i < s.entries.size(); ++i) {
                if (s.entries[i].key == "base")
                    return f.error(s.entries[i].line, "base: only as the first key of a new profile");
                KOTSU_TRY(assets::setField<Profile>(*p, kKeys, f, s.entries[i]));
            }
            if (p->width <= 0 || p->height <= 0 || p->x264Profile.empty())
                return f.error(s.line, "[" + s.name + "] needs width, height and x264-profile");
        }
    }
    return all;
}

Result<std::vector<Profile>> loadProfiles() {
    auto files = assets::loadConf("profiles.conf");
    if (!files) return files.error();
    return parseProfiles(*files);
}

std::vector<Profile> profiles() {
    if (auto all = loadProfiles()) return std::move(all).value();
    auto builtIn = assets::parseConf(assets::builtIn("profiles.conf"), "assets/profiles.conf");
    if (!builtIn) return {};
    auto all = parseProfiles({*builtIn});
    return all ? std::move(all).value() : std::vector<Profile>{};
}

Result<Profile> findProfile(const std::string& name) {
    auto all = loadProfiles();
    if (!all) return all.error();
    if (const Profile* p = named(*all, name)) return *p;
    return Error::make("", "unknown profile '" + name + "' (known: " + knownNames(*all) + ")");
}

}  // namespace kotsu::transcode
