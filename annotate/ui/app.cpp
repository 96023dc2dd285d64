#include "annotate/ui/app.hpp"

#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "annotate/ui/gl.hpp"
#include "annotate/ui/audio_output.hpp"
#include "annotate/ui/help_panel.hpp"
#include "annotate/ui/translations.hpp"
#include "core/asset_file.hpp"
#include "core/av/log.hpp"

namespace fs = std::filesystem;

namespace kotsu::annotate::ui {

namespace {

constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

// SDL key → the key names of keymap.conf.
std::string keyName(SDL_Keycode k) {
    if (k >= SDLK_a && k <= SDLK_z) return std::string(1, static_cast<char>('a' + (k - SDLK_a)));
    if (k >= SDLK_0 && k <= SDLK_9) return std::string(1, static_cast<char>('0' + (k - SDLK_0)));
    if (k >= SDLK_F1 && k <= SDLK_F12) return "F" + std::to_string(1 + (k - SDLK_F1));
    switch (k) {
    case SDLK_SPACE: return "SPACE";
    case SDLK_LEFT: return "LEFT";
    case SDLK_RIGHT: return "RIGHT";
    case SDLK_UP: return "UP";
    case SDLK_DOWN: return "DOWN";
    case SDLK_HOME: return "HOME";
    case SDLK_END: return "END";
    case SDLK_PAGEUP: return "PGUP";
    case SDLK_PAGEDOWN: return "PGDWN";
    case SDLK_DELETE: return "DEL";
    case SDLK_BACKSPACE: return "BS";
    case SDLK_RETURN: case SDLK_KP_ENTER: return "ENTER";
    case SDLK_ESCAPE: return "ESC";
    case SDLK_TAB: return "TAB";
    case SDLK_KP_PLUS: return "+";
    case SDLK_KP_MINUS: return "-";
    default: break;
    }
    if (k > 32 && k < 127) return std::string(1, static_cast<char>(k));  // , . - = \ [ ] / ; '
    return {};
}

bool isModifier(SDL_Keycode k) {
    return k == SDLK_LCTRL || k == SDLK_RCTRL || k == SDLK_LSHIFT || k == SDLK_RSHIFT || k == SDLK_LALT ||
           k == SDLK_RALT || k == SDLK_LGUI || k == SDLK_RGUI;
}

// SDL_WaitEventTimeout blocks on the display connection (X11, Wayland), but with a driver that has
// none (offscreen, dummy: headless runs) it polls every millisecond, ~3 % of a core doing nothing.
// There input can only be pushed from inside the process, so a look every 10 ms is plenty.
bool waitForEvent(SDL_Event& e, int timeoutMs) {
    const char* driver = SDL_GetCurrentVideoDriver();
    const bool blocks = driver && std::strcmp(driver, "offscreen") != 0 && std::strcmp(driver, "dummy") != 0;
    if (blocks) return SDL_WaitEventTimeout(&e, timeoutMs) != 0;
    const Uint64 until = SDL_GetTicks64() + static_cast<Uint64>(timeoutMs);
    while (true) {
        if (SDL_PollEvent(&e)) return true;
        if (SDL_GetTicks64() >= until) return false;
        SDL_Delay(10);
    }
}

unsigned modsOf(Uint16 m) {
    unsigned out = ModNone;
    if (m & KMOD_CTRL) out |= ModCtrl;
    if (m & KMOD_SHIFT) out |= ModShift;
    if (m & KMOD_ALT) out |= ModAlt;
    if (m & KMOD_GUI) out |= ModMeta;
    return out;
}

}  // namespace

Result<std::unique_ptr<App>> App::create(const AppOptions& options) {
    std::unique_ptr<App> app(new App());
    app->opt_ = options;
    app->ui_.lang = options.lang == "en" ? Lang::En : Lang::Ja;
    app->lib_ = Library::locate(options.library);
    av::configureLogging();

    if (auto r = translationsStatus(); !r) return r.error();
    // Key bindings: the built-in assets/keymap.conf, the user's (~/.config/kotsu/, $KOTSU_LIBRARY/),
    // then any extra; each line replaces.
    if (auto r = app->ui_.keymap.load(assets::builtIn("keymap.conf"), "assets/keymap.conf (built in)"); !r)
        return r.error();
    for (const auto& user : assets::userFiles("keymap.conf"))
        if (auto r = app->ui_.keymap.loadFile(user.string()); !r) return r.error();
    if (!options.keymapPath.empty())
        if (auto r = app->ui_.keymap.loadFile(options.keymapPath); !r) return r.error();

    // Ctrl-C/SIGTERM are kotsu's (core/cancel.hpp): they cancel every job and end run() within a frame.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) return Error::make("SDL", SDL_GetError());
    if (options.audio) SDL_InitSubSystem(SDL_INIT_AUDIO);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.hidden) flags |= SDL_WINDOW_HIDDEN;
    app->window_ = SDL_CreateWindow("kotsu-annotate", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                    options.height, flags);
    if (!app->window_) return Error::make("SDL", std::string("cannot open a window: ") + SDL_GetError());
    app->gl_ = SDL_GL_CreateContext(app->window_);
    if (!app->gl_) return Error::make("SDL", std::string("cannot create an OpenGL context: ") + SDL_GetError());
    SDL_GL_MakeCurrent(app->window_, app->gl_);
    SDL_GL_SetSwapInterval(options.hidden ? 0 : 1);
    if (!gl::load()) return Error::make("OpenGL", "missing functions");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed, not remembered
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 0;
    ImGui::GetStyle().FrameRounding = 3;
    ImGui_ImplSDL2_InitForOpenGL(app->window_, app->gl_);
    ImGui_ImplOpenGL3_Init("#version 150");
    app->imguiReady_ = true;
    app->loadFonts(options.height);
    app->registerCommands();
    SDL_StartTextInput();  // IME: committed text arrives as SDL_TEXTINPUT

    if (!options.session.empty()) {
        auto cat = app->lib_.openCatalog();
        if (!cat) return cat.error();
        auto s = cat->findSession(options.session);
        if (!s) return s.error();
        if (!*s) return Error::make(options.session, "no such session in " + app->lib_.root.string());
        if (auto r = app->openSession((*s)->id); !r) return r.error();
    } else {
        app->picker_.refresh(app->lib_);
        app->ui_.showPicker = true;
    }
    return app;
}

App::~App() {
    ws_.reset();
    if (imguiReady_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void App::loadFonts(int height) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    const float size = std::clamp(16.0f + (height - 720) * 4.0f / 360.0f, 14.0f, 22.0f);
    if (!fs::exists(kCjkFont)) {
        io.Fonts->AddFontDefault();
        return;
    }
    // Japanese, plus the punctuation, arrows and shapes the UI uses (– … → ▶ ■).
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(io.Fonts->GetGlyphRangesJapanese());
        static const ImWchar extra[] = {0x2000, 0x206F, 0x2190, 0x21FF, 0x2460, 0x24FF, 0x25A0, 0x25FF,
                                        0xFF00, 0xFFEF, 0};
        b.AddRanges(extra);
        b.BuildRanges(&ranges);
    }
    ImFontConfig cfg;
    cfg.FontNo = 0;  // face 0 of the collection: Noto Sans CJK JP
    cfg.OversampleH = cfg.OversampleV = 1;
    io.Fonts->AddFontFromFileTTF(kCjkFont, size, &cfg, ranges.Data);
    static const ImWchar bigRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x3000, 0x30FF, 0xFF00, 0xFFEF, 0};
    ImFontConfig big = cfg;
    ui_.bigFont = io.Fonts->AddFontFromFileTTF(kCjkFont, size * 1.35f, &big, bigRanges);
}

Status App::openSession(Id sessionId) {
    AudioSinkPtr sound;
    if (opt_.audio) sound = std::make_unique<AudioOutput>();
    auto ws = Workspace::open(lib_, sessionId, std::move(sound));
    if (!ws) return ws.error();
    ws_ = std::move(ws).value();
    ws_->markerDefaults.stepTitle = ui_.lang == Lang::Ja ? "手順" : "Step";
    if (const char* user = std::getenv("USER")) ws_->markerDefaults.author = user;
    timeline_.reset(*ws_);
    ui_.showPicker = false;
    std::string title = "kotsu-annotate — " + ws_->state().session.title;
    SDL_SetWindowTitle(window_, title.c_str());
    return {};
}

std::pair<ImVec2, ImVec2> App::laneRect(const std::string& label) const { return timeline_.laneRect(label); }

void App::handleEvent(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) ui_.quit = true;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) ui_.quit = true;
    if (e.type == SDL_KEYUP) {
        std::string name = keyName(e.key.keysym.sym);
        std::erase(held_, name);
    }
    if (e.type != SDL_KEYDOWN || isModifier(e.key.keysym.sym)) return;
    std::string name = keyName(e.key.keysym.sym);
    if (name.empty()) return;
    std::vector<std::string> held = held_;
    if (!e.key.repeat && std::find(held_.begin(), held_.end(), name) == held_.end()) held_.push_back(name);
    // Typing into a field (titles, notes, captions) is not a shortcut.
    if (ImGui::GetIO().WantTextInput) return;
    const unsigned mods = modsOf(e.key.keysym.mod);
    auto cmd = ui_.keymap.lookup(mods, name, held);
    // Shifted punctuation ("+" is Shift+= on most keyboards): try the key without Shift.
    if (!cmd && (mods & ModShift) && name.size() == 1 && !std::isalnum(static_cast<unsigned char>(name[0])))
        cmd = ui_.keymap.lookup(mods & ~ModShift, name, held);
    if (cmd) ui_.commands.invoke(*cmd);
}

void App::frame(int waitViewerMs) {
    using C = std::chrono::steady_clock;
    auto ms = [](C::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    const auto t0 = C::now();
    SDL_Event e;
    inputThisFrame_ = false;
    while (SDL_PollEvent(&e)) {
        handleEvent(e);
        lastInput_ = t0;
        inputThisFrame_ = true;
    }
    if (ws_) {
        ws_->tick(Transport::Clock::now());
        if (waitViewerMs > 0) viewer_.update(*ws_, waitViewerMs);
    }
    const auto t1 = C::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    if (simulatedMouse_) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(simulatedMouse_->x, simulatedMouse_->y);
        io.MouseDown[0] = simulatedMouse_->down;
    }
    ImGui::NewFrame();
    drawUi();
    ImGui::Render();
    const auto t2 = C::now();
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &w, &h);
    const auto& f = gl::fn();
    f.Viewport(0, 0, w, h);
    f.ClearColor(kCanvasRgb[0] / 255.f, kCanvasRgb[1] / 255.f, kCanvasRgb[2] / 255.f, 1);
    f.Clear(gl::kColorBufferBit);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (finishEachFrame_) f.Finish();
    const auto t3 = C::now();
    int calls = 0;
    for (int i = 0; i < ImGui::GetDrawData()->CmdListsCount; ++i) calls += ImGui::GetDrawData()->CmdLists[i]->CmdBuffer.Size;
    times_ = FrameTimes{ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ImGui::GetDrawData()->TotalVtxCount, calls};
    // Edits posted by panels run after the frame; a session picked in the picker opens here.
    if (ws_) ws_->applyPosted();
    if (openRequest_) {
        Id id = *openRequest_;
        openRequest_.reset();
        if (auto r = openSession(id); !r && ws_) ws_->setStatus(r.error().what());
    }
    tickStory();
}

bool App::busy() {
    if (!ws_) return false;
    if (ws_->transport().playing() || ws_->proxyJob() || package_.job() || story_.renderJob() || story_.playback().active() ||
        viewer_.update(*ws_))
        return true;
    // The picture under the playhead is still being decoded (for a while: it may never come).
    const FramePump* pump = ws_->pump();
    return pump && pump->requested() != viewer_.shownFrame() &&
           std::chrono::steady_clock::now() - lastInput_ < std::chrono::seconds(2);
}

int App::run(int frames, double seconds) {
    using C = std::chrono::steady_clock;
    const auto until = C::now() + std::chrono::duration_cast<C::duration>(std::chrono::duration<double>(seconds));
    // ImGui settles hover and click states over a few frames after the input that changed them.
    constexpr int kSettleFrames = 3;
    int drawn = 0, settle = 1;  // draw once on entry
    std::string status;
    for (int i = 0; !ui_.quit && (frames <= 0 || i < frames); ++i) {
        if (seconds > 0 && C::now() >= until) break;
        if (cancelRequested()) break;  // the jobs' tokens are children of the process token: they stop too
        auto start = Transport::Clock::now();
        if (frames <= 0 && settle <= 0 && !busy()) {
            // Nothing moves: sleep until input, looking a few times a second for what arrives
            // without any (another program's edit, the proxy finishing).
            SDL_Event e;
            if (waitForEvent(e, 250)) {
                handleEvent(e);
                settle = kSettleFrames;
                lastInput_ = std::chrono::steady_clock::now();
            } else if (ws_) {
                ws_->tick(Transport::Clock::now());
                if (ws_->status() == status && !busy()) continue;
                settle = 1;
            } else {
                continue;
            }
        }
        frame();
        ++drawn;
        // Input the frame itself picked up (not the wait) settles over the same few frames.
        settle = inputThisFrame_ ? kSettleFrames - 1 : std::max(0, settle - 1);
        if (ws_) status = ws_->status();
        if (i + 1 < frames || frames <= 0) SDL_GL_SwapWindow(window_);
        if (frames <= 0) {
            // Vsync paces a real display; offscreen/Xvfb would spin without this.
            auto spent = Transport::Clock::now() - start;
            if (spent < std::chrono::milliseconds(15)) std::this_thread::sleep_for(std::chrono::milliseconds(15) - spent);
        }
    }
    return drawn;
}

Status App::screenshot(const std::string& pngPath) {
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &w, &h);
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * 4);
    const auto& f = gl::fn();
    f.Finish();
    f.PixelStorei(gl::kPackAlignment, 1);
    f.ReadPixels(0, 0, w, h, gl::kRGBA, gl::kUnsignedByte, px.data());
    // GL's rows run bottom to top.
    std::vector<unsigned char> flipped(px.size());
    for (int y = 0; y < h; ++y)
        std::copy_n(&px[static_cast<size_t>(h - 1 - y) * w * 4], static_cast<size_t>(w) * 4, &flipped[static_cast<size_t>(y) * w * 4]);
    for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    if (!stbi_write_png(pngPath.c_str(), w, h, 4, flipped.data(), w * 4)) return Error::make(pngPath, "cannot write the PNG");
    return {};
}

void App::drawUi() {
    if (blank_) return;
    drawMenus();
    ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 pos = vp->WorkPos, size = vp->WorkSize;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float statusH = ImGui::GetFrameHeight() + 6;
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (!ws_) {
        if (auto id = picker_.draw(ui_, true)) openRequest_ = *id;
        drawHelpPanel(ui_);
        return;
    }
    // Fixed layout: viewer and side tabs on top, the timeline under them, a status line at the bottom.
    const float timelineH = std::clamp(line * 15.6f + 24, size.y * 0.34f, size.y * 0.55f);
    const float topH = size.y - timelineH - statusH;
    const float viewerW = std::floor(size.x * 0.6f);
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(viewerW, topH));
    // The viewer and the timeline paint their own backgrounds: no window background under them
    // (with software GL every full-window layer costs a frame's worth of blending).
    if (ImGui::Begin(ui_.id("Viewer", "viewer").c_str(), nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoBackground))
        viewer_.draw(*ws_, ui_);
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(pos.x + viewerW, pos.y));
    ImGui::SetNextWindowSize(ImVec2(size.x - viewerW, topH));
    if (ImGui::Begin("###side", nullptr, fixed | ImGuiWindowFlags_NoTitleBar)) {
        if (ImGui::BeginTabBar("##sidetabs")) {
            auto tab = [&](int i, const char* label, const char* id) {
                ImGuiTabItemFlags fl = tabRequest_ == i ? ImGuiTabItemFlags_SetSelected : 0;
                return ImGui::BeginTabItem(ui_.id(label, id).c_str(), nullptr, fl);
            };
            if (tab(0, "Inspector", "inspector")) {
                inspector_.draw(*ws_, ui_);
                ImGui::EndTabItem();
            }
            if (tab(1, "Captions", "captions")) {
                captions_.draw(*ws_, ui_);
                ImGui::EndTabItem();
            }
            std::string sg = std::string(ui_.t("Suggestions")) + " (" + std::to_string(ws_->state().openSuggestions()) + ")###suggestions";
            if (ImGui::BeginTabItem(sg.c_str(), nullptr, tabRequest_ == 2 ? ImGuiTabItemFlags_SetSelected : 0)) {
                suggestions_.draw(*ws_, ui_);
                ImGui::EndTabItem();
            }
            tabRequest_ = -1;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(pos.x, pos.y + topH));
    ImGui::SetNextWindowSize(ImVec2(size.x, timelineH));
    if (ImGui::Begin(ui_.id("Timeline", "timeline").c_str(), nullptr,
                     fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoTitleBar |
                         ImGuiWindowFlags_NoBackground))
        timeline_.draw(*ws_, ui_);
    ImGui::End();

    drawStatus(pos.y + topH + timelineH, statusH);
    drawHelpPanel(ui_);
    package_.draw(*ws_, ui_);
    story_.draw(*ws_, ui_);
    if (ui_.showPicker) {
        if (auto id = picker_.draw(ui_, false)) openRequest_ = *id;
    }
}

void App::drawStatus(float y, float h) {
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, y));
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    if (ImGui::Begin("###status", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoBringToFrontOnFocus)) {
        const EditorState& s = ws_->state();
        int steps = 0;
        for (const auto& m : s.markers) steps += m.kind == MarkerKind::Step;
        ImGui::Text("%s  |  %d %s, %zu %s  |  %s %s%s", s.session.title.c_str(), steps, ui_.t("steps"),
                    s.markers.size(), ui_.t("Markers"), ui_.t("Snap"), ws_->snap.enabled ? "ON" : "OFF",
                    ws_->snap.enabled && !ws_->snap.shotChanges ? " (no shots)" : "");
        if (ws_->stack().canUndo()) {
            ImGui::SameLine();
            ImGui::TextDisabled("|  %s: %s  (%s)", ui_.t("Undo"), ws_->stack().undoName().c_str(), ui_.t("saved"));
        }
        if (BackgroundJob* job = package_.job()) {
            ImGui::SameLine();
            ImGui::Text("|  %s %.0f%%", ui_.t("Packaging…"), job->fraction() * 100);
        }
        if (const StoryItem* playing = story_.playback().current()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "|  ▶ %s %d/%d %s", ui_.t("Story"), story_.playback().index() + 1,
                               story_.playback().count(), playing->text.c_str());
        }
        if (BackgroundJob* job = story_.renderJob()) {
            ImGui::SameLine();
            ImGui::Text("|  %s %.0f%%", ui_.t("Rendering the story…"), job->fraction() * 100);
        }
        if (!ws_->status().empty()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(1, 0.85f, 0.45f, 1), "|  %s", ws_->status().c_str());
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

void App::drawMenus() {
    if (!ImGui::BeginMainMenuBar()) return;
    const char* group = "";
    bool open = false;
    for (const auto& c : ui_.commands.all()) {
        if (std::string(group) != c.group) {
            if (open) ImGui::EndMenu();
            group = c.group;
            std::string label = std::string(ui_.t(group)) + "###menu-" + group;
            open = ImGui::BeginMenu(label.c_str());
        }
        if (!open) continue;
        std::string sc = ui_.shortcut(c.name);
        if (ImGui::MenuItem(ui_.t(c.label), sc.empty() ? nullptr : sc.c_str(), false, ui_.commands.enabled(c.name)))
            ui_.commands.invoke(c.name);
    }
    if (open) ImGui::EndMenu();
    ImGui::EndMainMenuBar();
}

}  // namespace kotsu::annotate::ui
