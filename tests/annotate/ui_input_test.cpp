// Frames run headless with simulated input; the assertions are on the commands produced (the
// command table's log for keys, menus and buttons; the command stack's log for edits) and on
// what reached the catalog.
#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include <chrono>
#include <ctime>
#include <thread>

#include "tests/annotate/ui_fixture.hpp"
#include "tests/cli/cli_support.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

class EditorUi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        lib_ = new SessionLibrary;
        makeSessionLibrary(*lib_, "annotate-ui-input");
    }
    static void TearDownTestSuite() {
        delete lib_;
        lib_ = nullptr;
    }
    void SetUp() override {
        app = makeAppAtStart(*lib_);  // the previous test's view was kept for this library: start from the top
        ASSERT_TRUE(app);
        ws = app->workspace();
        ASSERT_TRUE(ws);
    }
    void TearDown() override {
        // Leave the shared session as it was for the next test.
        if (ws) {
            while (ws->stack().canUndo()) ASSERT_TRUE(ws->stack().undo().ok());
        }
        app.reset();
    }
    EditorState& st() { return ws->state(); }
    bool down_ = false;
    void mouse(float x, float y) { app->simulateMouse(x, y, down_); }
    void button(float x, float y, bool down) {
        down_ = down;
        app->simulateMouse(x, y, down);
    }
    std::vector<Marker> stored() { return ws->catalog().markers(st().session.id).value(); }

    static SessionLibrary* lib_;
    std::unique_ptr<ui::App> app;
    Workspace* ws = nullptr;
};
SessionLibrary* EditorUi::lib_ = nullptr;

TEST_F(EditorUi, AnIdleEditorWaitsForInputAndDrawsWhenItComes) {
    app->frame(2000);      // the first picture is shown
    (void)app->run(0, 0.5);  // and whatever settles after it
    const std::clock_t c0 = std::clock();
    const int idle = app->run(0, 1.5);
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    EXPECT_LE(idle, 1) << "frames drawn in 1.5 s with nothing happening";
    EXPECT_LT(cpu, 0.1) << "CPU seconds used in 1.5 s of idling (all of the editor's threads)";
    pushKey(SDLK_RIGHT);
    pushKey(SDLK_RIGHT, KMOD_NONE, false);
    // The window is generous: on a loaded CI machine one software-rendered frame can take a few
    // hundred milliseconds; what matters is that input wakes the editor and it keeps drawing.
    EXPECT_GE(app->run(0, 3.0), 2) << "input wakes the editor and it draws the frames after it";
}

TEST_F(EditorUi, KeysRunTheirCommandsFromTheKeymap) {
    tapKey(*app, SDLK_RIGHT);
    tapKey(*app, SDLK_RIGHT);
    EXPECT_EQ(st().playhead, st().grid.timeOf(2));
    tapKey(*app, SDLK_RIGHT, KMOD_LSHIFT);
    EXPECT_EQ(st().grid.frameAt(st().playhead), 32);
    // K held, then L: one frame forward (the NLE shuttle convention); K held, J: one back.
    pushKey(SDLK_k);
    app->frame();
    tapKey(*app, SDLK_l);
    tapKey(*app, SDLK_l);
    tapKey(*app, SDLK_j);
    pushKey(SDLK_k, KMOD_NONE, false);
    app->frame();
    EXPECT_EQ(st().grid.frameAt(st().playhead), 33);
    tapKey(*app, SDLK_END);
    EXPECT_EQ(st().playhead, st().lastFrame());
    tapKey(*app, SDLK_HOME);
    EXPECT_EQ(st().playhead, 0);
    tapKey(*app, SDLK_F1);
    EXPECT_TRUE(app->ui().showHelp);
    const auto& log = app->ui().commands.log();
    EXPECT_EQ(log, (std::vector<std::string>{"frame-forward", "frame-forward", "forward-1s", "pause", "frame-forward",
                                             "frame-forward", "frame-back", "go-end", "go-start", "show-help"}));
}

TEST_F(EditorUi, MAddsAMarkerWhilePlayingWithoutStopping) {
    app->ui().commands.invoke("kind-tag");
    tapKey(*app, SDLK_SPACE);
    EXPECT_TRUE(ws->transport().playing());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    app->frame();
    const Micros before = st().playhead;
    EXPECT_GT(before, 0);
    tapKey(*app, SDLK_m);
    EXPECT_TRUE(ws->transport().playing());
    ASSERT_EQ(ws->stack().log().back(), "add-marker");
    const Marker* m = st().marker(st().selectedMarker);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->kind, MarkerKind::Tag);
    EXPECT_GE(m->in, before);
    EXPECT_EQ(m->in, st().grid.snap(m->in));  // on a frame
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    app->frame();
    EXPECT_GT(st().playhead, m->in);  // still playing
    tapKey(*app, SDLK_k);
    EXPECT_FALSE(ws->transport().playing());
    // Undo and redo from the keyboard, and the catalog follows.
    const size_t n = stored().size();
    tapKey(*app, SDLK_z, KMOD_LCTRL);
    EXPECT_EQ(stored().size(), n - 1);
    tapKey(*app, SDLK_z, KMOD_LCTRL | KMOD_LSHIFT);
    EXPECT_EQ(stored().size(), n);
    EXPECT_EQ(ws->stack().log(), (std::vector<std::string>{"add-marker", "undo:add-marker", "redo:add-marker"}));
}

TEST_F(EditorUi, AMarkerAddedByTheCliShowsOnTheNextFrameAndTheEditorsEditsKeepIt) {
    app->ui().commands.invoke("kind-tag");
    app->ui().commands.invoke("add-marker");  // a tag at 0, the editor's
    app->frame();
    ASSERT_TRUE(ws->stack().canUndo());
    auto r = kotsuCli("markers " + std::to_string(st().session.id) + " add --kind tag --in 3 --title 外から --library '" +
                          lib_->lib.root.string() + "'",
                      lib_->lib.root);
    ASSERT_EQ(r.code, 0) << r.err;
    app->frame();  // Workspace::tick polls the catalog
    Id fromCli = 0;
    for (const auto& m : st().markers)
        if (m.title == "外から") fromCli = m.id;
    ASSERT_NE(fromCli, 0);
    EXPECT_NE(ws->status().find("reloaded"), std::string::npos) << ws->status();
    EXPECT_TRUE(ws->stack().canUndo()) << "the CLI touched none of the editor's rows";
    ASSERT_TRUE(ws->stack().undo().ok());  // the editor's tag goes, the CLI's stays
    EXPECT_EQ(stored().size(), st().markers.size());
    EXPECT_NE(st().marker(fromCli), nullptr);
    // Leave the shared session as it was.
    ws->post(removeMarker(st(), fromCli));
    app->frame();
}

TEST_F(EditorUi, AReopenedEditorComesBackToTheSameFrameAndEdits) {
    ws->seek(7'033'333);
    app->ui().commands.invoke("kind-tag");
    app->ui().commands.invoke("add-marker");
    app->frame();
    const size_t n = st().markers.size();
    app.reset();  // closing (a kill is covered by the Persistence tests for the edits)
    app = makeApp(*lib_);
    ASSERT_TRUE(app);
    ws = app->workspace();
    EXPECT_EQ(st().playhead, 7'033'333);
    EXPECT_EQ(st().markers.size(), n);
    ASSERT_NE(st().marker(st().selectedMarker), nullptr);
    EXPECT_EQ(st().marker(st().selectedMarker)->kind, MarkerKind::Tag);
    // Clean up for the next test (its undo stack is gone with the old editor).
    ws->post(removeMarker(st(), st().selectedMarker));
    app->frame();
}

TEST_F(EditorUi, JLShuttleDoublesTheSpeed) {
    ws->seek(10'000'000);  // room to shuttle both ways
    tapKey(*app, SDLK_l);
    EXPECT_EQ(ws->transport().rate(), 1);
    tapKey(*app, SDLK_l);
    tapKey(*app, SDLK_l);
    EXPECT_EQ(ws->transport().rate(), 4);
    tapKey(*app, SDLK_j);
    EXPECT_EQ(ws->transport().rate(), -1);
    tapKey(*app, SDLK_k);
    EXPECT_EQ(ws->transport().rate(), 0);
}

TEST_F(EditorUi, DraggingAStepEdgeIsOneTrimCommandThatSnaps) {
    // Step 2 (仮締め) ends at 9.0 s; the knack starts at 10.0 s. Drag its out edge to 9.97 s: it snaps to 10.0.
    const Marker* step2 = st().stepAt(5'000'000);
    ASSERT_NE(step2, nullptr);
    const Id id = step2->id;
    // Make room: step 3 starts at 9 s, so shorten step 2 first by keyboard (one frame) and undo it after.
    auto [a, b] = app->laneRect("Steps");
    ASSERT_GT(b.x, a.x);
    auto& view = app->timeline().view();
    const float y = (a.y + b.y) / 2;
    // Move step 4 (確認, 15–19 s) by its body two seconds later: one move-marker command.
    const Marker* step4 = st().stepAt(16'000'000);
    ASSERT_NE(step4, nullptr);
    const Id id4 = step4->id;
    float x = view.toX(16'000'000);
    mouse(x, y);
    app->frame();
    button(x, y, true);
    app->frame();
    for (int i = 1; i <= 10; ++i) {
        mouse(x + i * (view.toX(16'500'000) - x) / 10, y);
        app->frame();
    }
    button(view.toX(16'500'000), y, false);
    app->frame();
    app->frame();
    ASSERT_EQ(ws->stack().log(), std::vector<std::string>{"move-marker"}) << ws->status();
    EXPECT_EQ(st().marker(id4)->in, 15'500'000);
    EXPECT_EQ(st().marker(id4)->out, 19'500'000);
    // Trim the out edge of step 4 towards the end; it snaps to the pause suggestion at 17.5 s... no: drag the
    // in edge of step 4 back to 15.02 s and it snaps to step 3's out at 15.0 s.
    float xin = view.toX(15'500'000);
    mouse(xin + 1, y);
    app->frame();
    button(xin + 1, y, true);
    app->frame();
    const float target = view.toX(15'020'000);
    for (int i = 1; i <= 6; ++i) {
        mouse(xin + i * (target - xin) / 6, y);
        app->frame();
    }
    button(target, y, false);
    app->frame();
    app->frame();
    ASSERT_EQ(ws->stack().log(), (std::vector<std::string>{"move-marker", "trim-marker"})) << ws->status();
    EXPECT_EQ(st().marker(id4)->in, 15'000'000);
    EXPECT_EQ(st().marker(id4)->out, 19'500'000);
    EXPECT_EQ(stored().size(), st().markers.size());
    (void)id;
}

TEST_F(EditorUi, JapaneseTextFromTheImeBecomesOneEdit) {
    const Marker* step = st().stepAt(10'000'000);
    ASSERT_NE(step, nullptr);
    const Id id = step->id;
    st().selectedMarker = id;
    app->focusInspectorTitle();
    app->frame();
    app->frame();
    pushText("本締め：ゆっくり");  // what an IME commits, as SDL_TEXTINPUT (focus selected the old title)
    app->frame();
    tapKey(*app, SDLK_RETURN);
    app->frame();
    ASSERT_EQ(ws->stack().log(), std::vector<std::string>{"edit-marker"}) << ws->status();
    EXPECT_EQ(st().marker(id)->title, "本締め：ゆっくり");
    auto back = stored();
    auto it = std::find_if(back.begin(), back.end(), [&](const Marker& m) { return m.id == id; });
    ASSERT_NE(it, back.end());
    EXPECT_EQ(it->title, "本締め：ゆっくり");
    // Keys typed into a field are text, not shortcuts: nothing else ran.
    EXPECT_TRUE(app->ui().commands.log().empty());
}

TEST_F(EditorUi, SuggestionsAreSteppedAcceptedAndDismissedFromTheKeyboard) {
    tapKey(*app, SDLK_n);
    EXPECT_EQ(st().playhead, st().grid.snap(4'100'000));
    tapKey(*app, SDLK_a);  // 4.1 s falls in step 2 (4–9 s): it is split there
    tapKey(*app, SDLK_n);
    EXPECT_EQ(st().playhead, 13'000'000);
    tapKey(*app, SDLK_d);
    EXPECT_EQ(ws->stack().log(), (std::vector<std::string>{"accept-suggestion", "dismiss-suggestion"}));
    auto sg = ws->catalog().suggestions(st().session.id).value();
    EXPECT_EQ(sg[0].state, "accepted");
    EXPECT_EQ(sg[1].state, "dismissed");
    EXPECT_NE(st().stepAt(4'100'000)->in, 4'000'000);
    EXPECT_EQ(st().stepAt(4'100'000)->in, st().grid.snap(4'100'000));
}

TEST_F(EditorUi, CaptionsFollowThePlayheadAndExportImportRoundTrips) {
    ws->seek(13'000'000);
    app->frame();
    tapKey(*app, SDLK_c);  // a cue at 13 s
    ws->seek(14'000'000);
    tapKey(*app, SDLK_e);  // ends at 14 s
    EXPECT_EQ(ws->stack().log(), (std::vector<std::string>{"add-cue", "set-cue-end"}));
    ASSERT_NE(st().cueAt(13'500'000), nullptr);
    EXPECT_EQ(st().cueAt(13'500'000)->end, 14'000'000);
    const std::string file = (lib_->dir->path() / "out.srt").string();
    ASSERT_TRUE(ui::CaptionsPanel::exportFile(*ws, file).ok());
    ASSERT_TRUE(ui::CaptionsPanel::importFile(*ws, file).ok());
    app->frame();
    EXPECT_EQ(ws->stack().log().back(), "import-captions");
    EXPECT_EQ(st().cues.size(), 4u);
    EXPECT_EQ(st().cues[2].text, "音が変わったら止める\n締めすぎ注意");
}

TEST_F(EditorUi, PackagingRunsInTheBackgroundAndCanBeCancelled) {
    ui::PackageRequest req;
    req.out = (lib_->dir->path() / "pkg").string();
    req.glasses = false;
    app->packager().start(*ws, req);
    ASSERT_NE(app->packager().job(), nullptr);
    // The UI keeps drawing frames (and taking edits) while the job runs.
    auto t0 = std::chrono::steady_clock::now();
    int frames = 0;
    for (; frames < 10 && app->packager().job(); ++frames) {
        tapKey(*app, SDLK_RIGHT);
    }
    auto perFrame = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / (frames * 2);
    EXPECT_LT(perFrame, 250.0);
    app->packager().cancel();
    for (int i = 0; i < 600 && app->packager().job(); ++i) {
        app->frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(app->packager().job(), nullptr);
    EXPECT_FALSE(app->packager().result().empty());
    EXPECT_FALSE(cancelRequested());  // the job's own token: the process (and the proxy) carry on
}

}  // namespace
}  // namespace kotsu::test
#endif  // KOTSU_HAVE_ANNOTATE_UI
