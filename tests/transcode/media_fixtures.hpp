#pragma once
// Generated test media for the transcode suite, made once per test process and shared by the tests
// (small: ≤3 s, ≤720p), plus helpers that look at decoded output pixels through the ffmpeg referee.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"
#include "demo/synth.hpp"

namespace kotsu::test {

class TranscodeMedia {
public:
    static TranscodeMedia& get();
    // Named clips:
    //   main        3 s 1280x720 30 fps testsrc2 + 48 kHz stereo speech-like audio
    //   portrait    2 s 640x360 stored, display matrix 90° (a phone held upright): top half white,
    //               bottom half grey once upright; no audio
    //   sar         2 s 480x360 white with 4:3 pixels (displays 640x360); no audio
    //   interlaced  2 s 720x576 25i mpeg2video top field first, moving pattern; no audio
    //   fullrange   2 s 320x180 yuvj420p, left half white, right half black, full range; no audio
    //   tenbit      2 s 640x360 yuv420p10le H.264; no audio
    //   hdr         2 s 640x360 yuv420p10le tagged HDR10 (PQ, BT.2020); no audio
    //   noaudio     2 s 640x360 testsrc2, no audio
    //   vfr         3 s 640x360: 30 fps with a 0.1 s hole after 1 s; audio
    //   long        3 s 1280x720 + audio (for cancellation)
    const std::filesystem::path& clip(const std::string& name);

private:
    TranscodeMedia();
    std::unique_ptr<ScratchDir> dir_;
    std::map<std::string, std::filesystem::path> made_;
};

// A speech-like lavfi audio graph: syllable-rate bursts of a voiced tone over quiet pink noise.
[[nodiscard]] std::string speechLikeAudio(int sampleRate = 48000);

// The luma plane of one decoded frame (at `seconds`) of `file`, via the ffmpeg referee.
struct LumaFrame {
    int width = 0, height = 0;
    std::vector<std::uint8_t> y;
    [[nodiscard]] int at(int x, int yy) const { return y[static_cast<size_t>(yy) * width + x]; }
    // Mean luma of a column (x) over the middle half of the height.
    [[nodiscard]] double column(int x) const;
};
[[nodiscard]] LumaFrame decodeLuma(const std::filesystem::path& file, double seconds, int width, int height);

// ffprobe referee: number of audio streams, and the pts (s) of every video frame.
[[nodiscard]] int audioStreamCount(const std::filesystem::path& file);
[[nodiscard]] std::vector<double> videoFrameTimes(const std::filesystem::path& file);
// moov before mdat (faststart).
[[nodiscard]] bool moovFirst(const std::filesystem::path& file);

}  // namespace kotsu::test
