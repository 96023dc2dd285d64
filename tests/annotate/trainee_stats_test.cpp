// Per step, how trainees did (issue 13 item 3): a fixed statement set imported into the fixture's
// session, then the editor's model (Workspace::traineeStats) has the expected numbers, reads again
// when another program imports more, and the inspector and step lane show them (a screenshot).
#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include "field/record_file.hpp"
#include "tests/annotate/ui_fixture.hpp"
#include "tests/field/field_support.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

class TraineeStats : public ::testing::Test {
protected:
    void SetUp() override {
        makeSessionLibrary(lib, "annotate-trainee-stats");
        if (HasFatalFailure()) return;
        auto cat = lib.lib.openCatalog();
        ASSERT_TRUE(cat.ok());
        PackageRecord p;
        p.sessionId = lib.session.id;
        p.path = (lib.dir->path() / "pkg").string();
        p.profiles = "tablet";
        p.uid = kUid;
        ASSERT_TRUE(cat->addPackage(p).ok());
        auto ms = cat->markers(lib.session.id);
        ASSERT_TRUE(ms.ok());
        for (const auto& m : *ms)
            if (m.kind == MarkerKind::Step) steps.push_back(m.id);  // 準備 0–4, 仮締め 4–9, 本締め 9–15, 確認 15–19
        ASSERT_EQ(steps.size(), 4u);
    }
    // Each playing: initialized, played, paused, terminated (tests/field/field_support).
    void store(const std::vector<std::pair<Playing, std::string>>& playings) {
        std::vector<nlohmann::json> all;
        for (const auto& [p, segs] : playings)
            for (auto& s : playing(p, segs)) all.push_back(s);
        auto cat = lib.lib.openCatalog();  // another program: `kotsu records import`
        ASSERT_TRUE(cat.ok());
        auto r = field::storeStatements(*cat, all, "fixed");
        ASSERT_TRUE(r.ok()) << r.error().what();
    }
    SessionLibrary lib;
    std::vector<Id> steps;
};

TEST_F(TraineeStats, TheEditorShowsPerStepViewsLoopsAndStruggle) {
    // T1 and T2 watch step 1; T3 only half of it. Both loop step 2 (4 of its 5 s played) again and again.
    store({{{"T1", steps[0], "a1", "2026-11-20", 0}, "0[.]4"},
           {{"T1", steps[1], "a2", "2026-11-20", 10, 5}, "0[.]4"},
           {{"T1", steps[2], "a3", "2026-11-20", 20}, "0[.]6"},
           {{"T2", steps[0], "b1", "2026-11-21", 0}, "0[.]4"},
           {{"T2", steps[1], "b2", "2026-11-21", 10, 4}, "0[.]4"},
           {{"T3", steps[0], "c1", "2026-11-22", 0}, "0[.]2"}});
    auto app = makeApp(lib);
    ASSERT_TRUE(app);
    Workspace* ws = app->workspace();
    const auto& stats = ws->traineeStats();
    ASSERT_EQ(stats.size(), 4u);
    const field::StepStats* s1 = ws->traineeStatsFor(steps[0]);
    ASSERT_NE(s1, nullptr);
    EXPECT_EQ(s1->step.title, "準備");
    EXPECT_EQ(s1->views, 3);
    EXPECT_EQ(s1->trainees, 3);
    EXPECT_EQ(s1->watchedBy, 2);
    EXPECT_NEAR(s1->coverage, (1 + 1 + 0.5) / 3, 1e-6);
    EXPECT_EQ(s1->loopsPerView, 0);
    EXPECT_FALSE(s1->struggle);
    const field::StepStats* s2 = ws->traineeStatsFor(steps[1]);
    ASSERT_NE(s2, nullptr);
    EXPECT_EQ(s2->views, 2);
    EXPECT_EQ(s2->watchedBy, 0) << "4 of 5 s played is under 90 %";
    EXPECT_NEAR(s2->coverage, 0.8, 1e-6);
    EXPECT_NEAR(s2->loopsPerView, 4.5, 1e-6);
    EXPECT_EQ(s2->strugglers, 2) << "both pass followup's struggle-loops (3)";
    EXPECT_TRUE(s2->struggle);
    EXPECT_EQ(ws->traineeStatsFor(steps[2])->views, 1);
    EXPECT_FALSE(ws->traineeStatsFor(steps[2])->struggle);
    EXPECT_EQ(ws->traineeStatsFor(steps[3])->views, 0);

    // More records arrive while the editor is open: it reads them without being asked.
    store({{{"T3", steps[2], "c3", "2026-11-23", 0, 1}, "0[.]6"}});
    app->frame();
    EXPECT_EQ(ws->traineeStatsFor(steps[2])->views, 2);
    EXPECT_NEAR(ws->traineeStatsFor(steps[2])->loopsPerView, 0.5, 1e-6);

    // The inspector on step 2 and the badges in the step lane.
    ws->selectMarker(steps[1]);
    ws->seek(5'000'000);
    for (int i = 0; i < 6; ++i) app->frame();
    app->timeline().thumbnails().loadAll();
    app->frame(3000);
    const auto dir = std::filesystem::path(KOTSU_BINARY_DIR) / "annotate-screenshots";
    std::filesystem::create_directories(dir);
    ASSERT_TRUE(app->screenshot((dir / "trainee-stats-1280x720-ja.png").string()).ok());
}

}  // namespace
}  // namespace kotsu::test
#endif
