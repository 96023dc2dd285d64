// Probing generated clips: every fact ProbeFacts holds, checked against what the clip was made with
// (and against ffprobe as a referee where it is installed); the decode check on damaged files.
#include <gtest/gtest.h>

#include "capture/probe.hpp"
#include "tests/capture/capture_fixtures.hpp"

using namespace kotsu;
using namespace kotsu::capture;
using kotsu::test::generated;
using kotsu::test::tinySpec;

namespace fs = std::filesystem;

namespace {
ProbeFacts probeOk(const fs::path& p) {
    auto r = probeFile(p.string());
    EXPECT_TRUE(r.ok()) << r.error().what();
    return r.ok() ? *r : ProbeFacts{};
}
}  // namespace

TEST(Probe, ReadsAPlainClip) {
    auto p = probeOk(test::plainClip());
    EXPECT_NE(p.container.find("mp4"), std::string::npos) << p.container;
    EXPECT_NEAR(static_cast<double>(p.duration), 1e6, 60'000);
    EXPECT_EQ(p.startOffset, 0);
    ASSERT_TRUE(p.hasVideo);
    EXPECT_EQ(p.videoCodec, "h264");
    EXPECT_FALSE(p.videoProfile.empty());
    EXPECT_EQ(p.width, 320);
    EXPECT_EQ(p.height, 240);
    EXPECT_EQ(p.frameRate, (Rational{30, 1}));
    EXPECT_NEAR(p.avgFrameRate.toDouble(), 30.0, 1.5);  // 30 frames over the 29 frame intervals mp4 counts
    EXPECT_EQ(p.rotation, 0);
    EXPECT_EQ(p.sampleAspect, (Rational{1, 1}));
    EXPECT_EQ(p.fieldOrder, "progressive");
    EXPECT_EQ(p.pixelFormat, "yuv420p");
    EXPECT_EQ(p.bitDepth, 8);
    EXPECT_EQ(p.colorRange, "unknown");  // x264 signals full range only; limited is the unsaid default
    EXPECT_EQ(p.videoFrames, 30);
    ASSERT_TRUE(p.hasAudio);
    EXPECT_EQ(p.audioCodec, "aac");
    EXPECT_EQ(p.sampleRate, 48000);
    EXPECT_EQ(p.channels, 2);
    EXPECT_EQ(p.channelLayout, "stereo");
}

TEST(Probe, AgreesWithFfprobe) {
    if (!test::haveTool("ffprobe")) GTEST_SKIP() << "ffprobe (the referee) is not installed";
    auto clip = test::plainClip();
    auto p = probeOk(clip);
    EXPECT_EQ(test::probeStreamEntry(clip, "v:0", "codec_name"), p.videoCodec);
    EXPECT_EQ(test::probeStreamEntry(clip, "v:0", "profile"), p.videoProfile);
    EXPECT_EQ(test::probeStreamEntry(clip, "v:0", "pix_fmt"), p.pixelFormat);
    EXPECT_EQ(test::probeStreamEntry(clip, "v:0", "nb_frames"), std::to_string(p.videoFrames));
    EXPECT_EQ(test::probeStreamEntry(clip, "a:0", "channel_layout"), p.channelLayout);
    EXPECT_NEAR(test::probeDuration(clip) * 1e6, static_cast<double>(p.duration), 1000);
}

class ProbeRotation : public ::testing::TestWithParam<int> {};

TEST_P(ProbeRotation, ReportsDegreesClockwiseToShowUpright) {
    auto spec = tinySpec(true, false);
    spec.rotation = GetParam();
    auto clip = generated("rot" + std::to_string(GetParam()) + ".mp4", spec);
    EXPECT_EQ(probeOk(clip).rotation, GetParam());
    if (test::haveTool("ffprobe")) {
        // ffprobe prints the display matrix's angle: counter-clockwise, in (-180, 180].
        auto said = test::run("ffprobe -v error -select_streams v:0 -show_entries stream_side_data=rotation "
                              "-of default=nw=1:nk=1 '" + clip.string() + "'");
        int ccw = std::atoi(said.c_str());
        EXPECT_EQ(((-ccw % 360) + 360) % 360, GetParam()) << said;
    }
}

INSTANTIATE_TEST_SUITE_P(QuarterTurns, ProbeRotation, ::testing::Values(90, 180, 270));

TEST(Probe, ReadsTheSampleAspectRatio) {
    auto spec = tinySpec(true, false);
    spec.sampleAspect = {4, 3};
    EXPECT_EQ(probeOk(generated("sar43.mp4", spec)).sampleAspect, (Rational{4, 3}));
}

TEST(Probe, ReadsInterlacedTopFieldFirst) {
    auto spec = tinySpec(true, false);
    spec.videoCodec = "mpeg2video";
    spec.videoOptions.clear();
    spec.interlacedTopFirst = true;
    auto p = probeOk(generated("interlaced.mpg", spec));
    EXPECT_EQ(p.videoCodec, "mpeg2video");
    EXPECT_EQ(p.fieldOrder, "tt");
}

TEST(Probe, ReadsFullRange) {
    auto spec = tinySpec(true, false);
    spec.fullRange = true;
    EXPECT_EQ(probeOk(generated("fullrange.mp4", spec)).colorRange, "pc");
}

TEST(Probe, ReadsTheBitDepth) {
    auto spec = tinySpec(true, false);
    spec.pixelFormat = "yuv420p10le";
    auto clip = test::generatedDir() / "tenbit.mp4";
    auto made = demo::synthesize(spec, clip);
    if (!made.ok()) GTEST_SKIP() << "this libx264 does not encode 10-bit: " << made.error().what();
    auto p = probeOk(clip);
    EXPECT_EQ(p.pixelFormat, "yuv420p10le");
    EXPECT_EQ(p.bitDepth, 10);
}

TEST(Probe, AVideoWithoutSound) {
    auto p = probeOk(generated("video-only.mp4", tinySpec(true, false)));
    EXPECT_TRUE(p.hasVideo);
    EXPECT_FALSE(p.hasAudio);
    EXPECT_TRUE(p.audioCodec.empty());
    EXPECT_EQ(p.channels, 0);
}

TEST(Probe, SoundWithoutVideo) {
    auto spec = tinySpec(false, true);
    spec.audioChannels = 1;
    auto p = probeOk(generated("sound-mono.m4a", spec));
    EXPECT_FALSE(p.hasVideo);
    EXPECT_TRUE(p.videoCodec.empty());
    ASSERT_TRUE(p.hasAudio);
    EXPECT_EQ(p.audioCodec, "aac");
    EXPECT_EQ(p.channels, 1);
    EXPECT_EQ(p.channelLayout, "mono");
    EXPECT_TRUE(verifyDecodes(generated("sound-mono.m4a", spec).string(), p).ok());
}

TEST(VerifyDecodes, PassesOnAGoodClip) {
    auto clip = test::plainClip();
    auto p = probeOk(clip);
    auto s = verifyDecodes(clip.string(), p);
    EXPECT_TRUE(s.ok()) << s.error().what();
}

TEST(VerifyDecodes, NamesACodecThisFfmpegCannotDecode) {
    auto file = test::undecodableAvs2();
    auto p = probeOk(file);
    EXPECT_EQ(p.videoCodec, "avs2");
    auto s = verifyDecodes(file.string(), p);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().path, file.string());
    EXPECT_NE(s.error().message.find("stream 0 (avs2 video)"), std::string::npos) << s.error().what();
    EXPECT_NE(s.error().message.find("no decoder for avs2"), std::string::npos) << s.error().what();
}

TEST(VerifyDecodes, NamesTheStreamThatDoesNotDecode) {
    auto file = test::sharedMedia("BROKEN__webm__fixed_lacing_bad_lace_size.mkv");
    if (!file) GTEST_SKIP() << "../shared/media is not here";
    auto p = probeOk(*file);
    auto s = verifyDecodes(file->string(), p);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("stream 1 (h264 video) does not decode"), std::string::npos)
        << s.error().what();
    EXPECT_NE(s.error().message.find("Error parsing frame sizes"), std::string::npos) << s.error().what();
}

TEST(VerifyDecodes, FindsAMoovFirstCopyCutShort) {
    auto whole = test::moovFirst(test::plainClip(), "moov-first.mp4");
    ASSERT_TRUE(verifyDecodes(whole.string(), probeOk(whole)).ok()) << "the relocated file itself is good";
    auto cut = test::cutShort(whole, "moov-first-cut.mp4", 0.5);
    auto p = probeOk(cut);  // the header is intact, so the probe alone cannot tell
    auto s = verifyDecodes(cut.string(), p);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("truncated"), std::string::npos) << s.error().what();
}

TEST(ProbeFile, RefusesAMoovAtEndCopyCutShort) {
    auto cut = test::cutShort(test::plainClip(), "moov-last-cut.mp4", 0.5);
    auto r = probeFile(cut.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().path, cut.string());
    EXPECT_NE(r.error().message.find("moov atom not found"), std::string::npos) << r.error().what();
}

TEST(ProbeFile, RefusesWhatIsNotAMediaFile) {
    test::ScratchDir dir("probe-not-media");
    test::writeBytes(dir / "empty.mp4", "");
    test::writeBytes(dir / "notes.mp4", "These are my notes, not a video.\n");
    struct Case {
        fs::path file;
        std::string says;
    };
    for (const auto& c : {Case{dir / "empty.mp4", "is empty (0 bytes)"}, Case{dir / "missing.mp4", "no such file"},
                          Case{dir.path(), "is a directory"}, Case{dir / "notes.mp4", "not a media file"},
                          Case{"/dev/null", "not a regular file"}}) {
        auto r = probeFile(c.file.string());
        ASSERT_FALSE(r.ok()) << c.file;
        EXPECT_EQ(r.error().path, c.file.string());
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().what();
        EXPECT_EQ(r.error().what().find('\n'), std::string::npos);
    }
}

TEST(NormalizeCreationTime, WritesIso8601) {
    EXPECT_EQ(normalizeCreationTime("2019-07-24T08:25:57.000000Z"), "2019-07-24T08:25:57Z");
    EXPECT_EQ(normalizeCreationTime("2012-09-10 20:52:00"), "2012-09-10T20:52:00");
    EXPECT_EQ(normalizeCreationTime("2021-03-26T11:57:36.250000Z"), "2021-03-26T11:57:36.250000Z");
    EXPECT_EQ(normalizeCreationTime("2021-03-26T11:57:36+09:00"), "2021-03-26T11:57:36+09:00");
    EXPECT_EQ(normalizeCreationTime(""), "");
    EXPECT_EQ(normalizeCreationTime("yesterday"), "yesterday");
}
