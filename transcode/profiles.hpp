#pragma once
// Profiles: what a rendition is made for (DESIGN.md "Profiles"). They are data: assets/profiles.conf,
// built in, with the user's profiles.conf files (~/.config/kotsu/, $KOTSU_LIBRARY/) over it, so a
// 640×360 profile for other glasses needs no rebuild.
#include <string>
#include <vector>

#include "core/asset_file.hpp"
#include "core/error.hpp"

namespace kotsu::transcode {

struct Profile {
    std::string name;          // proxy | tablet | glasses | vuzix | the user's
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
    // Packaging
    bool burnIn = false;       // captions, "STEP n/N title" and warnings burned into the picture
    bool packaged = true;      // false: editor-only (the proxy)
};

// Profiles from conf files in order: a [section] with a known name changes the keys it gives; a new
// one starts from `base = NAME` or the defaults. Unknown keys and bad values are errors with the line.
[[nodiscard]] Result<std::vector<Profile>> parseProfiles(const std::vector<assets::ConfFile>& files);
// The built-in profiles with the user's files over them; a bad file is the error ("FILE:LINE: …").
[[nodiscard]] Result<std::vector<Profile>> loadProfiles();
// loadProfiles(), or only the built-in ones when a user file is bad (findProfile reports it).
[[nodiscard]] std::vector<Profile> profiles();
// The named profile; an unknown name (listing the known ones) or a bad profiles file is the error.
[[nodiscard]] Result<Profile> findProfile(const std::string& name);

}  // namespace kotsu::transcode
