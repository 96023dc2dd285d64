#pragma once
// Synthetic media from libav's lavfi sources, rendered in-process: test fixtures, the demo's
// footage, and benchmark inputs. Nothing large is ever committed; it is made when needed.
#include <filesystem>
#include <map>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::demo {

struct SynthSpec {
    std::string video;  // lavfi video graph, e.g. "testsrc2=size=1280x720:rate=30"; empty: no video
    std::string audio;  // lavfi audio graph, e.g. "sine=frequency=440:sample_rate=48000"; empty: no audio
    Micros duration = 2'000'000;
    std::string videoCodec = "libx264";
    std::string pixelFormat = "yuv420p";
    std::map<std::string, std::string> videoOptions{{"preset", "ultrafast"}};
    int gop = 0;                    // 0: the encoder's default
    int videoBitrate = 0;           // bit/s, 0: the encoder's default (crf for x264)
    std::string audioCodec = "aac";
    int audioSampleRate = 48000;
    int audioChannels = 2;
    int rotation = 0;               // display matrix: degrees clockwise for a player to show it upright
    Rational sampleAspect{1, 1};
    bool interlacedTopFirst = false;  // mark (and encode) as interlaced, top field first
    bool fullRange = false;           // mark as full (pc) range
    std::string colorTransfer;        // tag the video, e.g. "smpte2084" (HDR10), "arib-std-b67" (HLG); "" = unset
    std::string colorPrimaries;       // e.g. "bt2020"
    std::string colorSpace;           // e.g. "bt2020nc"
    std::string container;            // "" = from the file name
    // Where each track starts in the file: a picture that starts after its sound (or the reverse),
    // as in camera files trimmed by a stream copy and camcorder .mts files.
    Micros videoStart = 0;
    Micros audioStart = 0;
    std::string creationTime;  // the container's creation_time ("2026-12-02T03:00:00.000000Z"), as cameras write it
};

[[nodiscard]] Status synthesize(const SynthSpec& spec, const std::filesystem::path& out);

}  // namespace kotsu::demo
