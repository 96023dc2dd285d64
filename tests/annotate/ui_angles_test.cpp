// The editor with two cameras, headless: Alt+2 switches the viewer to the hand camera at the same
// session time (the picture read off the screenshot is the hand camera's frame for that time), the
// switcher sits above the picture, and the screenshot is kept (annotate-screenshots/angles-*.png).
#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include <stb_image.h>

#include <algorithm>
#include <filesystem>

#include "tests/annotate/ui_fixture.hpp"
#include "tests/support/two_cameras.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

// The number the numbered picture in the viewer shows, read off the screenshot.
int numberOnScreen(const fs::path& png, std::pair<ImVec2, ImVec2> rect) {
    int iw = 0, ih = 0, n = 0;
    unsigned char* px = stbi_load(png.c_str(), &iw, &ih, &n, 3);
    if (!px) return -1;
    auto [a, b] = rect;
    int number = 0;
    for (int bit = 0; bit < kNumberBits; ++bit) {
        int x = static_cast<int>(a.x + (2 * bit + 1) * (b.x - a.x) / (2 * kNumberBits));
        int y = static_cast<int>((a.y + b.y) / 2);
        if (px[(y * iw + x) * 3] > 128) number |= 1 << bit;
    }
    stbi_image_free(px);
    return number;
}

TEST(UiAngles, AltTwoShowsTheHandCameraAtThePlayheadAndBackWithAltOne) {
    TwoCameras cams;
    makeTwoCameras(cams, "annotate-ui-angles");
    if (::testing::Test::HasFatalFailure()) return;
    {
        auto cat = cams.lib.openCatalog();
        ASSERT_TRUE(cat.ok());
        Marker m;
        m.kind = MarkerKind::Step;
        m.in = 1'500'000;
        m.out = 2'500'000;
        m.title = "本締め";
        m.note = "手元で最後の1/4回転";
        m.angle = "handcam";
        ASSERT_TRUE(cat->replaceMarkers(cams.session.id, {m}).ok());
    }
    headlessEnvironment();
    annotate::ui::AppOptions o;
    o.library = cams.lib.root.string();
    o.session = std::to_string(cams.session.id);
    o.width = 1280;
    o.height = 720;
    o.lang = "ja";
    o.hidden = true;
    auto made = annotate::ui::App::create(o);
    ASSERT_TRUE(made.ok()) << made.error().what();
    auto& app = **made;
    auto* ws = app.workspace();
    ASSERT_TRUE(ws);
    ws->cancelProxy();
    ASSERT_EQ(ws->angles().size(), 2u);
    ws->state().selectedMarker = ws->state().markers.front().id;
    ws->seek(2'000'000);
    for (int i = 0; i < 4; ++i) app.frame();

    tapKey(app, SDLK_2, KMOD_LALT);
    EXPECT_EQ(ws->angleName(), "handcam");
    const auto& log = app.ui().commands.log();
    EXPECT_NE(std::find(log.begin(), log.end(), "angle-2"), log.end());
    EXPECT_EQ(ws->state().playhead, 2'000'000) << "no jump in time";
    for (int i = 0; i < 4; ++i) app.frame();
    app.frame(5000);

    const fs::path dir = fs::path(KOTSU_BINARY_DIR) / "annotate-screenshots";
    fs::create_directories(dir);
    const fs::path png = dir / "angles-ja-1280.png";
    ASSERT_TRUE(app.screenshot(png.string()).ok());
    // Session 2.0 s is 1.0 s into the hand camera: its frame 30.
    EXPECT_EQ(numberOnScreen(png, app.viewer().imageRect()), kHandNumberBase + 30);

    tapKey(app, SDLK_1, KMOD_LALT);
    EXPECT_EQ(ws->angleName(), "main");
    for (int i = 0; i < 4; ++i) app.frame();
    app.frame(5000);
    const fs::path back = dir / "angles-main-ja-1280.png";
    ASSERT_TRUE(app.screenshot(back.string()).ok());
    EXPECT_EQ(numberOnScreen(back, app.viewer().imageRect()), 60);
}

}  // namespace
}  // namespace kotsu::test
#endif
