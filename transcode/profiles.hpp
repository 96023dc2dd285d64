#pragma once
// Profiles: what a rendition is made for (DESIGN.md "Profiles").
#include <optional>
#include <string>
#include <vector>

namespace kotsu::transcode {

struct Profile {
    std::string name;          // proxy | tablet | glasses
    int width = 0;             // the fixed output frame (picture letterboxed/pillarboxed into it)
    int height = 0;
    int maxFps = 30;           // constant output rate: the source's, capped here
    std::string x264Profile;   // "high", "main"
    std::string preset = "veryfast";
    int crf = 23;
    int maxBitrate = 0;        // kbit/s, 0 = unconstrained
    double keyframeEvery = 0;  // seconds; 0 = encoder default (proxy: 0.5)
    // Audio
    bool speechChain = false;  // voice track through the speech chain
    bool workSoundTrack = false;  // a second track: original, loudness-normalized only
    // Speech compression of the voice track (acompressor): above the threshold (dBFS, RMS) the level
    // rises 1/ratio as fast. Glasses are louder and more compressed than the tablet.
    double compressThresholdDb = -26;
    double compressRatio = 3;
    double targetLufs = -16;
    double maxTruePeak = -1.5;
    int audioChannels = 2;
    int audioBitrate = 128;    // kbit/s
};

[[nodiscard]] const std::vector<Profile>& profiles();
[[nodiscard]] std::optional<Profile> findProfile(const std::string& name);

}  // namespace kotsu::transcode
