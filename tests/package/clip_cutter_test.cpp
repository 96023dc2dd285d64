// Cutting clips without re-encoding: first frame a keyframe at pts 0, the step's length, faststart.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_support.hpp"
#include "transcode/clip_cutter.hpp"
#include "demo/synth.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

// 6 s of 30 fps with a keyframe every 0.5 s and B-frames, plus audio.
fs::path makeSource(const test::ScratchDir& dir) {
    demo::SynthSpec spec;
    spec.video = "testsrc2=size=320x240:rate=30";
    spec.audio = "sine=frequency=300:sample_rate=48000";
    spec.duration = 6'000'000;
    spec.gop = 15;
    spec.videoOptions = {{"preset", "veryfast"}, {"bf", "2"}};
    auto p = dir / "source.mp4";
    auto r = demo::synthesize(spec, p);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what());
    return p;
}

// The order of the top-level boxes: faststart puts moov before mdat.
bool moovBeforeMdat(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<std::string> order;
    while (in) {
        unsigned char hdr[8];
        if (!in.read(reinterpret_cast<char*>(hdr), 8)) break;
        std::uint64_t size = (std::uint64_t(hdr[0]) << 24) | (hdr[1] << 16) | (hdr[2] << 8) | hdr[3];
        std::string type(reinterpret_cast<char*>(hdr + 4), 4);
        order.push_back(type);
        if (size == 1) {
            unsigned char big[8];
            in.read(reinterpret_cast<char*>(big), 8);
            size = 0;
            for (unsigned char b : big) size = (size << 8) | b;
            in.seekg(static_cast<std::streamoff>(size - 16), std::ios::cur);
        } else if (size < 8) {
            break;
        } else {
            in.seekg(static_cast<std::streamoff>(size - 8), std::ios::cur);
        }
    }
    auto moov = std::find(order.begin(), order.end(), "moov");
    auto mdat = std::find(order.begin(), order.end(), "mdat");
    return moov != order.end() && mdat != order.end() && moov < mdat;
}

}  // namespace

TEST(ClipCutter, ClipStartsOnKeyframeAtZeroAndLastsTheStep) {
    if (!test::haveTool("ffprobe")) GTEST_SKIP() << "ffprobe (referee) not installed";
    test::ScratchDir dir("clip-cutter");
    auto src = makeSource(dir);
    auto out = dir / "clip.mp4";
    auto info = transcode::cutClip(src.string(), out, 1'500'000, 4'000'000);
    ASSERT_TRUE(info.ok()) << info.error().what();
    EXPECT_EQ(info->videoFrames, 75);  // 2.5 s at 30 fps
    EXPECT_NEAR(double(info->duration) / 1e6, 2.5, 1.0 / 30);

    auto keys = test::probeKeyframeTimes(out);
    ASSERT_FALSE(keys.empty());
    EXPECT_NEAR(keys.front(), 0.0, 1e-6) << "first frame must be a keyframe at pts 0";
    auto frames = test::run("ffprobe -v error -select_streams v:0 -count_frames -show_entries stream=nb_read_frames "
                            "-of csv=p=0 '" + out.string() + "'");
    EXPECT_EQ(std::atoi(frames.c_str()), 75);
    EXPECT_NEAR(test::probeDuration(out), 2.5, 0.05);
    EXPECT_TRUE(moovBeforeMdat(out)) << "index must be at the front (faststart)";
    auto audioDur = std::atof(test::probeStreamEntry(out, "a:0", "duration").c_str());
    EXPECT_NEAR(audioDur, 2.5, 0.05) << "audio is cut to match";
}

TEST(ClipCutter, RangeNotOnAKeyframeStartsAtTheNextOne) {
    test::ScratchDir dir("clip-cutter-2");
    auto src = makeSource(dir);
    // 1.2 s is not a keyframe (they fall every 0.5 s): the clip starts at 1.5 s.
    auto info = transcode::cutClip(src.string(), dir / "c.mp4", 1'200'000, 3'000'000);
    ASSERT_TRUE(info.ok()) << info.error().what();
    EXPECT_EQ(info->sourceIn, 1'500'000);
}

TEST(ClipCutter, MissingSourceNamesTheFile) {
    test::ScratchDir dir("clip-cutter-3");
    auto info = transcode::cutClip((dir / "nope.mp4").string(), dir / "c.mp4", 0, 1'000'000);
    ASSERT_FALSE(info.ok());
    EXPECT_NE(info.error().what().find("nope.mp4"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "c.mp4"));
}
