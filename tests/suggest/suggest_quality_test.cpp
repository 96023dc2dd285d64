// Precision, recall and F1 on the synthetic set and on the real-footage set (edits of the camera and
// phone recordings in ../shared/media with known boundaries), printed as small tables.
#include <gtest/gtest.h>

#include <cstdio>

#include "annotate/suggest/suggest.hpp"
#include "tests/suggest/suggest_clips.hpp"
#include "tests/suggest/suggest_real_clips.hpp"
#include "tests/suggest/suggest_score.hpp"

using namespace kotsu;
using namespace kotsu::test::suggest;

namespace {

Score scoreSet(const std::vector<Clip>& set, const std::filesystem::path& dir, const annotate::SuggestOptions& o,
               const std::vector<std::string>& reasons) {
    Score total;
    printScoreHeader();
    for (const auto& clip : set) {
        auto path = make(dir, clip);
        auto r = annotate::analyzeFile(path.string(), o);
        EXPECT_TRUE(r.ok()) << clip.name << ": " << r.error().what();
        if (!r) continue;
        std::string list;
        Score s = score(r->suggestions, clip.expected, reasons, &list);
        printScoreRow(clip.name, s, list);
        total += s;
    }
    return total;
}

}  // namespace

TEST(SuggestQuality, PrecisionAndRecallOnTheSyntheticSet) {
    test::ScratchDir dir("suggest-quality");
    Score s = scoreSet(clips(), dir.path(), {}, {});
    printScoreTotal("synthetic set", s);
    RecordProperty("precision", std::to_string(s.precision()));
    RecordProperty("recall", std::to_string(s.recall()));
    EXPECT_GE(s.precision(), 0.9);
    EXPECT_GE(s.recall(), 0.9);
}

// Picture boundaries only (cuts, fades, dissolves): the real set knows where the edits are, not
// where a worker starts moving or stops talking.
TEST(SuggestQuality, F1OnRealFootage) {
    auto media = test::sharedMedia(kMvi);
    if (!media) GTEST_SKIP() << "../shared/media is absent";
    test::ScratchDir dir("suggest-real");
    annotate::SuggestOptions o;
    o.detectors = {annotate::Detector::Content, annotate::Detector::Adaptive, annotate::Detector::Fade};
    auto set = realClips(media->parent_path());
    ASSERT_GE(set.size(), 5u);
    Score s = scoreSet(set, dir.path(), o, {"cut", "fade"});
    printScoreTotal("real-footage set", s);
    RecordProperty("f1", std::to_string(s.f1()));
    EXPECT_GE(s.f1(), 0.95);
    EXPECT_LE(s.worstCut, 1'000'000 / 30) << "a cut more than one frame away";
}

// With every detector on, motion and pauses may add hints, but no cut or fade appears that is not there.
TEST(SuggestQuality, AllDetectorsAddNoFalseCutsOnRealFootage) {
    auto media = test::sharedMedia(kMvi);
    if (!media) GTEST_SKIP() << "../shared/media is absent";
    test::ScratchDir dir("suggest-real-all");
    auto set = realClips(media->parent_path());
    Score s = scoreSet(set, dir.path(), {}, {"cut", "fade"});
    printScoreTotal("real-footage set, all detectors", s);
    EXPECT_GE(s.precision(), 0.95);
}

// The cheaper decoding (reference pictures first, no deblocking, skipped pre-roll before each closer
// look) reports exactly what decoding every picture in full reports.
TEST(SuggestQuality, FastDecodingReportsTheSameTimesOnRealFootage) {
    auto media = test::sharedMedia(kMvi);
    if (!media) GTEST_SKIP() << "../shared/media is absent";
    test::ScratchDir dir("suggest-real-fast");
    annotate::SuggestOptions fast, full;
    fast.detectors = full.detectors = {annotate::Detector::Content, annotate::Detector::Adaptive,
                                       annotate::Detector::Fade};
    full.fastDecode = false;
    for (const auto& clip : realClips(media->parent_path())) {
        auto path = make(dir.path(), clip);
        auto a = annotate::analyzeFile(path.string(), fast);
        auto b = annotate::analyzeFile(path.string(), full);
        ASSERT_TRUE(a.ok() && b.ok()) << clip.name;
        std::string la, lb;
        for (const auto& s : a->suggestions) la += formatSeconds(s.time) + " " + s.reason + "  ";
        for (const auto& s : b->suggestions) lb += formatSeconds(s.time) + " " + s.reason + "  ";
        EXPECT_EQ(la, lb) << clip.name;
    }
}
