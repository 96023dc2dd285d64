// The detectors on hand-made feature sequences: the rules, without media.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "annotate/suggest/detectors.hpp"

using namespace kotsu;
using namespace kotsu::annotate::suggest;

namespace {

constexpr Micros kFrame = 33'333;  // 30 fps

// n frames at 30 fps; content[i] for frame i (0 elsewhere).
std::vector<FrameFeatures> frames(size_t n, std::vector<std::pair<size_t, double>> content = {}) {
    std::vector<FrameFeatures> fs(n);
    for (size_t i = 0; i < n; ++i) {
        fs[i].time = Micros(i) * kFrame;
        fs[i].intensity = 100;
    }
    for (auto [i, c] : content) fs[i].content = c;
    return fs;
}

// The times of candidates or frames.
template <class T>
std::vector<Micros> times(const std::vector<T>& cs) {
    std::vector<Micros> out;
    for (const auto& c : cs) out.push_back(c.time);
    return out;
}

}  // namespace

TEST(ContentDetector, CutsWhereTheChangeReachesTheThreshold) {
    auto cs = detectContentCuts(frames(100, {{30, 40.0}, {70, 26.9}}), 27.0, 15 * kFrame);
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_EQ(cs[0].time, 30 * kFrame);
    EXPECT_EQ(cs[0].reason, "cut");
    EXPECT_GT(cs[0].score, 0.5);
}

TEST(ContentDetector, NoCutBeforeTheMinimumSceneLengthFromTheStart) {
    // PySceneDetect's counter.mp4 rule: a change at frame 10 < 15 frames from the first frame.
    EXPECT_TRUE(detectContentCuts(frames(30, {{10, 60.0}}), 27.0, 15 * kFrame).empty());
}

TEST(ContentDetector, FlashesCloserThanTheMinimumLengthMergeIntoOne) {
    // | A |B| C |: a second change 5 frames after a cut is a flash, not another scene.
    auto cs = detectContentCuts(frames(100, {{30, 50.0}, {35, 50.0}}), 27.0, 15 * kFrame);
    EXPECT_EQ(times(cs), (std::vector<Micros>{30 * kFrame}));
}

TEST(AdaptiveDetector, CutWhereTheChangeStandsOutOfItsNeighbourhood) {
    std::vector<std::pair<size_t, double>> c;
    for (size_t i = 1; i < 60; ++i) c.emplace_back(i, 10.0);  // steady camera motion
    c[39] = {40, 45.0};                                        // 4.5× its neighbours
    auto cs = detectAdaptiveCuts(frames(60, c), 3.0, 2, 15.0, 15 * kFrame);
    EXPECT_EQ(times(cs), (std::vector<Micros>{40 * kFrame}));
}

TEST(AdaptiveDetector, FastMotionIsNotACut) {
    std::vector<std::pair<size_t, double>> c;
    for (size_t i = 1; i < 60; ++i) c.emplace_back(i, 30.0 + (i % 3));  // above 27 everywhere
    EXPECT_TRUE(detectAdaptiveCuts(frames(60, c), 3.0, 2, 15.0, 15 * kFrame).empty());
    // ContentDetector's merge filter never lets a change that does not settle become a cut either.
    EXPECT_TRUE(detectContentCuts(frames(60, c), 27.0, 15 * kFrame).empty());
}

TEST(AdaptiveDetector, SmallChangeInAStillSceneNeedsTheMinimumContent) {
    EXPECT_TRUE(detectAdaptiveCuts(frames(60, {{30, 10.0}}), 3.0, 2, 15.0, 15 * kFrame).empty());
    EXPECT_EQ(detectAdaptiveCuts(frames(60, {{30, 16.0}}), 3.0, 2, 15.0, 15 * kFrame).size(), 1u);
}

TEST(FadeDetector, BoundaryInTheMiddleOfTheDarkStretch) {
    auto fs = frames(120);
    for (size_t i = 50; i < 60; ++i) fs[i].intensity = 3;  // dark from frame 50 to 59
    std::vector<Micros> all;
    for (const auto& f : fs) all.push_back(f.time);
    auto cs = detectFades(fs, all, 12.0, 15 * kFrame);
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_EQ(cs[0].time, 55 * kFrame);  // (50 + 60) / 2
    EXPECT_EQ(cs[0].reason, "fade");
}

TEST(FadeDetector, FadeInFromBlackAtTheStartIsNotABoundary) {
    auto fs = frames(120);
    for (size_t i = 0; i < 4; ++i) fs[i].intensity = 0;
    std::vector<Micros> all;
    for (const auto& f : fs) all.push_back(f.time);
    EXPECT_TRUE(detectFades(fs, all, 12.0, 15 * kFrame).empty());
}

TEST(ActivityDetector, RestWorkRestGivesTwoTransitions) {
    std::vector<FrameFeatures> fs;
    for (int i = 0; i < 80; ++i) {  // 10 samples a second: rest 0–3 s, work 3–5.5 s, rest after
        FrameFeatures f;
        f.time = Micros(i) * 100'000;
        f.activity = (f.time >= 3'000'000 && f.time < 5'500'000) ? 0.08 + 0.01 * (i % 3) : 0.001 * (i % 2);
        fs.push_back(f);
    }
    auto cs = detectActivity(fs, {}, 1'500'000);
    ASSERT_EQ(cs.size(), 2u);
    EXPECT_NEAR(double(cs[0].time), 3e6, 2e5);
    EXPECT_NEAR(double(cs[1].time), 5.5e6, 2e5);
    EXPECT_EQ(cs[0].reason, "activity");
}

TEST(ActivityDetector, ShortBurstsAndNoiseAreNotPhases) {
    std::vector<FrameFeatures> fs;
    for (int i = 0; i < 80; ++i) {
        FrameFeatures f;
        f.time = Micros(i) * 100'000;
        f.activity = (i >= 30 && i < 35) ? 0.08 : 0.001 * (i % 2);  // 0.5 s burst
        fs.push_back(f);
    }
    EXPECT_TRUE(detectActivity(fs, {}, 1'500'000).empty());
}

TEST(PauseDetector, GapsOfSevenTenthsOfASecondOrMore) {
    std::vector<AudioBlock> bs;
    for (int i = 0; i < 400; ++i) {  // 8 s of 20 ms blocks
        Micros t = Micros(i) * 20'000;
        bool speech = !(t >= 2'000'000 && t < 3'000'000) && !(t >= 5'000'000 && t < 5'400'000);
        bs.push_back({t, speech ? -20.0f : -55.0f});
    }
    auto cs = detectPauses(bs, 700'000);
    ASSERT_EQ(cs.size(), 1u);  // the 0.4 s gap is a breath, not a pause
    EXPECT_EQ(cs[0].reason, "pause");
    EXPECT_GE(cs[0].time, 2'000'000);
    EXPECT_LE(cs[0].time, 3'000'000);
    EXPECT_NEAR(double(cs[0].time), 2.7e6, 1e3);  // 0.3 s before the voice comes back
}

TEST(PauseDetector, SteadyNoiseHasNoPauses) {
    std::vector<AudioBlock> bs;
    for (int i = 0; i < 400; ++i) bs.push_back({Micros(i) * 20'000, -30.0f + float(i % 3)});
    EXPECT_TRUE(detectPauses(bs, 700'000).empty());
}

TEST(Merge, CloseCandidatesKeepTheMostPreciseReasonAndTime) {
    std::vector<Candidate> cs{{2'000'000, 0.6, "cut"},      {2'000'000, 0.7, "cut"},  {2'400'000, 0.9, "pause"},
                              {5'000'000, 0.5, "activity"}, {5'300'000, 0.8, "pause"}, {0, 0.9, "cut"}};
    auto m = mergeCandidates(cs, 1'000'000);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].time, 2'000'000);
    EXPECT_EQ(m[0].reason, "cut");
    EXPECT_GT(m[0].score, 0.7);  // three detectors agree
    EXPECT_EQ(m[1].time, 5'000'000);
    EXPECT_EQ(m[1].reason, "activity");
}

TEST(ActivityDetector, SteadyMovementWobblingAroundTheThresholdIsOnePhase) {
    std::vector<FrameFeatures> fs;
    for (int i = 0; i < 100; ++i) {  // still 0–3 s, then a steady movement between 0.025 and 0.04
        FrameFeatures f;
        f.time = Micros(i) * 100'000;
        f.activity = i < 30 ? 0.0 : (i < 55 ? 0.026 : 0.038);
        if (i >= 80) f.activity = 0.09;  // and real work from 8 s: contrast enough for the levels
        fs.push_back(f);
    }
    auto cs = detectActivity(fs, {}, 1'500'000);
    for (const auto& c : cs) EXPECT_FALSE(c.time > 4'000'000 && c.time < 7'000'000) << c.time;
}

namespace {

// Every signature value `v` (a flat grey picture), with a pattern when `pattern` (cells alternate).
Signature flat(std::uint8_t v, bool pattern = false) {
    Signature s;
    for (size_t i = 0; i < s.size(); ++i) s[i] = pattern && (i / 3) % 2 ? std::uint8_t(255 - v) : v;
    return s;
}

}  // namespace

TEST(FadeDetector, LongBlackGivesWhereThePictureReachesAndLeavesIt) {
    auto fs = frames(150);
    for (size_t i = 0; i < fs.size(); ++i) fs[i].intensity = 100;
    for (size_t i = 40; i < 50; ++i) fs[i].intensity = 100 - 10.0 * double(i - 39);  // fade out, dark from 48
    for (size_t i = 50; i < 100; ++i) fs[i].intensity = 0;                          // black until frame 99
    for (size_t i = 100; i < 110; ++i) fs[i].intensity = 10.0 * double(i - 99);     // fade in, lit from 101
    auto cs = detectFades(fs, times(fs), 12.0, 15 * kFrame, 24.0, 1'000'000);
    ASSERT_EQ(cs.size(), 2u);
    EXPECT_EQ(cs[0].time, 48 * kFrame);   // reaches black
    EXPECT_EQ(cs[1].time, 101 * kFrame);  // leaves black
}

TEST(FadeDetector, HardEdgesOfADarkStretchBelongToTheCuts) {
    auto fs = frames(150);
    for (size_t i = 0; i < fs.size(); ++i) fs[i].intensity = 100;
    for (size_t i = 60; i < 90; ++i) fs[i].intensity = 4;  // a dark shot between two cuts
    EXPECT_TRUE(detectFades(fs, times(fs), 12.0, 15 * kFrame, 24.0, 1'000'000).empty());
    // Without the jump rule it is a fade in its middle, as PySceneDetect's ThresholdDetector says.
    auto old = detectFades(fs, times(fs), 12.0, 15 * kFrame);
    ASSERT_EQ(old.size(), 1u);
    EXPECT_EQ(old[0].time, 75 * kFrame);
}

TEST(FalseCuts, AFlashIsNotACutButAHardCutIs) {
    auto fs = frames(90);
    for (auto& f : fs) {
        f.intensity = 100;
        f.signature = flat(100, true);
    }
    fs[40].signature = flat(250);  // two blown-out pictures
    fs[41].signature = flat(250);
    for (size_t i = 70; i < 90; ++i) fs[i].signature = flat(30, true);  // another shot from 70
    std::vector<Candidate> cuts{{40 * kFrame, 0.9, "cut"}, {42 * kFrame, 0.9, "cut"}, {70 * kFrame, 0.9, "cut"}};
    auto kept = dropFalseCuts(cuts, fs, 24.0, 24.0);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].time, 70 * kFrame);
}

TEST(FalseCuts, HueFlickerNextToBlackIsDroppedACutToBlackIsKept) {
    auto fs = frames(90);
    for (size_t i = 0; i < fs.size(); ++i) fs[i].intensity = i < 30 ? 2.0 + 0.2 * double(i) : 100;  // faint, then a cut
    for (size_t i = 60; i < 90; ++i) fs[i].intensity = 1;                                          // a cut to black
    std::vector<Candidate> cuts{{10 * kFrame, 0.9, "cut"}, {30 * kFrame, 0.9, "cut"}, {60 * kFrame, 0.9, "cut"}};
    auto kept = dropFalseCuts(cuts, fs, 24.0, 24.0);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[0].time, 30 * kFrame);
    EXPECT_EQ(kept[1].time, 60 * kFrame);
}

TEST(DissolveDetector, ASteadyCrossFadeBetweenTwoPicturesButNotABrightnessChange) {
    auto fs = frames(120);
    const Signature a = flat(60, true);
    Signature b;
    for (size_t k = 0; k < b.size(); ++k) b[k] = std::uint8_t(40 + 30 * ((k / 48) % 6));  // rows of grey
    for (size_t i = 0; i < fs.size(); ++i) {
        fs[i].intensity = 100;
        double w = std::clamp((double(i) - 50.0) / 15.0, 0.0, 1.0);  // frames 50..65 cross-fade
        for (size_t k = 0; k < a.size(); ++k) fs[i].signature[k] = std::uint8_t(std::lround(a[k] * (1 - w) + b[k] * w));
    }
    auto cs = detectDissolves(fs);
    ASSERT_EQ(cs.size(), 1u);
    EXPECT_NEAR(double(cs[0].time), 57.5 * kFrame, 3 * kFrame);
    EXPECT_EQ(cs[0].reason, "fade");
    // The same picture getting brighter is an exposure change.
    for (size_t i = 0; i < fs.size(); ++i) {
        double g = 1.0 + std::clamp((double(i) - 50.0) / 15.0, 0.0, 1.0);
        for (size_t k = 0; k < a.size(); ++k) fs[i].signature[k] = std::uint8_t(std::min(255.0, (a[k] % 128) * g));
    }
    EXPECT_TRUE(detectDissolves(fs).empty());
}

TEST(Merge, ACutNextToAFadeKeepsItsOwnTime) {
    std::vector<Candidate> cs{{2'000'000, 0.8, "fade"}, {2'600'000, 0.7, "cut"}, {3'000'000, 0.5, "pause"}};
    auto m = mergeCandidates(cs, 1'000'000, 500'000);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].time, 2'000'000);
    EXPECT_EQ(m[0].reason, "fade");
    EXPECT_EQ(m[1].time, 2'600'000);
    EXPECT_EQ(m[1].reason, "cut");
    // Closer than a scene: one event, the cut's.
    auto one = mergeCandidates({{2'000'000, 0.8, "fade"}, {2'100'000, 0.7, "cut"}}, 1'000'000, 500'000);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].reason, "cut");
}
