// The one-decode transcoder on generated media, checked by the ffprobe/ffmpeg referees.
#include <gtest/gtest.h>

#include <cmath>

#include "core/progress.hpp"
#include "tests/support/test_support.hpp"
#include "tests/transcode/media_fixtures.hpp"
#include "transcode/thumbnails.hpp"
#include "transcode/transcoder.hpp"
#include "transcode/waveform.hpp"

namespace kotsu::transcode {
namespace {

namespace fs = std::filesystem;
using test::probeStreamEntry;
using test::TranscodeMedia;

OutputSpec spec(const std::string& profile, const fs::path& path) {
    OutputSpec o;
    o.profile = *findProfile(profile);
    o.path = path;
    return o;
}

bool near(const std::vector<double>& times, double t) {
    return std::any_of(times.begin(), times.end(), [&](double x) { return std::abs(x - t) < 0.002; });
}

// The three profiles from one decode of the main clip, made once for the tests that look at them.
class ThreeProfiles : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::ScratchDir("tc-three");
        std::vector<OutputSpec> specs{spec("proxy", *dir_ / "proxy.mp4"), spec("tablet", *dir_ / "tablet.mp4"),
                                      spec("glasses", *dir_ / "glasses.mp4")};
        specs[1].forcedKeyframes = {1'000'000, 1'700'000, 2'230'000};
        specs[1].language = "ja";
        specs[2].forcedKeyframes = {1'000'000, 1'700'000, 2'230'000};
        TranscodeOptions o;
        o.thumbnailsDir = *dir_ / "thumbs";
        o.peaksPath = *dir_ / "peaks.bin";
        auto r = transcode(TranscodeMedia::get().clip("main").string(), specs, o);
        if (!r) {
            error_ = r.error().what();
            return;
        }
        results_ = new std::vector<OutputResult>(*r);
    }
    static void TearDownTestSuite() {
        delete results_;
        results_ = nullptr;
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(results_) << error_; }
    static fs::path out(const std::string& name) { return *dir_ / (name + ".mp4"); }
    static const OutputResult& result(size_t i) { return (*results_)[i]; }

    static test::ScratchDir* dir_;
    static std::vector<OutputResult>* results_;
    static std::string error_;
};
test::ScratchDir* ThreeProfiles::dir_ = nullptr;
std::vector<OutputResult>* ThreeProfiles::results_ = nullptr;
std::string ThreeProfiles::error_;

TEST_F(ThreeProfiles, EachOutputHasItsProfilesFrameAndTheSourceLength) {
    const char* names[] = {"proxy", "tablet", "glasses"};
    const char* sizes[][2] = {{"640", "360"}, {"1280", "720"}, {"854", "480"}};
    for (int i = 0; i < 3; ++i) {
        SCOPED_TRACE(names[i]);
        auto f = out(names[i]);
        ASSERT_TRUE(fs::exists(f));
        EXPECT_EQ(probeStreamEntry(f, "v:0", "width"), sizes[i][0]);
        EXPECT_EQ(probeStreamEntry(f, "v:0", "height"), sizes[i][1]);
        EXPECT_EQ(probeStreamEntry(f, "v:0", "pix_fmt"), "yuv420p");
        EXPECT_EQ(probeStreamEntry(f, "v:0", "r_frame_rate"), "30/1");
        EXPECT_NEAR(test::probeDuration(f), 3.0, 1.0 / 30);
        EXPECT_EQ(test::videoFrameTimes(f).size(), 90u);
        EXPECT_TRUE(test::moovFirst(f)) << "faststart: moov before mdat";
        EXPECT_EQ(result(i).path, f);
        EXPECT_EQ(result(i).width, std::atoi(sizes[i][0]));
        EXPECT_EQ(result(i).height, std::atoi(sizes[i][1]));
        EXPECT_NEAR(static_cast<double>(result(i).duration), 3e6, 1e6 / 30);
    }
    EXPECT_EQ(probeStreamEntry(out("tablet"), "v:0", "profile"), "High");
    EXPECT_EQ(probeStreamEntry(out("glasses"), "v:0", "profile"), "Main");
}

TEST_F(ThreeProfiles, ProxyHasAKeyframeAtLeastEveryHalfSecond) {
    auto keys = test::probeKeyframeTimes(out("proxy"));
    ASSERT_FALSE(keys.empty());
    EXPECT_NEAR(keys.front(), 0.0, 1e-6);
    keys.push_back(3.0);
    for (size_t i = 1; i < keys.size(); ++i) EXPECT_LE(keys[i] - keys[i - 1], 0.5 + 1e-6) << "at " << keys[i - 1];
}

TEST_F(ThreeProfiles, ForcedKeyframesFallOnTheFirstFrameAtOrAfterEachTime) {
    for (const char* name : {"tablet", "glasses"}) {
        SCOPED_TRACE(name);
        auto keys = test::probeKeyframeTimes(out(name));
        EXPECT_TRUE(near(keys, 0.0));
        EXPECT_TRUE(near(keys, 1.0));
        EXPECT_TRUE(near(keys, 1.7));
        EXPECT_TRUE(near(keys, 67.0 / 30)) << "2.23 s → the frame at 2.2333 s";
        // IDR frames: a clip cut there decodes from its first packet.
        auto pict = test::run("ffprobe -v error -select_streams v:0 -show_entries frame=pts_time,pict_type -of csv=p=0 '" +
                              out(name).string() + "' | grep '^1.700000'");
        EXPECT_NE(pict.find(",I"), std::string::npos) << pict;
    }
}

TEST_F(ThreeProfiles, TabletCarriesVoiceAndWorkSoundGlassesMonoVoice) {
    EXPECT_EQ(test::audioStreamCount(out("tablet")), 2);
    EXPECT_EQ(test::audioStreamCount(out("glasses")), 1);
    EXPECT_EQ(test::audioStreamCount(out("proxy")), 1);
    auto tags = test::run("ffprobe -v error -select_streams a -show_entries stream_tags=handler_name,language -of csv=p=0 '" +
                          out("tablet").string() + "'");
    EXPECT_NE(tags.find("voice"), std::string::npos) << tags;
    EXPECT_NE(tags.find("work sound"), std::string::npos) << tags;
    EXPECT_NE(tags.find("jpn"), std::string::npos) << tags;
    EXPECT_EQ(probeStreamEntry(out("tablet"), "a:0", "channels"), "2");
    EXPECT_EQ(probeStreamEntry(out("tablet"), "a:1", "channels"), "2");
    EXPECT_EQ(probeStreamEntry(out("glasses"), "a:0", "channels"), "1");
    EXPECT_EQ(probeStreamEntry(out("glasses"), "a:0", "sample_rate"), "48000");
    EXPECT_EQ(probeStreamEntry(out("tablet"), "a:0", "codec_name"), "aac");
}

TEST_F(ThreeProfiles, LoudnessMeetsTheTargetsByTheRefereesMeter) {
    struct Case {
        const char* file;
        int track;
        double target;
        std::optional<Loudness> ours;
    } cases[] = {{"tablet", 0, -16, result(1).voice},
                 {"tablet", 1, -16, result(1).workSound},
                 {"glasses", 0, -14, result(2).voice}};
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.file) + " track " + std::to_string(c.track));
        auto ref = test::measureLoudness(out(c.file), c.track);
        ASSERT_TRUE(ref.has_value());
        EXPECT_NEAR(ref->integrated, c.target, 1.0);
        EXPECT_LE(ref->truePeak, -1.5);
        ASSERT_TRUE(c.ours.has_value()) << "the result carries the measured loudness";
        EXPECT_NEAR(c.ours->integrated, ref->integrated, 0.3);
        EXPECT_NEAR(c.ours->truePeak, ref->truePeak, 0.3);
    }
    EXPECT_FALSE(result(0).voice.has_value()) << "the proxy's sound is the original, not a voice track";
}

TEST_F(ThreeProfiles, ThumbnailsOnePerSecondAndPeaksPerTenMilliseconds) {
    auto idx = loadThumbnails(*dir_ / "thumbs");
    ASSERT_TRUE(idx.ok()) << idx.error().what();
    EXPECT_EQ(idx->files.size(), 3u);
    EXPECT_EQ(idx->interval, 1'000'000);
    auto paths = thumbnailPaths(*dir_ / "thumbs");
    ASSERT_EQ(paths.size(), 3u);
    EXPECT_EQ(paths[1].filename(), "000001.jpg");
    EXPECT_EQ(probeStreamEntry(paths[1], "v:0", "codec_name"), "mjpeg");
    EXPECT_EQ(probeStreamEntry(paths[1], "v:0", "width"), "160");
    EXPECT_EQ(probeStreamEntry(paths[1], "v:0", "height"), "90");
    EXPECT_EQ(thumbnailAt(*idx, 2'500'000)->filename(), "000002.jpg");

    auto peaks = loadPeaks(*dir_ / "peaks.bin");
    ASSERT_TRUE(peaks.ok()) << peaks.error().what();
    EXPECT_EQ(peaks->bucket, 10'000);
    EXPECT_NEAR(static_cast<double>(peaks->size()), 300, 2);
    auto loudest = *std::max_element(peaks->max.begin(), peaks->max.end());
    auto lowest = *std::min_element(peaks->min.begin(), peaks->min.end());
    EXPECT_GT(loudest, 1000);
    EXPECT_LT(lowest, -1000);
    for (size_t i = 0; i < peaks->size(); ++i) ASSERT_LE(peaks->min[i], peaks->max[i]);
}

TEST(Transcoder, PortraitPhoneClipComesOutUprightAndPillarboxed) {
    test::ScratchDir dir("tc-portrait");
    auto src = TranscodeMedia::get().clip("portrait").string();
    // Alone (its own chain) and with another output (through the shared first stage).
    auto alone = transcode(src, {spec("proxy", dir / "alone.mp4")});
    ASSERT_TRUE(alone.ok()) << alone.error().what();
    auto shared = transcode(src, {spec("proxy", dir / "p.mp4"), spec("glasses", dir / "g.mp4")});
    ASSERT_TRUE(shared.ok()) << shared.error().what();
    struct Out {
        const char* file;
        int w, h;
    };
    for (Out o : {Out{"alone.mp4", 640, 360}, Out{"p.mp4", 640, 360}, Out{"g.mp4", 854, 480}}) {
        SCOPED_TRACE(o.file);
        auto f = test::decodeLuma(dir / o.file, 0.5, o.w, o.h);
        ASSERT_EQ(f.y.size(), static_cast<size_t>(o.w * o.h));
        // Displayed 360x640: a 9:16 picture in the middle of the 16:9 frame, black bars left and right.
        EXPECT_LT(f.column(10), 24);
        EXPECT_LT(f.column(o.w - 11), 24);
        // Upright: the stored left half (white) is the top once turned 90° clockwise.
        EXPECT_GT(f.at(o.w / 2, o.h / 6), 200);
        EXPECT_NEAR(f.at(o.w / 2, o.h * 5 / 6), 126, 20);
        EXPECT_EQ(probeStreamEntry(dir / o.file, "v:0", "sample_aspect_ratio"), "1:1");
        EXPECT_EQ(test::audioStreamCount(dir / o.file), 0) << "no audio in, no audio out";
        EXPECT_EQ(test::videoFrameTimes(dir / o.file).size(), 60u);
    }
}

TEST(Transcoder, NonSquarePixelsAreHonoured) {
    test::ScratchDir dir("tc-sar");
    auto r = transcode(TranscodeMedia::get().clip("sar").string(), {spec("proxy", dir / "p.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto f = test::decodeLuma(dir / "p.mp4", 0.5, 640, 360);
    ASSERT_FALSE(f.y.empty());
    // 480x360 at 4:3 pixels is 640x360 on screen: it fills the frame, no bars.
    EXPECT_GT(f.column(4), 200);
    EXPECT_GT(f.column(635), 200);
    EXPECT_EQ(probeStreamEntry(dir / "p.mp4", "v:0", "sample_aspect_ratio"), "1:1");
}

TEST(Transcoder, InterlacedSourceIsDeinterlacedToProgressive) {
    test::ScratchDir dir("tc-interlaced");
    auto src = TranscodeMedia::get().clip("interlaced");
    ASSERT_EQ(probeStreamEntry(src, "v:0", "field_order"), "tt") << "the fixture is interlaced";
    auto r = transcode(src.string(), {spec("glasses", dir / "g.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(probeStreamEntry(dir / "g.mp4", "v:0", "field_order"), "progressive");
    EXPECT_EQ(probeStreamEntry(dir / "g.mp4", "v:0", "r_frame_rate"), "25/1");
    EXPECT_EQ(test::videoFrameTimes(dir / "g.mp4").size(), test::videoFrameTimes(src).size());
}

TEST(Transcoder, FullRangeSourceBecomesTvRange) {
    test::ScratchDir dir("tc-range");
    auto r = transcode(TranscodeMedia::get().clip("fullrange").string(), {spec("proxy", dir / "p.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(probeStreamEntry(dir / "p.mp4", "v:0", "color_range"), "tv");
    auto f = test::decodeLuma(dir / "p.mp4", 0.5, 640, 360);
    ASSERT_FALSE(f.y.empty());
    EXPECT_NEAR(f.column(100), 235, 4) << "full-range white (255) is tv-range white (235)";
    EXPECT_NEAR(f.column(540), 16, 4) << "full-range black (0) is tv-range black (16)";
}

TEST(Transcoder, TenBitSourceBecomesEightBit) {
    test::ScratchDir dir("tc-10bit");
    auto src = TranscodeMedia::get().clip("tenbit");
    if (probeStreamEntry(src, "v:0", "pix_fmt") != "yuv420p10le") GTEST_SKIP() << "libx264 here has no 10-bit";
    auto r = transcode(src.string(), {spec("glasses", dir / "g.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(probeStreamEntry(dir / "g.mp4", "v:0", "pix_fmt"), "yuv420p");
    EXPECT_EQ(probeStreamEntry(dir / "g.mp4", "v:0", "profile"), "Main");
}

TEST(Transcoder, HdrSourceIsToneMappedToEightBitBt709) {
    test::ScratchDir dir("tc-hdr");
    auto src = TranscodeMedia::get().clip("hdr");
    if (probeStreamEntry(src, "v:0", "color_transfer") != "smpte2084") GTEST_SKIP() << "could not make an HDR10 clip";
    auto r = transcode(src.string(), {spec("proxy", dir / "p.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(probeStreamEntry(dir / "p.mp4", "v:0", "pix_fmt"), "yuv420p");
    EXPECT_EQ(probeStreamEntry(dir / "p.mp4", "v:0", "color_transfer"), "bt709");
    EXPECT_EQ(probeStreamEntry(dir / "p.mp4", "v:0", "color_primaries"), "bt709");
    auto f = test::decodeLuma(dir / "p.mp4", 0.5, 640, 360);
    ASSERT_FALSE(f.y.empty());
    double mean = 0;
    for (auto v : f.y) mean += v;
    mean /= static_cast<double>(f.y.size());
    EXPECT_GT(mean, 30) << "not crushed to black";
    EXPECT_LT(mean, 225) << "not blown out";
}

TEST(Transcoder, ExtraVideoFilterRunsAfterScaleAndPad) {
    test::ScratchDir dir("tc-extra");
    auto o = spec("glasses", dir / "g.mp4");
    o.extraVideoFilters = {{"drawbox", {{"x", "0"}, {"y", "0"}, {"w", "40"}, {"h", "40"}, {"color", "white"}, {"t", "fill"}}}};
    auto r = transcode(TranscodeMedia::get().clip("portrait").string(), {o});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto f = test::decodeLuma(dir / "g.mp4", 0.5, 854, 480);
    ASSERT_FALSE(f.y.empty());
    EXPECT_GT(f.at(20, 20), 200) << "drawn on the black bar of the padded frame";
    EXPECT_LT(f.at(20, 240), 24);
}

TEST(Transcoder, VariableFrameRateBecomesConstantAndKeepsItsLength) {
    test::ScratchDir dir("tc-vfr");
    auto src = TranscodeMedia::get().clip("vfr");
    auto srcTimes = test::videoFrameTimes(src);
    ASSERT_GT(srcTimes.size(), 40u);
    ASSERT_NEAR(srcTimes[30] - srcTimes[29], 0.1 + 1.0 / 30, 0.002) << "the fixture has a hole";
    auto r = transcode(src.string(), {spec("tablet", dir / "t.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto times = test::videoFrameTimes(dir / "t.mp4");
    ASSERT_GT(times.size(), 10u);
    for (size_t i = 1; i < times.size(); ++i) ASSERT_NEAR(times[i] - times[i - 1], 1.0 / 30, 1e-3) << "frame " << i;
    double srcLength = srcTimes.back() + 1.0 / 30;
    double outLength = times.back() + 1.0 / 30;
    EXPECT_NEAR(outLength, srcLength, 1.0 / 30 + 1e-3);
    EXPECT_EQ(test::audioStreamCount(dir / "t.mp4"), 2);
}

TEST(Transcoder, CancelLeavesNothingUnderTheFinalNamesAndARerunWorks) {
    test::ScratchDir dir("tc-cancel");
    auto src = TranscodeMedia::get().clip("long").string();
    std::vector<OutputSpec> specs{spec("proxy", dir / "proxy.mp4"), spec("tablet", dir / "tablet.mp4")};
    Progress progress("cancel test", 3'000'000, false);
    std::atomic<bool> asked{false};
    std::thread canceller;
    TranscodeOptions o;
    o.cancel = CancelToken::detached();
    progress.setSink([&](double fraction, double, double) {
        if (fraction > 0.3 && !asked.exchange(true))
            canceller = std::thread([token = o.cancel] { token.cancel(); });  // from another thread, as a signal would
    });
    o.progress = &progress;
    o.thumbnailsDir = dir / "thumbs";
    o.peaksPath = dir / "peaks.bin";
    auto r = transcode(src, specs, o);
    if (canceller.joinable()) canceller.join();
    ASSERT_FALSE(r.ok()) << "the run was cancelled at 30 %";
    EXPECT_EQ(r.error().code, AVERROR_EXIT);
    size_t left = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        ADD_FAILURE() << "left behind: " << e.path();
        ++left;
    }
    EXPECT_EQ(left, 0u);

    auto again = transcode(src, specs, {});
    ASSERT_TRUE(again.ok()) << again.error().what();
    EXPECT_TRUE(fs::exists(dir / "tablet.mp4"));
    EXPECT_NEAR(test::probeDuration(dir / "tablet.mp4"), 3.0, 1.0 / 30);
}

TEST(Transcoder, ErrorsNameTheFileAndKeepTheCode) {
    test::ScratchDir dir("tc-errors");
    auto missing = transcode((dir / "nope.mp4").string(), {spec("proxy", dir / "p.mp4")});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, AVERROR(ENOENT));
    EXPECT_NE(missing.error().what().find("nope.mp4"), std::string::npos);

    auto unwritable = transcode(TranscodeMedia::get().clip("noaudio").string(),
                                {spec("proxy", "/proc/kotsu-cannot-write/p.mp4")});
    ASSERT_FALSE(unwritable.ok());
    EXPECT_NE(unwritable.error().what().find("kotsu-cannot-write"), std::string::npos) << unwritable.error().what();
    EXPECT_LT(unwritable.error().code, 0);
}

TEST(Transcoder, NoAudioGivesRenditionsWithoutAudio) {
    test::ScratchDir dir("tc-noaudio");
    auto r = transcode(TranscodeMedia::get().clip("noaudio").string(),
                       {spec("tablet", dir / "t.mp4"), spec("glasses", dir / "g.mp4")});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(test::audioStreamCount(dir / "t.mp4"), 0);
    EXPECT_EQ(test::audioStreamCount(dir / "g.mp4"), 0);
    EXPECT_FALSE((*r)[0].voice.has_value());
    EXPECT_NEAR(test::probeDuration(dir / "g.mp4"), 2.0, 1.0 / 30);
}

}  // namespace
}  // namespace kotsu::transcode
