// Precision and recall on the whole synthetic set, printed as a small table (benchmark-style).
// A suggestion matches an expected boundary with the same reason within its tolerance (cuts: the
// exact frame); each expected boundary matches at most once.
#include <gtest/gtest.h>

#include <cstdio>

#include "annotate/suggest/suggest.hpp"
#include "tests/suggest/suggest_clips.hpp"

using namespace kotsu;

TEST(SuggestQuality, PrecisionAndRecallOnTheSyntheticSet) {
    test::ScratchDir dir("suggest-quality");
    int expected = 0, reported = 0, matched = 0;
    std::printf("\n%-18s %8s %8s %8s   suggestions\n", "clip", "expected", "reported", "matched");
    for (const auto& clip : test::suggest::clips()) {
        auto path = test::suggest::make(dir.path(), clip);
        auto r = annotate::analyzeFile(path.string(), {});
        ASSERT_TRUE(r.ok()) << clip.name << ": " << r.error().what();
        std::vector<bool> used(clip.expected.size(), false);
        int m = 0;
        std::string list;
        for (const auto& s : r->suggestions) {
            list += formatSeconds(s.time) + " " + s.reason + "  ";
            for (size_t i = 0; i < clip.expected.size(); ++i) {
                const auto& e = clip.expected[i];
                Micros tol = e.tolerance > 0 ? e.tolerance : 1000;  // cuts: the same frame
                if (!used[i] && e.reason == s.reason && std::llabs(s.time - e.time) <= tol) {
                    used[i] = true;
                    ++m;
                    break;
                }
            }
        }
        std::printf("%-18s %8zu %8zu %8d   %s\n", clip.name.c_str(), clip.expected.size(), r->suggestions.size(), m,
                    list.c_str());
        expected += static_cast<int>(clip.expected.size());
        reported += static_cast<int>(r->suggestions.size());
        matched += m;
    }
    double precision = reported ? double(matched) / reported : 1.0;
    double recall = expected ? double(matched) / expected : 1.0;
    std::printf("%-18s %8d %8d %8d   precision %.3f  recall %.3f\n", "total", expected, reported, matched, precision,
                recall);
    RecordProperty("precision", std::to_string(precision));
    RecordProperty("recall", std::to_string(recall));
    EXPECT_GE(precision, 0.9);
    EXPECT_GE(recall, 0.9);
}
