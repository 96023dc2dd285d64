// Real-world files from ../shared/media (skipped when the folder is absent): each transcodes to
// proxy, tablet and glasses from one decode, upright, at a constant rate, with the audio it has.
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"
#include "tests/transcode/media_fixtures.hpp"
#include "transcode/transcoder.hpp"

namespace kotsu::transcode {
namespace {

namespace fs = std::filesystem;
using test::probeStreamEntry;

struct Case {
    const char* file;
    bool video;
    int audioTracksTablet;  // 0 when the file has no audio
    double length;          // seconds, of the video (or the audio for audio-only)
    bool silent = false;    // the audio is near silence (< -60 LUFS): left alone, not amplified into noise
};

class SharedMedia : public ::testing::TestWithParam<Case> {};

std::vector<OutputResult> transcodeAll(const fs::path& src, const test::ScratchDir& dir) {
    std::vector<OutputSpec> specs;
    for (const char* name : {"proxy", "tablet", "glasses"}) {
        OutputSpec o;
        o.profile = *findProfile(name);
        o.path = dir / (std::string(name) + ".mp4");
        o.forcedKeyframes = {500'000};
        specs.push_back(o);
    }
    TranscodeOptions opts;
    opts.thumbnailsDir = dir / "thumbs";
    opts.peaksPath = dir / "peaks.bin";
    auto r = transcode(src.string(), specs, opts);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what());
    return r.ok() ? *r : std::vector<OutputResult>{};
}

TEST_P(SharedMedia, TranscodesToEveryProfile) {
    const Case& c = GetParam();
    auto src = test::sharedMedia(c.file);
    if (!src) GTEST_SKIP() << "../shared/media/" << c.file << " is not here";
    test::ScratchDir dir(std::string("tc-shared-") + c.file);
    auto results = transcodeAll(*src, dir);
    ASSERT_EQ(results.size(), 3u);
    for (const char* name : {"proxy", "tablet", "glasses"}) {
        SCOPED_TRACE(name);
        auto out = dir / (std::string(name) + ".mp4");
        ASSERT_TRUE(fs::exists(out));
        if (c.video) {
            auto times = test::videoFrameTimes(out);
            ASSERT_GT(times.size(), 2u);
            double step = times[1] - times[0];
            for (size_t i = 1; i < times.size(); ++i) ASSERT_NEAR(times[i] - times[i - 1], step, 1e-3) << "constant rate";
            EXPECT_NEAR(times.back() + step, c.length, step + 1e-3) << "as long as the source, within a frame";
            EXPECT_EQ(probeStreamEntry(out, "v:0", "pix_fmt"), "yuv420p");
            auto keys = test::probeKeyframeTimes(out);
            EXPECT_TRUE(std::any_of(keys.begin(), keys.end(), [&](double k) { return k >= 0.5 - 1e-3 && k < 0.5 + step; }))
                << "a keyframe at the first frame at or after 0.5 s";
        } else {
            EXPECT_EQ(probeStreamEntry(out, "v", "codec_type"), "") << "no picture is invented";
            EXPECT_NEAR(test::probeDuration(out), c.length, 0.05);
        }
        int want = c.audioTracksTablet == 0 ? 0 : std::string(name) == "tablet" ? 2 : 1;
        EXPECT_EQ(test::audioStreamCount(out), want);
    }
    if (c.audioTracksTablet && c.silent) {
        auto voice = test::measureLoudness(dir / "tablet.mp4", 0);
        ASSERT_TRUE(voice.has_value());
        EXPECT_LT(voice->integrated, -50);
        EXPECT_LE(voice->truePeak, -1.5);
    } else if (c.audioTracksTablet) {
        auto voice = test::measureLoudness(dir / "tablet.mp4", 0);
        ASSERT_TRUE(voice.has_value());
        EXPECT_NEAR(voice->integrated, -16, 1.0);
        EXPECT_LE(voice->truePeak, -1.5);
        auto glasses = test::measureLoudness(dir / "glasses.mp4", 0);
        ASSERT_TRUE(glasses.has_value());
        EXPECT_NEAR(glasses->integrated, -14, 1.0);
        EXPECT_LE(glasses->truePeak, -1.5);
        EXPECT_TRUE(fs::exists(dir / "peaks.bin"));
    }
    EXPECT_EQ(fs::exists(dir / "thumbs" / "index.json"), c.video);
}

INSTANTIATE_TEST_SUITE_P(
    Files, SharedMedia,
    ::testing::Values(Case{"axm__pixel7_videoOnly_cleaned.mp4", true, 0, 1.2052},  // rot 180, full range, VFR
                      Case{"mei__with-gps.mov", true, 2, 4.0017},                  // rot -90, mono AAC, mebx tracks
                      Case{"mei__MVI_4823.AVI", true, 2, 2.6},                     // MJPEG + PCM, unknown layout
                      Case{"webm__bbb_480p_vp9_opus_1second.webm", true, 2, 1.0},  // VP9 + Opus 5.1
                      Case{"axm__sample_shorter_audio.mp4", true, 2, 1.2, true},   // audio shorter than video
                      Case{"axm__bbb_1ch_8kHz_aac_lc.m4a", false, 2, 3.072}),      // audio only
    [](const ::testing::TestParamInfo<Case>& i) {
        std::string n = i.param.file;
        for (auto& ch : n)
            if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        return n;
    });

TEST(SharedMediaPictures, RotatedPhoneClipsComeOutUpright) {
    auto src = test::sharedMedia("mei__with-gps.mov");
    if (!src) GTEST_SKIP() << "../shared/media is not here";
    test::ScratchDir dir("tc-shared-upright");
    OutputSpec o;
    o.profile = *findProfile("proxy");
    o.path = dir / "p.mp4";
    auto r = transcode(src->string(), {o});
    ASSERT_TRUE(r.ok()) << r.error().what();
    // Shown upright the iPhone picture is portrait: pillarboxed in the 640x360 frame.
    auto f = test::decodeLuma(dir / "p.mp4", 2.0, 640, 360);
    ASSERT_FALSE(f.y.empty());
    EXPECT_LT(f.column(8), 20);
    EXPECT_LT(f.column(631), 20);
    EXPECT_GT(f.column(320), 40);
}

}  // namespace
}  // namespace kotsu::transcode
