// Suggestions on whole files: synthetic clips with known boundaries, and the shared real-world files.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "annotate/suggest/suggest.hpp"
#include "annotate/suggest/scan.hpp"
#include "tests/suggest/suggest_clips.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
}

using namespace kotsu;
using namespace kotsu::annotate;
namespace suggest = kotsu::annotate::suggest;
namespace fs = std::filesystem;

namespace {

class SuggestFile : public ::testing::Test {
protected:
    static void SetUpTestSuite() { dir_ = new test::ScratchDir("suggest-file"); }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static fs::path clip(const std::string& name) { return test::suggest::make(dir_->path(), test::suggest::clip(name)); }
    static test::ScratchDir* dir_;
};
test::ScratchDir* SuggestFile::dir_ = nullptr;

SuggestOptions only(std::vector<Detector> ds) {
    SuggestOptions o;
    o.detectors = std::move(ds);
    return o;
}

std::vector<Suggestion> withReason(const std::vector<Suggestion>& ss, const std::string& reason) {
    std::vector<Suggestion> out;
    std::copy_if(ss.begin(), ss.end(), std::back_inserter(out), [&](const Suggestion& s) { return s.reason == reason; });
    return out;
}

std::string describe(const std::vector<Suggestion>& ss) {
    std::string out;
    for (const auto& s : ss) out += formatSeconds(s.time) + " " + s.reason + " " + std::to_string(s.score) + "; ";
    return out;
}

// The fast path on a clip cut at 2 s and 4 s: both cuts on their exact frames, and the same
// suggestions as decoding every picture. The two reports are handed back for further checks.
void expectTheFullDecodesCuts(const std::string& path, SuggestReport& fast, SuggestReport& slow) {
    auto f = analyzeFile(path, {});
    ASSERT_TRUE(f.ok()) << f.error().what();
    SuggestOptions full;
    full.fastDecode = false;
    auto s = analyzeFile(path, full);
    ASSERT_TRUE(s.ok()) << s.error().what();
    auto cuts = withReason(f->suggestions, "cut");
    ASSERT_EQ(cuts.size(), 2u) << describe(f->suggestions);
    EXPECT_EQ(cuts[0].time, 2'000'000);
    EXPECT_EQ(cuts[1].time, 4'000'000);
    EXPECT_EQ(describe(f->suggestions), describe(s->suggestions));
    fast = std::move(f).value();
    slow = std::move(s).value();
}

}  // namespace

TEST_F(SuggestFile, ConcatenatedSourcesGiveCutsOnTheirExactFirstFrames) {
    auto r = analyzeFile(clip("cuts.mp4").string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto cuts = withReason(r->suggestions, "cut");
    ASSERT_EQ(cuts.size(), 2u) << describe(r->suggestions);
    EXPECT_EQ(cuts[0].time, 2'000'000);
    EXPECT_EQ(cuts[1].time, 4'000'000);
    EXPECT_GT(cuts[0].score, 0.5);
    EXPECT_EQ(r->suggestions.size(), 2u) << describe(r->suggestions);
}

TEST_F(SuggestFile, ContentAndAdaptiveEachFindTheCuts) {
    for (auto d : {Detector::Content, Detector::Adaptive}) {
        auto r = analyzeFile(clip("cuts.mp4").string(), only({d}));
        ASSERT_TRUE(r.ok()) << r.error().what();
        ASSERT_EQ(r->suggestions.size(), 2u) << toString(d) << ": " << describe(r->suggestions);
        EXPECT_EQ(r->suggestions[0].time, 2'000'000) << toString(d);
        EXPECT_EQ(r->suggestions[1].time, 4'000'000) << toString(d);
    }
}

TEST_F(SuggestFile, FastPathSkipsBFramesAndStillFindsTheExactFrame) {
    SuggestReport fast, slow;
    ASSERT_NO_FATAL_FAILURE(expectTheFullDecodesCuts(clip("cuts_bframes.mp4").string(), fast, slow));
    EXPECT_EQ(slow.framesAnalyzed, 180);
    EXPECT_GT(fast.framesRefined, 0);
    EXPECT_LT(fast.framesAnalyzed, 140) << "B-frames were not skipped";
}

// x265 refers to B pictures from P pictures: skipping every B picture would break those, so the
// first look checks and keeps the referenced B pictures there (x264's file above skips them all).
TEST_F(SuggestFile, PPicturesThatReferToBPicturesKeepThemDecoded) {
    if (!avcodec_find_encoder_by_name("libx265")) GTEST_SKIP() << "no libx265 encoder in this libavcodec";
    test::suggest::Clip c{"cuts_hevc_bpyramid.mp4", {}, {}};
    c.spec.video = test::suggest::kThreeScenes;
    c.spec.duration = 6'000'000;
    c.spec.videoCodec = "libx265";
    c.spec.videoOptions = {{"preset", "fast"}, {"x265-params", "log-level=error:scenecut=0:keyint=50:bframes=4:b-pyramid=1"}};
    auto path = test::suggest::make(dir_->path(), c).string();
    SuggestReport fast, slow;
    ASSERT_NO_FATAL_FAILURE(expectTheFullDecodesCuts(path, fast, slow));
    // The I and P pictures alone are about one in five (bframes=4: 38 of 180); with the B pictures
    // they refer to, about twice that (74).
    suggest::ScanRequest rq;
    rq.fast = true;
    auto scan = suggest::scanMedia(path, rq, nullptr);
    ASSERT_TRUE(scan.ok()) << scan.error().what();
    EXPECT_GT(scan->analysed - scan->refined, 180 / 5 + 10) << "B pictures that P pictures refer to were skipped";
}

TEST_F(SuggestFile, VariableFrameRateDoesNotMoveTheCut) {
    auto path = clip("vfr.mp4");
    if (test::haveTool("ffprobe")) {
        EXPECT_EQ(test::probeStreamEntry(path, "v:0", "nb_frames"), "100");  // 30 + 10 + 60 pictures
    }
    auto r = analyzeFile(path.string(), only({Detector::Content, Detector::Adaptive}));
    ASSERT_TRUE(r.ok()) << r.error().what();
    ASSERT_EQ(r->suggestions.size(), 1u) << describe(r->suggestions);
    EXPECT_EQ(r->suggestions[0].time, 2'000'000);
}

TEST_F(SuggestFile, RotationAndNonSquarePixelsDoNotMoveTheCut) {
    auto path = clip("rotated.mp4");
    auto r = analyzeFile(path.string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto cuts = withReason(r->suggestions, "cut");
    ASSERT_EQ(cuts.size(), 1u) << describe(r->suggestions);
    EXPECT_EQ(cuts[0].time, 2'000'000);
}

TEST_F(SuggestFile, NonZeroStartIsSubtracted) {
    auto path = clip("late_start.ts");
    if (test::haveTool("ffprobe")) {
        EXPECT_GT(std::atof(test::probeStreamEntry(path, "v:0", "start_time").c_str()), 1.0);
    }
    auto r = analyzeFile(path.string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto cuts = withReason(r->suggestions, "cut");
    ASSERT_EQ(cuts.size(), 1u) << describe(r->suggestions);
    EXPECT_EQ(cuts[0].time, 2'000'000);
}

TEST_F(SuggestFile, FadeThroughBlackIsAFadeNotACut) {
    auto r = analyzeFile(clip("fade.mp4").string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    ASSERT_EQ(r->suggestions.size(), 1u) << describe(r->suggestions);
    EXPECT_EQ(r->suggestions[0].reason, "fade");
    EXPECT_NEAR(double(r->suggestions[0].time), 2.25e6, 1.5e5);
}

TEST_F(SuggestFile, RestAndWorkInOneTake) {
    auto r = analyzeFile(clip("rest_work.mp4").string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto act = withReason(r->suggestions, "activity");
    ASSERT_EQ(act.size(), 2u) << describe(r->suggestions);
    EXPECT_NEAR(double(act[0].time), 2e6, 5e5);
    EXPECT_NEAR(double(act[1].time), 5e6, 5e5);
    EXPECT_TRUE(withReason(r->suggestions, "cut").empty()) << describe(r->suggestions);
}

TEST_F(SuggestFile, AudioOnlyRunsTheAudioDetectorAndSaysSo) {
    auto r = analyzeFile(clip("narration.m4a").string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    ASSERT_EQ(r->ran, std::vector<Detector>{Detector::Audio});
    ASSERT_FALSE(r->notes.empty());
    EXPECT_NE(r->notes[0].find("only the audio detector"), std::string::npos);
    ASSERT_EQ(r->suggestions.size(), 2u) << describe(r->suggestions);  // the 0.3 s breath is no pause
    for (const auto& s : r->suggestions) EXPECT_EQ(s.reason, "pause");
    EXPECT_NEAR(double(r->suggestions[0].time), 3.2e6, 5e5);
    EXPECT_GE(r->suggestions[0].time, 2'000'000);
    EXPECT_NEAR(double(r->suggestions[1].time), 6.0e6, 5e5);
    EXPECT_GE(r->suggestions[1].time, 5'000'000);
}

TEST_F(SuggestFile, PictureDetectorsAloneOnSoundAreAnError) {
    auto r = analyzeFile(clip("narration.m4a").string(), only({Detector::Content}));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no picture"), std::string::npos) << r.error().what();
}

TEST_F(SuggestFile, NeitherPictureNorSoundIsAnError) {
    auto srt = dir_->path() / "only_text.srt";
    std::ofstream(srt) << "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n";
    auto r = analyzeFile(srt.string(), {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("neither picture nor sound"), std::string::npos) << r.error().what();
}

TEST_F(SuggestFile, NotMediaIsAnError) {
    auto bad = test::sharedMedia("BROKEN__videl__empty.mp4");
    if (!bad) GTEST_SKIP() << "../shared/media is absent";
    auto r = analyzeFile(bad->string(), {});
    EXPECT_FALSE(r.ok());
}

TEST(SuggestShared, FadesClipHasNoCut) {
    auto p = test::sharedMedia("psd__fades.mp4");
    if (!p) GTEST_SKIP() << "../shared/media/psd__fades.mp4 is absent";
    auto r = analyzeFile(p->string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_TRUE(withReason(r->suggestions, "cut").empty()) << describe(r->suggestions);
    // PySceneDetect's ThresholdDetector golden: frames 84 and 167 at 25 fps.
    auto fades = withReason(r->suggestions, "fade");
    ASSERT_EQ(fades.size(), 2u) << describe(r->suggestions);
    EXPECT_NEAR(double(fades[0].time), 84 * 40'000.0, 80'000);
    EXPECT_NEAR(double(fades[1].time), 167 * 40'000.0, 80'000);
}

TEST(SuggestShared, CounterClipAdaptiveCutAtFrameTwenty) {
    auto p = test::sharedMedia("psd__counter.mp4");
    if (!p) GTEST_SKIP() << "../shared/media/psd__counter.mp4 is absent";
    auto adaptive = analyzeFile(p->string(), only({Detector::Adaptive}));
    ASSERT_TRUE(adaptive.ok()) << adaptive.error().what();
    ASSERT_EQ(adaptive->suggestions.size(), 1u) << describe(adaptive->suggestions);
    EXPECT_EQ(adaptive->suggestions[0].time, 2'000'000);  // frame 20 at 10 fps
    auto content = analyzeFile(p->string(), only({Detector::Content}));
    ASSERT_TRUE(content.ok()) << content.error().what();
    EXPECT_TRUE(content->suggestions.empty()) << describe(content->suggestions);
}

TEST(SuggestShared, DelayedStartStartsAtZero) {
    auto p = test::sharedMedia("psd__delayed_start.mp4");
    if (!p) GTEST_SKIP() << "../shared/media/psd__delayed_start.mp4 is absent";
    auto r = analyzeFile(p->string(), {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    for (const auto& s : r->suggestions) {
        EXPECT_GT(s.time, 0);
        EXPECT_LT(s.time, 1'000'000);
    }
}

TEST(SuggestShared, CameraAndPhoneFilesAnalyse) {
    // MJPEG AVI with PCM of unknown layout, rotated VFR phone H.264, VP9 + Opus 5.1, iPhone MOV.
    for (const char* name : {"mei__MVI_4823.AVI", "axm__pixel7_videoOnly_cleaned.mp4",
                             "webm__bbb_480p_vp9_opus_1second.webm", "mei__with-gps.mov",
                             "axm__sample_shorter_audio.mp4"}) {
        auto p = test::sharedMedia(name);
        if (!p) GTEST_SKIP() << "../shared/media is absent";
        auto r = analyzeFile(p->string(), {});
        ASSERT_TRUE(r.ok()) << name << ": " << r.error().what();
        EXPECT_GT(r->framesAnalyzed, 0) << name;
        for (const auto& s : r->suggestions) EXPECT_GT(s.time, 0) << name;
    }
}

TEST_F(SuggestFile, ChangesEverywhereFallBackToOneFullPass) {
    suggest::ScanRequest rq;
    rq.refineContent = 1e-6;  // every pair of reference pictures "differs"
    auto r = suggest::scanMedia(clip("cuts_bframes.mp4").string(), rq, nullptr);
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_GE(r->refined, 170);  // one pass from the first to the last reference picture
    EXPECT_GE(r->frames.size(), 170u);
    EXPECT_TRUE(std::is_sorted(r->frames.begin(), r->frames.end(),
                               [](const auto& a, const auto& b) { return a.time < b.time; }));
}
