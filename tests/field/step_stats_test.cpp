// Per-step aggregates over all trainees (field/step_stats): the editor's view of issue 13 item 3.
#include <gtest/gtest.h>

#include "field/record_file.hpp"
#include "field/step_stats.hpp"
#include "tests/field/field_support.hpp"

namespace kotsu::test {
namespace {

using nlohmann::json;

TEST(StepStats, ViewsLoopsAndStruggleFollowTheFollowupRule) {
    FieldLibrary fl("step-stats");
    std::vector<json> all;
    auto add = [&](Playing p, const std::string& segs) {
        for (auto& s : playing(p, segs)) all.push_back(s);
    };
    // Step 1: three trainees, no loops. Step 2: T1 seeks back three times (followup: struggling).
    // Step 3: each trainee loops twice — under followup's struggle-loops (3), but far above the other
    // steps' loops per view (0).
    add({"T1", fl.steps[0], "a1", "2026-11-20", 0}, "0[.]4");
    add({"T2", fl.steps[0], "b1", "2026-11-20", 0}, "0[.]4");
    add({"T3", fl.steps[0], "c1", "2026-11-20", 0}, "0[.]3");
    add({"T1", fl.steps[1], "a2", "2026-11-20", 10}, "0[.]4");
    for (int i = 0; i < 3; ++i) all.push_back(statement({"T1", fl.steps[1], "a2", "2026-11-20", 20 + i}, "seeked", "", 0, 3.5, 0.5));
    add({"T2", fl.steps[1], "b2", "2026-11-20", 10}, "0[.]4");
    add({"T1", fl.steps[2], "a3", "2026-11-20", 30, 2}, "0[.]4");
    add({"T2", fl.steps[2], "b3", "2026-11-20", 30, 2}, "0[.]4");
    ASSERT_TRUE(field::storeStatements(*fl.cat, all, "fixed").ok());

    field::FollowupConfig cfg;
    auto stats = field::sessionStepStats(*fl.cat, fl.session.id, cfg);
    ASSERT_TRUE(stats.ok()) << stats.error().what();
    ASSERT_EQ(stats->size(), 3u);
    const auto& s1 = (*stats)[0];
    EXPECT_EQ(s1.views, 3);
    EXPECT_EQ(s1.trainees, 3);
    EXPECT_EQ(s1.watchedBy, 2);
    EXPECT_NEAR(s1.coverage, (1 + 1 + 0.75) / 3, 1e-9);
    EXPECT_FALSE(s1.struggle);
    const auto& s2 = (*stats)[1];
    EXPECT_EQ(s2.views, 2);
    EXPECT_NEAR(s2.seeksBackPerView, 1.5, 1e-9);
    EXPECT_EQ(s2.strugglers, 1);
    EXPECT_TRUE(s2.struggle);
    EXPECT_TRUE(s2.step.safety);
    const auto& s3 = (*stats)[2];
    EXPECT_EQ(s3.strugglers, 0) << "two loops each is below struggle-loops";
    EXPECT_NEAR(s3.loopsPerView, 2, 1e-9);
    EXPECT_TRUE(s3.struggle) << "loops per view far above the other steps' (0)";

    // No records: every step is there, with nothing in it.
    FieldLibrary empty("step-stats-empty");
    auto none = field::sessionStepStats(*empty.cat, empty.session.id, cfg);
    ASSERT_TRUE(none.ok());
    ASSERT_EQ(none->size(), 3u);
    for (const auto& s : *none) {
        EXPECT_EQ(s.views, 0);
        EXPECT_FALSE(s.struggle);
    }
}

}  // namespace
}  // namespace kotsu::test
