// The filter-chain builders and small pieces: rates, fitting, specs, languages, profile lists, peaks.
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"
#include "transcode/asset_transcode.hpp"
#include "transcode/loudness.hpp"
#include "transcode/rendition_writer.hpp"
#include "transcode/speech_chain.hpp"
#include "demo/synth.hpp"
#include "transcode/video_chain.hpp"
#include "transcode/waveform.hpp"

namespace kotsu::transcode {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(OutputFrameRate, SnapsCameraRatesAndCapsAtTheProfileMaximum) {
    EXPECT_EQ(outputFrameRate({30, 1}, {30, 1}, 30), (Rational{30, 1}));
    EXPECT_EQ(outputFrameRate({1000000, 33333}, {1000000, 33333}, 30), (Rational{30, 1})) << "Canon AVI 30.0003";
    EXPECT_EQ(outputFrameRate({179, 6}, {90000, 3013}, 30), (Rational{30000, 1001})) << "Pixel 7 VFR 29.83";
    EXPECT_EQ(outputFrameRate({30000, 1001}, {72000, 2401}, 30), (Rational{30000, 1001}));
    EXPECT_EQ(outputFrameRate({24, 1}, {24, 1}, 30), (Rational{24, 1}));
    EXPECT_EQ(outputFrameRate({25, 1}, {25, 1}, 30), (Rational{25, 1}));
    EXPECT_EQ(outputFrameRate({60, 1}, {60, 1}, 30), (Rational{30, 1})) << "60 halves to 30";
    EXPECT_EQ(outputFrameRate({60000, 1001}, {60000, 1001}, 30), (Rational{30000, 1001}));
    EXPECT_EQ(outputFrameRate({50, 1}, {50, 1}, 30), (Rational{25, 1})) << "50 halves to 25, not 30";
    EXPECT_EQ(outputFrameRate({120, 1}, {120, 1}, 30), (Rational{30, 1}));
    EXPECT_EQ(outputFrameRate({0, 1}, {0, 1}, 30), (Rational{30, 1})) << "unknown: 30";
}

TEST(FitInto, KeepsTheDisplayedShapeAfterRotationAndPixelAspect) {
    VideoSource s;
    s.width = 1920;
    s.height = 1080;
    auto f = fitInto(s, 1280, 720);
    EXPECT_EQ(f.width, 1280);
    EXPECT_EQ(f.height, 720);
    EXPECT_EQ(f.x, 0);

    s.rotation = 90;  // a phone held upright: 1080x1920 on screen
    f = fitInto(s, 1280, 720);
    EXPECT_EQ(f.height, 720);
    EXPECT_EQ(f.width, 406);
    EXPECT_EQ(f.x, 436);
    EXPECT_EQ(f.y, 0);

    VideoSource dv;  // DV PAL widescreen: 720x576 with 64:45 pixels = 1024x576
    dv.width = 720;
    dv.height = 576;
    dv.sampleAspect = {64, 45};
    f = fitInto(dv, 854, 480);
    EXPECT_EQ(f.width, 854);
    EXPECT_EQ(f.height, 480);

    VideoSource four3;
    four3.width = 640;
    four3.height = 480;
    f = fitInto(four3, 640, 360);
    EXPECT_EQ(f.width, 480);
    EXPECT_EQ(f.height, 360);
    EXPECT_EQ(f.x, 80);
}

TEST(VideoChainSpec, SaysWhatTheSourceNeeds) {
    VideoSource s;
    s.width = 1920;
    s.height = 1080;
    s.pixelFormat = AV_PIX_FMT_YUVJ420P;
    s.rotation = 180;
    VideoTarget t{1280, 720, {30, 1}, {}, false};
    auto spec = videoChainSpec(s, t);
    EXPECT_TRUE(contains(spec, "fps=fps=30/1")) << spec;
    EXPECT_TRUE(contains(spec, "in_range=pc:out_range=tv")) << spec;
    EXPECT_TRUE(contains(spec, "hflip,vflip")) << spec;
    EXPECT_FALSE(contains(spec, "bwdif")) << spec;
    EXPECT_FALSE(contains(spec, "pad=")) << spec;
    EXPECT_TRUE(contains(spec, "format=yuv420p[out]")) << spec;

    s.rotation = 270;
    s.interlaced = true;
    s.colorTransfer = AVCOL_TRC_SMPTE2084;
    t.extraFilters = {{"drawbox", {{"x", "0"}, {"y", "0"}, {"w", "10"}, {"h", "10"}}}};
    spec = videoChainSpec(s, t);
    EXPECT_EQ(videoChainInserts(t).size(), 1u);
    EXPECT_TRUE(contains(spec, "bwdif=")) << spec;
    EXPECT_TRUE(contains(spec, "transpose=cclock")) << spec;
    EXPECT_TRUE(contains(spec, "tonemap=")) << spec;
    EXPECT_TRUE(contains(spec, "pad=w=1280:h=720")) << spec;
    EXPECT_LT(spec.find("pad="), spec.find("[extra_in];[extra_out]format=yuv420p[out]"))
        << "the extra filters come after scale/pad: " << spec;
}

TEST(AudioGraphSpec, VoiceIsHighPassedDenoisedCompressedAndNormalised) {
    AudioGraphPlan plan;
    AudioTrackPlan voice;
    voice.kind = TrackKind::Voice;
    voice.channels = 2;
    voice.gainDb = 6.5;
    AudioTrackPlan work;
    work.kind = TrackKind::WorkSound;
    AudioTrackPlan original;
    plan.tracks = {original, voice, work};
    plan.peaks = true;
    std::vector<std::string> labels;
    auto spec = audioGraphSpec(plan, &labels);
    EXPECT_EQ(labels, (std::vector<std::string>{"t1", "t0", "t2", "peaks"}));
    for (const char* part : {"aresample=48000", "highpass=f=100", "afftdn", "acompressor", "volume=volume=6.5dB",
                             "alimiter", "pan=stereo"})
        EXPECT_TRUE(contains(spec, part)) << part << " in " << spec;

    plan.measure = true;
    spec = audioGraphSpec(plan, &labels);
    EXPECT_EQ(labels, (std::vector<std::string>{"t1", "t2"})) << "pass 1 meters the normalised tracks only";
    EXPECT_TRUE(contains(spec, "ebur128")) << spec;
    EXPECT_FALSE(contains(spec, "volume=")) << spec;
}

TEST(Loudness, InProcessMeterAgreesWithTheReferee) {
    test::ScratchDir dir("tc-meter");
    demo::SynthSpec s;
    s.audio = "sine=frequency=1000:sample_rate=48000,volume=0.5";
    s.duration = 3'000'000;
    auto made = demo::synthesize(s, dir / "tone.m4a");
    ASSERT_TRUE(made.ok()) << made.error().what();
    auto ours = measureLoudness((dir / "tone.m4a").string());
    ASSERT_TRUE(ours.ok()) << ours.error().what();
    auto ref = test::measureLoudness(dir / "tone.m4a");
    ASSERT_TRUE(ref.has_value());
    EXPECT_NEAR(ours->integrated, ref->integrated, 0.1);
    EXPECT_NEAR(ours->truePeak, ref->truePeak, 0.1);
    auto none = measureLoudness((dir / "tone.m4a").string(), 1);
    EXPECT_FALSE(none.ok()) << "there is no second audio stream";
}

TEST(Language, TwoLetterCodesBecomeTheThreeLettersMp4Wants) {
    EXPECT_EQ(iso639_2("ja"), "jpn");
    EXPECT_EQ(iso639_2("ja-JP"), "jpn");
    EXPECT_EQ(iso639_2("EN"), "eng");
    EXPECT_EQ(iso639_2("jpn"), "jpn");
    EXPECT_EQ(iso639_2(""), "");
    EXPECT_EQ(iso639_2("xx"), "");
}

TEST(ProfileList, ParsesNamesAndRefusesUnknownOnes) {
    auto all = parseProfileList("proxy,tablet,glasses");
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 3u);
    auto one = parseProfileList(" tablet , tablet");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(*one, std::vector<std::string>{"tablet"});
    auto bad = parseProfileList("proxy,tablte");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().what().find("tablte"), std::string::npos);
    EXPECT_NE(bad.error().what().find("glasses"), std::string::npos) << "names the known profiles";
    EXPECT_FALSE(parseProfileList(",").ok());
}

TEST(Peaks, SaveAndLoadRoundTripAndBucketsAreTenMilliseconds) {
    test::ScratchDir dir("tc-peaks");
    PeakAccumulator acc(48000);
    std::vector<float> samples(48000 / 2);  // 0.5 s: 50 buckets
    for (size_t i = 0; i < samples.size(); ++i) samples[i] = (i / 480) % 2 ? 0.5f : -0.25f;
    acc.add(samples.data(), samples.size());
    auto peaks = acc.finish();
    ASSERT_EQ(peaks.size(), 50u);
    EXPECT_EQ(peaks.min[0], -8192);
    EXPECT_EQ(peaks.max[1], 16384);
    ASSERT_TRUE(savePeaks(dir / "peaks.bin", peaks).ok());
    auto back = loadPeaks(dir / "peaks.bin");
    ASSERT_TRUE(back.ok()) << back.error().what();
    EXPECT_EQ(back->min, peaks.min);
    EXPECT_EQ(back->max, peaks.max);
    EXPECT_EQ(back->duration(), 500'000);
    EXPECT_FALSE(loadPeaks(dir / "missing.bin").ok());
}

}  // namespace
}  // namespace kotsu::transcode
