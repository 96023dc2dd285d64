#pragma once
// A library with one numbered 20 s session (media_fixture.hpp), Japanese steps, knack, safety and
// tag markers, Japanese captions and three open suggestions; the proxy made when this build can.
// And the headless App around it (SDL offscreen, dummy audio) with helpers that feed it input.
#include <SDL.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <memory>

#include "annotate/media_files.hpp"
#include "annotate/ui/app.hpp"
#include "capture/ingest.hpp"
#include "core/library.hpp"
#include "tests/annotate/media_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {

struct SessionLibrary {
    std::unique_ptr<ScratchDir> dir;
    Library lib;
    Session session;
    Asset asset;
};

inline Marker mk(MarkerKind k, Micros in, Micros out, std::string title, std::string note = {}, std::string warning = {}) {
    Marker m;
    m.kind = k;
    m.in = in;
    m.out = out;
    m.title = std::move(title);
    m.note = std::move(note);
    m.warning = std::move(warning);
    return m;
}

inline void buildSessionLibrary(SessionLibrary& out, const std::filesystem::path& root, Micros duration) {
    auto lib = Library::init(root);
    ASSERT_TRUE(lib.ok()) << lib.error().what();
    out.lib = *lib;
    const auto media = root / "numbered.mp4";
    auto spec = numberedSpec(duration, 30, 640, 360);
    ASSERT_TRUE(demo::synthesize(spec, media).ok());
    auto cat = out.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    capture::IngestRequest req;
    req.sessionTitle = "フランジ締結 佐藤";
    req.worker = "佐藤";
    req.task = "フランジ組立";
    auto reps = capture::ingest(out.lib, *cat, req, {media.string()});
    ASSERT_EQ(reps.size(), 1u);
    ASSERT_TRUE(reps[0].ok) << reps[0].error.what();
    out.session = reps[0].session;
    out.asset = reps[0].asset;
    std::vector<Marker> ms{
        mk(MarkerKind::Step, 0, 4'000'000, "準備", "工具と部品をそろえる"),
        mk(MarkerKind::Step, 4'000'000, 9'000'000, "仮締め", "対角の順に手で回す"),
        mk(MarkerKind::Step, 9'000'000, 15'000'000, "本締め", "最後の1/4回転で音が「カチッ」と変わる", "手袋を巻き込まない"),
        mk(MarkerKind::Step, 15'000'000, 19'000'000, "確認", "合いマークを見る"),
        mk(MarkerKind::Knack, 10'000'000, 12'000'000, "音が変わる瞬間", "高い音から低い音へ"),
        mk(MarkerKind::Safety, 5'000'000, 6'500'000, "指を挟まない"),
        mk(MarkerKind::Tag, 17'000'000, 17'000'000, "良い例"),
    };
    ASSERT_TRUE(cat->replaceMarkers(out.session.id, ms).ok());
    ASSERT_TRUE(cat->replaceCues(out.session.id, "ja",
                                 {Cue{0, 500'000, 3'000'000, "まず工具をそろえます"},
                                  Cue{0, 4'200'000, 7'000'000, "ボルトは対角の順に"},
                                  Cue{0, 9'500'000, 12'000'000, "音が変わったら止める\n締めすぎ注意"}})
                    .ok());
    ASSERT_TRUE(cat->replaceOpenSuggestions(out.session.id,
                                            {Suggestion{0, out.session.id, 4'100'000, 0.92, "cut", "open"},
                                             Suggestion{0, out.session.id, 13'000'000, 0.55, "activity", "open"},
                                             Suggestion{0, out.session.id, 17'500'000, 0.35, "pause", "open"}})
                    .ok());
    if (annotate::canMakeProxy()) {
        Progress p("proxy", out.asset.probe.duration, false);
        auto r = annotate::makeProxy(out.lib, out.asset, p, CancelToken::detached());
        ASSERT_TRUE(r.ok()) << r.error().what();
    }
}

// The library is made once per build tree (the proxy pass is the slow part) and copied for each test
// process: ctest runs every test in its own process, and each test then edits its own copy.
inline void makeSessionLibrary(SessionLibrary& out, const std::string& name, Micros duration = 20'000'000) {
    namespace fs = std::filesystem;
    out.dir = std::make_unique<ScratchDir>(name);
    const fs::path cache = fs::path(KOTSU_BINARY_DIR) / "test-fixtures" /
                           ("annotate-session-v1-" + std::to_string(duration / 1000) + (annotate::canMakeProxy() ? "-proxy" : ""));
    if (!fs::exists(cache / "ready")) {
        const fs::path tmp = cache.string() + ".tmp-" + std::to_string(::getpid());
        fs::remove_all(tmp);
        SessionLibrary built;
        buildSessionLibrary(built, tmp, duration);
        if (::testing::Test::HasFatalFailure()) return;
        std::ofstream(tmp / "ready") << "ok\n";
        std::error_code ec;
        fs::rename(tmp, cache, ec);  // another process may have won the race: theirs is as good
        if (ec) fs::remove_all(tmp, ec);
    }
    fs::copy(cache, out.dir->path() / "lib", fs::copy_options::recursive);
    out.lib = Library{out.dir->path() / "lib"};
    auto cat = out.lib.openCatalog();
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    auto s = cat->findSession("フランジ締結 佐藤");
    ASSERT_TRUE(s.ok() && s->has_value());
    out.session = **s;
    auto assets = cat->assets(out.session.id);
    ASSERT_TRUE(assets.ok() && !assets->empty());
    out.asset = assets->front();
}

// Headless: SDL's offscreen driver (EGL, no X server) unless a display is there; no sound card.
inline void headlessEnvironment() {
    if (!std::getenv("DISPLAY")) ::setenv("SDL_VIDEODRIVER", "offscreen", 0);
    ::setenv("SDL_AUDIODRIVER", "dummy", 0);
}

inline std::unique_ptr<annotate::ui::App> makeApp(const SessionLibrary& sl, int w = 1280, int h = 720,
                                                  const std::string& lang = "ja") {
    headlessEnvironment();
    annotate::ui::AppOptions o;
    o.library = sl.lib.root.string();
    o.session = std::to_string(sl.session.id);
    o.width = w;
    o.height = h;
    o.lang = lang;
    o.hidden = true;
    auto app = annotate::ui::App::create(o);
    EXPECT_TRUE(app.ok()) << app.error().what();
    return app.ok() ? std::move(app).value() : nullptr;
}

// The editor on the library's session with the playhead at the start and nothing selected (the view a
// previous test left in the shared library is put back), one frame drawn.
inline std::unique_ptr<annotate::ui::App> makeAppAtStart(const SessionLibrary& sl) {
    auto app = makeApp(sl);
    if (!app || !app->workspace()) return app;
    app->workspace()->seek(0);
    app->workspace()->state().selectedMarker = 0;
    app->frame();
    return app;
}

// Input as SDL delivers it.
inline void pushKey(SDL_Keycode key, Uint16 mods = KMOD_NONE, bool down = true) {
    SDL_Event e{};
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mods;
    SDL_PushEvent(&e);
}

inline void tapKey(annotate::ui::App& app, SDL_Keycode key, Uint16 mods = KMOD_NONE) {
    pushKey(key, mods, true);
    app.frame();
    pushKey(key, mods, false);
    app.frame();
}

inline void pushText(const char* utf8) {
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    SDL_strlcpy(e.text.text, utf8, sizeof e.text.text);
    SDL_PushEvent(&e);
}

inline void pushMouseMove(float x, float y) {
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.x = static_cast<Sint32>(x);
    e.motion.y = static_cast<Sint32>(y);
    SDL_PushEvent(&e);
}

inline void pushMouseButton(float x, float y, bool down) {
    SDL_Event e{};
    e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = static_cast<Sint32>(x);
    e.button.y = static_cast<Sint32>(y);
    SDL_PushEvent(&e);
}

}  // namespace kotsu::test
