// The editor drawn headless at 1280×720 and 1920×1080 with Japanese markers: the images are kept
// in the build tree (annotate-screenshots/) to be looked at, and checked here for not being blank,
// for the viewer showing the playhead's frame, and for the lanes being where the layout puts them.
#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include <stb_image.h>

#include <filesystem>
#include <set>

#include "tests/annotate/ui_fixture.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

class Screenshots : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        lib_ = new SessionLibrary;
        makeSessionLibrary(*lib_, "annotate-ui-shots");
    }
    static void TearDownTestSuite() {
        delete lib_;
        lib_ = nullptr;
    }
    static SessionLibrary* lib_;

    void shoot(int w, int h, const std::string& lang, const std::string& name, bool help = false) {
        auto app = makeApp(*lib_, w, h, lang);
        ASSERT_TRUE(app);
        auto* ws = app->workspace();
        ASSERT_TRUE(ws);
        ws->state().selectedMarker = ws->state().stepAt(10'500'000)->id;  // 本締め, in the inspector
        ws->seek(10'500'000);  // inside the knack marker and a caption
        app->ui().showHelp = help;
        for (int i = 0; i < 6; ++i) app->frame();
        app->timeline().thumbnails().loadAll();
        app->frame(5000);
        const fs::path dir = fs::path(KOTSU_BINARY_DIR) / "annotate-screenshots";
        fs::create_directories(dir);
        const fs::path png = dir / name;
        auto r = app->screenshot(png.string());
        ASSERT_TRUE(r.ok()) << r.error().what();

        int iw = 0, ih = 0, n = 0;
        unsigned char* px = stbi_load(png.c_str(), &iw, &ih, &n, 3);
        ASSERT_NE(px, nullptr);
        EXPECT_EQ(iw, w);
        EXPECT_EQ(ih, h);
        // Not blank: many distinct colours, and both light text and dark panels.
        std::set<unsigned> colours;
        size_t light = 0;
        for (int i = 0; i < iw * ih; i += 7) {
            unsigned c = px[i * 3] << 16 | px[i * 3 + 1] << 8 | px[i * 3 + 2];
            colours.insert(c);
            light += px[i * 3] > 200 && px[i * 3 + 1] > 200 && px[i * 3 + 2] > 200;
        }
        EXPECT_GT(colours.size(), 200u);
        EXPECT_GT(light, 100u);
        stbi_image_free(px);
        if (help) return;  // the key list covers the viewer
        px = stbi_load(png.c_str(), &iw, &ih, &n, 3);
        // The viewer shows the playhead's frame: read the numbered picture off the screenshot.
        EXPECT_EQ(app->viewer().shownFrame(), ws->state().grid.frameAt(ws->state().playhead));
        auto [a, b] = app->viewer().imageRect();
        ASSERT_GT(b.x - a.x, 50);
        int number = 0;
        for (int bit = 0; bit < kNumberBits; ++bit) {
            int x = static_cast<int>(a.x + (2 * bit + 1) * (b.x - a.x) / (2 * kNumberBits));
            int y = static_cast<int>((a.y + b.y) / 2);
            if (px[(y * iw + x) * 3] > 128) number |= 1 << bit;
        }
        EXPECT_EQ(number, ws->state().grid.frameAt(ws->state().playhead));
        // Every lane was laid out inside the window.
        for (const char* lane : {"Picture", "Sound", "Steps", "Knack", "Safety", "Captions", "Suggestions", "Tags"}) {
            auto [la, lb] = app->laneRect(lane);
            EXPECT_GT(lb.y - la.y, 8) << lane;
            EXPECT_LE(lb.y, h) << lane;
        }
        stbi_image_free(px);
    }
};
SessionLibrary* Screenshots::lib_ = nullptr;

TEST_F(Screenshots, JapaneseAt1280x720) { shoot(1280, 720, "ja", "editor-1280x720-ja.png"); }
TEST_F(Screenshots, JapaneseAt1920x1080) { shoot(1920, 1080, "ja", "editor-1920x1080-ja.png"); }
TEST_F(Screenshots, EnglishAt1280x720) { shoot(1280, 720, "en", "editor-1280x720-en.png"); }
TEST_F(Screenshots, KeyBindingsHelpAt1920x1080) { shoot(1920, 1080, "ja", "help-1920x1080-ja.png", true); }

}  // namespace
}  // namespace kotsu::test

namespace kotsu::test {
namespace {

TEST(SessionPicker, WithoutASessionTheEditorOffersTheLibrarysSessions) {
    SessionLibrary lib;
    makeSessionLibrary(lib, "annotate-ui-picker");
    headlessEnvironment();
    annotate::ui::AppOptions o;
    o.library = lib.lib.root.string();
    o.hidden = true;
    auto app = annotate::ui::App::create(o);
    ASSERT_TRUE(app.ok()) << app.error().what();
    auto& a = **app;
    EXPECT_EQ(a.workspace(), nullptr);
    EXPECT_TRUE(a.ui().showPicker);
    a.frame();
    a.frame();
    const auto png = std::filesystem::path(KOTSU_BINARY_DIR) / "annotate-screenshots" / "picker-1280x720-ja.png";
    std::filesystem::create_directories(png.parent_path());
    ASSERT_TRUE(a.screenshot(png.string()).ok());
    // Choosing a session opens it (the same path as a double-click in the list).
    ASSERT_TRUE(a.openSession(lib.session.id).ok());
    a.frame();
    ASSERT_NE(a.workspace(), nullptr);
    EXPECT_EQ(a.workspace()->state().session.title, "フランジ締結 佐藤");
    EXPECT_FALSE(a.ui().showPicker);
}

}  // namespace
}  // namespace kotsu::test
#endif  // KOTSU_HAVE_ANNOTATE_UI

#ifdef KOTSU_HAVE_ANNOTATE_UI
namespace kotsu::test {
namespace {

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

TEST(AnnotateCommandLine, ScreenshotModeRendersFramesSavesThePngAndExitsZero) {
    const auto bin = std::filesystem::path(KOTSU_BINARY_DIR) / "bin" / "kotsu-annotate";
    if (!std::filesystem::exists(bin)) GTEST_SKIP() << "kotsu-annotate is not built in this tree";
    SessionLibrary lib;
    makeSessionLibrary(lib, "annotate-cli-shot");
    const auto png = lib.dir->path() / "shot.png";
    int status = -1;
    run("SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy " + shellQuote(bin.string()) + " --library " +
            shellQuote(lib.lib.root.string()) + " " + shellQuote(lib.session.title) + " --screenshot " +
            shellQuote(png.string()) + " --frames 4 --size 960x600 --seek 2.5 2>&1",
        &status);
    ASSERT_EQ(status, 0);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 3);
    ASSERT_NE(px, nullptr);
    EXPECT_EQ(w, 960);
    EXPECT_EQ(h, 600);
    stbi_image_free(px);
}

TEST(AnnotateCommandLine, KotsuMarkersListReadsWhileTheEditorIsOpen) {
    const auto kotsuBin = std::filesystem::path(KOTSU_BINARY_DIR) / "bin" / "kotsu";
    if (!std::filesystem::exists(kotsuBin)) GTEST_SKIP() << "kotsu is not built in this tree";
    SessionLibrary lib;
    makeSessionLibrary(lib, "annotate-cli-wal");
    auto app = makeApp(lib);
    ASSERT_TRUE(app);
    auto* ws = app->workspace();
    ws->seek(17'500'000);
    app->ui().commands.invoke("kind-tag");
    app->ui().commands.invoke("add-marker");
    app->frame();
    Marker m = *ws->state().marker(ws->state().selectedMarker);
    m.title = "編集中のマーカー";
    ws->post(annotate::editMarker(ws->state(), m));
    app->frame();
    int status = -1;
    std::string out = run(shellQuote(kotsuBin.string()) + " markers --library " + shellQuote(lib.lib.root.string()) + " " +
                              shellQuote(lib.session.title) + " list 2>&1",
                          &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("編集中のマーカー"), std::string::npos) << out;
    app->frame();  // and the editor carries on
}

}  // namespace
}  // namespace kotsu::test
#endif  // KOTSU_HAVE_ANNOTATE_UI
