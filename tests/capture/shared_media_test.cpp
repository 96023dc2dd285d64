// Every real-world file in ../shared/media through probe and ingest, with the facts its README
// notes (rotation, full range, VFR averages, start offsets, odd audio) — or the reason it is refused.
#include <gtest/gtest.h>

#include <functional>

#include "capture/ingest.hpp"
#include "capture/probe.hpp"
#include "tests/capture/capture_fixtures.hpp"

using namespace kotsu;
using namespace kotsu::capture;

namespace {

struct SharedCase {
    std::string file;
    std::string role = "main";
    std::string refusal;  // empty: ingested; else a piece of the one-line reason
    std::function<void(const ProbeFacts&)> facts = [](const ProbeFacts&) {};
};

std::string caseName(const ::testing::TestParamInfo<SharedCase>& info) {
    std::string n;
    for (char c : info.param.file) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return n + "_" + info.param.role;
}

std::vector<SharedCase> sharedCases() {
    return {
        {"axm__pixel7_videoOnly_cleaned.mp4", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.videoCodec, "h264");
             EXPECT_EQ(p.videoProfile, "High");
             EXPECT_EQ(p.width, 1920);
             EXPECT_EQ(p.height, 1080);
             EXPECT_EQ(p.rotation, 180);
             EXPECT_EQ(p.colorRange, "pc");
             EXPECT_EQ(p.pixelFormat, "yuvj420p");
             EXPECT_FALSE(p.hasAudio);
             EXPECT_EQ(p.frameRate, (Rational{179, 6}));  // VFR: nominal 29.83 …
             EXPECT_NEAR(p.avgFrameRate.toDouble(), 29.87, 0.01);  // … average 29.87
             EXPECT_EQ(p.videoFrames, 36);
         }},
        {"axm__sample_shorter_audio.mp4", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.videoProfile, "Constrained Baseline");
             EXPECT_EQ(p.frameRate, (Rational{60, 1}));
             EXPECT_EQ(p.colorRange, "pc");
             EXPECT_EQ(p.audioCodec, "aac");
             EXPECT_EQ(p.sampleRate, 44100);
             EXPECT_EQ(p.channelLayout, "mono");
             EXPECT_NEAR(static_cast<double>(p.duration), 1.2e6, 1000);
         }},
        {"axm__bbb_1ch_8kHz_aac_lc.m4a", "main", "has no video stream (audio only: aac 8000 Hz mono)"},
        {"axm__bbb_1ch_8kHz_aac_lc.m4a", "audio", "",
         [](const ProbeFacts& p) {
             EXPECT_FALSE(p.hasVideo);
             EXPECT_EQ(p.sampleRate, 8000);
             EXPECT_EQ(p.channels, 1);
             EXPECT_EQ(p.startOffset, 256'000);
             EXPECT_EQ(p.creationTime, "2021-03-26T11:57:36Z");
         }},
        {"mei__MVI_4823.AVI", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.container, "avi");
             EXPECT_EQ(p.videoCodec, "mjpeg");
             EXPECT_EQ(p.pixelFormat, "yuvj422p");
             EXPECT_EQ(p.frameRate, (Rational{1000000, 33333}));
             EXPECT_EQ(p.sampleAspect, (Rational{1, 1}));  // unknown to libav: square
             EXPECT_EQ(p.audioCodec, "pcm_s16le");
             EXPECT_EQ(p.channels, 1);
             EXPECT_EQ(p.channelLayout, "unknown");
             EXPECT_EQ(p.creationTime, "2012-09-10T20:52:00");
         }},
        {"mei__with-gps.mov", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.videoCodec, "h264");  // not one of the two mebx metadata tracks
             EXPECT_EQ(p.videoProfile, "Baseline");
             EXPECT_EQ(p.width, 568);
             EXPECT_EQ(p.height, 320);
             EXPECT_EQ(p.rotation, 90);  // display matrix -90: turn 90° clockwise to show upright
             EXPECT_EQ(p.frameRate, (Rational{30000, 1001}));
             EXPECT_NEAR(p.avgFrameRate.toDouble(), 29.99, 0.01);
             EXPECT_EQ(p.colorTransfer, "bt709");
             EXPECT_EQ(p.audioCodec, "aac");
             EXPECT_EQ(p.channelLayout, "mono");
             EXPECT_EQ(p.creationTime, "2019-07-24T08:25:57Z");
         }},
        {"psd__counter.mp4", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.frameRate, (Rational{10, 1}));
             EXPECT_EQ(p.videoFrames, 30);
             EXPECT_EQ(p.duration, 3'000'000);
             EXPECT_EQ(p.colorRange, "unknown");
             EXPECT_FALSE(p.hasAudio);
         }},
        {"psd__delayed_start.mp4", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.videoCodec, "mpeg4");
             EXPECT_EQ(p.videoProfile, "Simple Profile");
             EXPECT_EQ(p.startOffset, 1'075'000);
             EXPECT_EQ(p.videoFrames, 24);
             EXPECT_EQ(p.fieldOrder, "unknown");
         }},
        {"psd__fades.mp4", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.frameRate, (Rational{25, 1}));
             EXPECT_EQ(p.videoFrames, 250);
             EXPECT_EQ(p.duration, 10'000'000);
         }},
        {"webm__bbb_480p_vp9_opus_1second.webm", "main", "",
         [](const ProbeFacts& p) {
             EXPECT_EQ(p.container, "matroska,webm");
             EXPECT_EQ(p.videoCodec, "vp9");
             EXPECT_EQ(p.videoProfile, "Profile 0");
             EXPECT_EQ(p.width, 854);
             EXPECT_EQ(p.audioCodec, "opus");
             EXPECT_EQ(p.channels, 6);
             EXPECT_EQ(p.channelLayout, "5.1");
             EXPECT_EQ(p.startOffset, -7'000);
             EXPECT_EQ(p.videoFrames, 0);  // Matroska does not count frames
         }},
        {"BROKEN__axm__sample_malformed_free_box.mp4", "main",
         "not a media file this FFmpeg can read: moov atom not found"},
        {"BROKEN__videl__empty.mp4", "main", "not a media file this FFmpeg can read: moov atom not found"},
        {"BROKEN__webm__fixed_lacing_bad_lace_size.mkv", "main",
         "stream 1 (h264 video) does not decode: no packet can be read: Error parsing frame sizes"},
    };
}

class SharedMedia : public ::testing::TestWithParam<SharedCase> {};

}  // namespace

TEST_P(SharedMedia, IsIngestedWithItsFactsOrRefusedWithAReason) {
    const auto& c = GetParam();
    auto file = test::sharedMedia(c.file);
    if (!file) GTEST_SKIP() << "../shared/media/" << c.file << " is not here";
    test::ScratchDir dir("shared-" + c.role);
    auto lib = Library::init(dir / "library");
    ASSERT_TRUE(lib.ok());
    auto cat = lib->openCatalog();
    ASSERT_TRUE(cat.ok());
    IngestRequest req;
    req.sessionTitle = "Shared media";
    req.role = c.role;
    auto rs = ingest(*lib, *cat, req, {file->string()});
    ASSERT_EQ(rs.size(), 1u);
    const auto& r = rs[0];
    if (c.refusal.empty()) {
        ASSERT_TRUE(r.ok) << r.error.what();
        c.facts(r.asset.probe);
        auto stored = cat->asset(r.asset.id);
        ASSERT_TRUE(stored.ok());
        c.facts(stored->probe);  // the same facts after a round trip through the catalog
        EXPECT_TRUE(std::filesystem::exists(lib->root / r.asset.path));
    } else {
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.error.path, file->string());
        EXPECT_NE(r.error.message.find(c.refusal), std::string::npos) << r.error.what();
        EXPECT_TRUE(cat->sessions()->empty());
        EXPECT_TRUE(std::filesystem::is_empty(lib->mediaDir()));
    }
    EXPECT_TRUE(cat->integrityCheck().ok());
}

INSTANTIATE_TEST_SUITE_P(Files, SharedMedia, ::testing::ValuesIn(sharedCases()), caseName);
