// The Story panel (issue 10 item 5), headless with simulated keys and mouse: a story made in the panel,
// the selected marker added with one key, rows reordered by dragging, trims, undo on the editor's stack,
// play-through across two sessions, the render job with progress and cancel, and a screenshot.
#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include <stb_image.h>

#include <chrono>
#include <set>
#include <thread>

#include "story/story_service.hpp"
#include "tests/annotate/ui_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;
namespace fs = std::filesystem;

class StoryPanelUi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        lib_ = new SessionLibrary;
        makeSessionLibrary(*lib_, "annotate-story-panel");
        if (::testing::Test::HasFatalFailure()) return;
        // A second session (another veteran's recording): 6 s, no proxy (the viewer plays the original).
        const auto media = lib_->dir->path() / "second.mp4";
        ASSERT_TRUE(demo::synthesize(numberedSpec(6'000'000, 30, 320, 180), media).ok());
        auto cat = lib_->lib.openCatalog();
        ASSERT_TRUE(cat.ok());
        capture::IngestRequest req;
        req.sessionTitle = "ボルト検査 鈴木";
        auto reps = capture::ingest(lib_->lib, *cat, req, {media.string()});
        ASSERT_EQ(reps.size(), 1u);
        ASSERT_TRUE(reps[0].ok) << reps[0].error.what();
        second_ = reps[0].session;
    }
    static void TearDownTestSuite() {
        delete lib_;
        lib_ = nullptr;
    }
    void SetUp() override {
        app = makeAppAtStart(*lib_);
        ASSERT_TRUE(app);
        ws = app->workspace();
        ASSERT_TRUE(ws);
    }
    void TearDown() override { app.reset(); }

    EditorState& st() { return ws->state(); }
    std::vector<StoryItem> stored() { return ws->catalog().storyItems(panel().story().id).value(); }
    ui::StoryPanel& panel() { return app->story(); }
    Id markerTitled(const std::string& title) {
        for (const auto& m : st().markers)
            if (m.title == title) return m.id;
        ADD_FAILURE() << "no marker " << title;
        return 0;
    }
    // A story made in the panel, shown; `title` unique per test (the library is shared by the suite).
    void newStory(const std::string& title, const std::string& templ = "documentary") {
        tapKey(*app, SDLK_F3);
        ASSERT_TRUE(app->ui().showStory);
        auto r = panel().createStory(*ws, title, templ);
        ASSERT_TRUE(r.ok()) << r.error().what();
        ASSERT_NE(panel().story().id, 0);
        app->frame();
    }
    void addMarker(const std::string& title) {
        ws->selectMarker(markerTitled(title));
        tapKey(*app, SDLK_a, KMOD_LSHIFT);  // story-add
    }
    // Frames until `done` or `seconds` pass.
    template <class F>
    bool frameUntil(F done, double seconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (!done()) {
            if (std::chrono::steady_clock::now() > until) return false;
            app->frame();
            ws = app->workspace();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }

    static SessionLibrary* lib_;
    static Session second_;
    std::unique_ptr<ui::App> app;
    Workspace* ws = nullptr;
    bool down_ = false;
};
SessionLibrary* StoryPanelUi::lib_ = nullptr;
Session StoryPanelUi::second_;

TEST_F(StoryPanelUi, TheKeyAddsTheSelectedMarkerAndUndoTakesItBack) {
    newStory("熟練の技 — フランジ締結");
    addMarker("本締め");  // step, 9–15 s
    auto items = stored();
    ASSERT_EQ(items.size(), 1u) << ws->status();
    EXPECT_EQ(items[0].sessionId, st().session.id);
    EXPECT_EQ(items[0].in, 9'000'000);
    EXPECT_EQ(items[0].out, 15'000'000);
    EXPECT_EQ(items[0].text, "本締め");
    addMarker("音が変わる瞬間");  // a knack marker: the knack beat
    items = stored();
    ASSERT_EQ(items.size(), 2u) << ws->status();
    EXPECT_EQ(items[1].beat, "knack");
    EXPECT_EQ(panel().items().size(), 2u) << "the panel shows what the catalog holds";
    // The in/out marks win over the selected marker, and are used up.
    st().markIn = 1'000'000;
    st().markOut = 2'500'000;
    tapKey(*app, SDLK_a, KMOD_LSHIFT);
    items = stored();
    ASSERT_EQ(items.size(), 3u) << ws->status();
    EXPECT_EQ(items.back().in, 1'000'000);
    EXPECT_EQ(items.back().out, 2'500'000);
    EXPECT_FALSE(st().markIn.has_value());
    // A tag is a point: refused with the CLI's words, nothing added.
    addMarker("良い例");
    EXPECT_EQ(stored().size(), 3u);
    EXPECT_NE(ws->status().find("is a point"), std::string::npos) << ws->status();

    EXPECT_EQ(ws->stack().log(), (std::vector<std::string>{"story-add", "story-add", "story-add"}));
    tapKey(*app, SDLK_z, KMOD_LCTRL);
    EXPECT_EQ(stored().size(), 2u);
    tapKey(*app, SDLK_z, KMOD_LCTRL);
    ASSERT_EQ(stored().size(), 1u);
    EXPECT_EQ(panel().items().size(), 1u);
    tapKey(*app, SDLK_y, KMOD_LCTRL);
    items = stored();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].beat, "knack");
}

TEST_F(StoryPanelUi, DraggingARowReordersTheStoryAndUndoPutsItBack) {
    newStory("並べ替え", "blank");
    addMarker("準備");
    addMarker("仮締め");
    addMarker("確認");
    auto before = stored();
    ASSERT_EQ(before.size(), 3u) << ws->status();
    for (int i = 0; i < 3; ++i) app->frame();
    auto from = panel().rowRect(before[2].id), to = panel().rowRect(before[0].id);
    ASSERT_TRUE(from && to);
    const float x = (from->first.x + from->second.x) / 2, y0 = (from->first.y + from->second.y) / 2,
                y1 = (to->first.y + to->second.y) / 2;
    app->simulateMouse(x, y0, false);
    app->frame();
    app->simulateMouse(x, y0, true);
    app->frame();
    for (int i = 1; i <= 10; ++i) {
        app->simulateMouse(x, y0 + (y1 - y0) * i / 10, true);
        app->frame();
    }
    app->simulateMouse(x, y1, false);
    app->frame();
    app->frame();
    auto after = stored();
    ASSERT_EQ(after.size(), 3u);
    EXPECT_EQ(after[0].id, before[2].id) << "確認 dragged to the top; " << ws->status();
    EXPECT_EQ(after[1].id, before[0].id);
    EXPECT_EQ(after[2].id, before[1].id);
    EXPECT_EQ(ws->stack().undoName(), "story-move");
    ws->undo();
    app->frame();
    after = stored();
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(after[i].id, before[i].id);
}

TEST_F(StoryPanelUi, TrimChangesTheRangeAndARangeOutsideTheMediaIsRefused) {
    newStory("トリム", "blank");
    addMarker("仮締め");  // 4–9 s
    ASSERT_EQ(stored().size(), 1u);
    const Id id = stored()[0].id;
    panel().trimItem(*ws, id, 4'500'000, 8'000'000);
    app->frame();
    EXPECT_EQ(stored()[0].in, 4'500'000);
    EXPECT_EQ(stored()[0].out, 8'000'000);
    panel().trimItem(*ws, id, 4'500'000, 25'000'000);  // the session is 20 s long
    app->frame();
    EXPECT_EQ(stored()[0].out, 8'000'000);
    EXPECT_NE(ws->status().find("is outside the media"), std::string::npos) << ws->status();
    // The panel's "Out at playhead": the playhead of the open session.
    panel().selectItem(id);
    ws->seek(6'000'000);
    app->frame();
    panel().trimItem(*ws, id, stored()[0].in, st().playhead);
    app->frame();
    EXPECT_EQ(stored()[0].out, 6'000'000);
    ws->undo();
    app->frame();
    EXPECT_EQ(stored()[0].out, 8'000'000);
    panel().removeItem(*ws, id);
    app->frame();
    EXPECT_TRUE(stored().empty());
}

TEST_F(StoryPanelUi, AnotherProgramsEditReloadsTheStoryAndDropsItsUndo) {
    newStory("外部編集", "blank");
    addMarker("準備");
    ASSERT_EQ(stored().size(), 1u);
    ASSERT_TRUE(ws->stack().canUndo());
    {
        auto cat = lib_->lib.openCatalog();  // another program (kotsu story … add)
        ASSERT_TRUE(cat.ok());
        story::StoryService svc(*cat, panel().story());
        story::ClipRequest r;
        r.sessionId = second_.id;
        r.in = 0;
        r.out = 1'000'000;
        ASSERT_TRUE(svc.addClip(r).ok());
    }
    app->frame();
    app->frame();
    EXPECT_EQ(panel().items().size(), 2u);
    EXPECT_FALSE(ws->stack().canUndo()) << "an undo would write over the other program's edit";
}

TEST_F(StoryPanelUi, PlayingTheStoryMovesAcrossSessionsAtEachOutPoint) {
    newStory("通し再生", "blank");
    st().markIn = 2'000'000;
    st().markOut = 3'000'000;
    tapKey(*app, SDLK_a, KMOD_LSHIFT);
    {
        auto cat = lib_->lib.openCatalog();  // as `kotsu story STORY add` would: the panel reloads
        ASSERT_TRUE(cat.ok());
        story::StoryService svc(*cat, panel().story());
        story::ClipRequest r;
        r.sessionId = second_.id;
        r.in = 1'000'000;
        r.out = 2'000'000;
        ASSERT_TRUE(svc.addClip(r).ok());
    }
    app->frame();
    ASSERT_EQ(panel().items().size(), 2u) << ws->status();
    const Id first = st().session.id;
    tapKey(*app, SDLK_p, KMOD_LSHIFT);  // story-play
    ASSERT_TRUE(panel().playback().active());
    EXPECT_EQ(panel().playback().index(), 0);
    app->frame();
    EXPECT_EQ(st().session.id, first);
    EXPECT_GE(st().playhead, 2'000'000);
    EXPECT_LT(st().playhead, 3'000'000);
    EXPECT_TRUE(ws->transport().playing());
    // Past the first item's out point: the second session is open and plays from 1.0 s.
    ASSERT_TRUE(frameUntil([&] { return app->workspace()->state().session.id == second_.id; }, 8)) << ws->status();
    ws = app->workspace();
    app->frame();
    EXPECT_EQ(panel().playback().index(), 1);
    EXPECT_GE(st().playhead, 1'000'000);
    EXPECT_LT(st().playhead, 2'000'000);
    // And at its out point the story ends, paused on the item's last frame (however late the UI frame
    // that noticed it: a software-rendered frame on a loaded machine can take 0.3 s).
    ASSERT_TRUE(frameUntil([&] { return !panel().playback().active(); }, 8));
    EXPECT_FALSE(ws->transport().playing());
    EXPECT_EQ(st().playhead, st().grid.step(2'000'000, -1));
}

TEST_F(StoryPanelUi, RenderRunsInTheBackgroundAndCanBeCancelled) {
    // A small film (320×180, 15 fps) so the render takes a moment.
    Story s;
    s.title = "小さな書き出し";
    s.width = 320;
    s.height = 180;
    s.fps = Rational{15, 1};
    auto created = ws->catalog().createStory(s, {});
    ASSERT_TRUE(created.ok()) << created.error().what();
    app->ui().showStory = true;
    panel().selectStory(*ws, created->id);
    st().markIn = 1'000'000;
    st().markOut = 2'000'000;
    panel().addSelection(*ws);
    app->frame();
    ASSERT_EQ(stored().size(), 1u) << ws->status();
    const fs::path out = lib_->dir->path() / "renders" / "small.mp4";
    panel().startRender(*ws, out);
    ASSERT_NE(panel().renderJob(), nullptr);
    EXPECT_TRUE(app->busy()) << "a render keeps the editor drawing its progress";
    ASSERT_TRUE(frameUntil([&] { return panel().renderJob() == nullptr; }, 120));
    EXPECT_EQ(panel().renderResult(), "story: " + out.string());
    ASSERT_TRUE(fs::exists(out));
    EXPECT_GT(fs::file_size(out), 1000u);

    // Longer, cancelled at once: nothing written, the editor says so.
    for (int i = 0; i < 4; ++i) {
        st().markIn = 1'000'000;
        st().markOut = 18'000'000;
        panel().addSelection(*ws);
        app->frame();
    }
    const fs::path big = lib_->dir->path() / "renders" / "cancelled.mp4";
    panel().startRender(*ws, big);
    app->frame();
    panel().cancelRender();
    ASSERT_TRUE(frameUntil([&] { return panel().renderJob() == nullptr; }, 60));
    EXPECT_EQ(panel().renderResult(), "story render cancelled");
    EXPECT_FALSE(fs::exists(big));
    for (const auto& e : fs::directory_iterator(out.parent_path()))
        EXPECT_TRUE(e.path() == out) << "left behind: " << e.path();
}

TEST_F(StoryPanelUi, ScreenshotOfThePanelInJapanese) {
    newStory("熟練の技 — 画面");
    addMarker("準備");
    addMarker("音が変わる瞬間");
    addMarker("確認");
    {
        auto cat = lib_->lib.openCatalog();
        ASSERT_TRUE(cat.ok());
        story::StoryService svc(*cat, panel().story());
        ASSERT_TRUE(svc.addTitle({.text = "熟練の技", .sub = "フランジ締結 32年"}).ok());
    }
    app->frame();
    ASSERT_EQ(panel().items().size(), 4u);
    panel().selectItem(panel().items()[1].id);
    for (int i = 0; i < 12; ++i) app->frame();  // thumbnails load a few a frame
    app->frame(3000);
    const fs::path dir = fs::path(KOTSU_BINARY_DIR) / "annotate-screenshots";
    fs::create_directories(dir);
    const fs::path png = dir / "story-1280x720-ja.png";
    ASSERT_TRUE(app->screenshot(png.string()).ok());
    for (const auto& it : panel().items()) {
        auto r = panel().rowRect(it.id);
        ASSERT_TRUE(r.has_value()) << it.text;
        EXPECT_GT(r->second.y - r->first.y, 20);
        EXPECT_LE(r->second.y, 720);
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 3);
    ASSERT_NE(px, nullptr);
    // The knack row's thumbnail (10 s: frame 300, a pattern of bars) is a picture, not the empty grey box.
    auto r = *panel().rowRect(panel().items()[1].id);
    std::set<unsigned> colours;
    for (int y = static_cast<int>(r.first.y) + 2; y < static_cast<int>(r.second.y) - 2; ++y)
        for (int x = static_cast<int>(r.first.x) + 2; x < static_cast<int>(r.first.x) + 40; ++x)
            colours.insert(px[(y * w + x) * 3] << 16 | px[(y * w + x) * 3 + 1] << 8 | px[(y * w + x) * 3 + 2]);
    EXPECT_GT(colours.size(), 2u);
    stbi_image_free(px);
}

}  // namespace
}  // namespace kotsu::test
#endif
