#include "transcode/profiles.hpp"

namespace kotsu::transcode {

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> all = [] {
        std::vector<Profile> v;
        Profile proxy;
        proxy.name = "proxy";
        proxy.width = 640;
        proxy.height = 360;
        proxy.x264Profile = "high";
        proxy.preset = "ultrafast";
        proxy.crf = 26;
        proxy.keyframeEvery = 0.5;
        proxy.targetLufs = -16;
        proxy.audioChannels = 2;
        proxy.audioBitrate = 96;
        v.push_back(proxy);

        Profile tablet;
        tablet.name = "tablet";
        tablet.width = 1280;
        tablet.height = 720;
        tablet.x264Profile = "high";
        tablet.crf = 23;
        tablet.speechChain = true;
        tablet.workSoundTrack = true;
        tablet.targetLufs = -16;
        tablet.audioChannels = 2;
        v.push_back(tablet);

        Profile glasses;
        glasses.name = "glasses";
        glasses.width = 854;
        glasses.height = 480;
        glasses.x264Profile = "main";
        glasses.crf = 24;
        glasses.maxBitrate = 1000;
        glasses.speechChain = true;
        glasses.targetLufs = -14;
        glasses.compressThresholdDb = -32;
        glasses.compressRatio = 5;
        glasses.audioChannels = 1;
        glasses.audioBitrate = 96;
        v.push_back(glasses);
        return v;
    }();
    return all;
}

std::optional<Profile> findProfile(const std::string& name) {
    for (const auto& p : profiles())
        if (p.name == name) return p;
    return std::nullopt;
}

}  // namespace kotsu::transcode
