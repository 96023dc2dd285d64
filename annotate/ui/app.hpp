#pragma once
// The editor's shell: SDL window + OpenGL context + ImGui, the fonts (Noto Sans CJK JP), the key
// dispatch through the keymap and the command table, the fixed layout (viewer, side tabs, timeline,
// status line), the frame loop, and screenshots. Panels do the drawing.
#include <SDL.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "annotate/ui/captions_panel.hpp"
#include "annotate/ui/inspector_panel.hpp"
#include "annotate/ui/package_panel.hpp"
#include "annotate/ui/session_picker.hpp"
#include "annotate/ui/story_panel.hpp"
#include "annotate/ui/suggestions_panel.hpp"
#include "annotate/ui/timeline_panel.hpp"
#include "annotate/ui/ui_context.hpp"
#include "annotate/ui/viewer_panel.hpp"
#include "annotate/workspace.hpp"
#include "core/library.hpp"

namespace kotsu::annotate::ui {

struct AppOptions {
    std::optional<std::string> library;   // --library DIR
    std::string session;                  // title or id; empty: the session picker
    int width = 1280;
    int height = 720;
    std::string lang = "ja";              // ja | en
    bool audio = true;
    bool hidden = false;                  // no visible window (tests)
    std::string keymapPath;               // extra bindings (tests); the user's file is read anyway
};

class App {
public:
    static Result<std::unique_ptr<App>> create(const AppOptions& options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Runs frames until quit (frames ≤ 0) or for `frames` frames; returns the frames drawn. Until quit,
    // the editor draws only while something moves (playback, a job's progress, a picture arriving,
    // the frames right after input) and otherwise sleeps until an event (SDL_WaitEventTimeout). seconds > 0:
    // also stops after that long (the benchmark's idle measurement).
    int run(int frames = 0, double seconds = 0);
    // Whether the next frame must be drawn without waiting for input: playback, a background job, a
    // picture decoded since the last frame.
    [[nodiscard]] bool busy();
    // One frame. waitViewerMs > 0: the picture shown is first brought to the playhead's frame.
    void frame(int waitViewerMs = 0);
    // Saves what the last frame showed as PNG (call after frame()).
    [[nodiscard]] Status screenshot(const std::string& pngPath);
    [[nodiscard]] Status openSession(Id sessionId);

    // Where the last frame's time went (ms): model + input, building the UI, GL submission + finish.
    struct FrameTimes {
        double update = 0, build = 0, render = 0;
        int vertices = 0;
        int drawCalls = 0;
    };
    [[nodiscard]] const FrameTimes& lastFrameTimes() const { return times_; }
    // Wait for the GPU (llvmpipe) at the end of each frame, so render time is measured, not deferred.
    void setFinishEachFrame(bool on) { finishEachFrame_ = on; }
    // Draw nothing but the clear colour: the benchmark's same-run floor for a frame on this GL.
    void setBlank(bool on) { blank_ = on; }

    [[nodiscard]] Workspace* workspace() { return ws_.get(); }
    [[nodiscard]] UiContext& ui() { return ui_; }
    [[nodiscard]] TimelinePanel& timeline() { return timeline_; }
    [[nodiscard]] ViewerPanel& viewer() { return viewer_; }
    [[nodiscard]] PackagePanel& packager() { return package_; }
    [[nodiscard]] InspectorPanel& inspector() { return inspector_; }
    [[nodiscard]] StoryPanel& story() { return story_; }
    // Where a lane was drawn last frame (tests aim the mouse with it); empty rect when not drawn.
    [[nodiscard]] std::pair<ImVec2, ImVec2> laneRect(const std::string& label) const;
    void focusInspectorTitle() { inspector_.focusTitle(); tabRequest_ = 0; }
    void showTab(int tab) { tabRequest_ = tab; }  // 0 inspector, 1 captions, 2 suggestions
    // A simulated pointer (the null backend of the headless tests): SDL's offscreen driver has no
    // pointer, and ImGui 1.86's SDL backend polls the pointer state instead of reading events.
    void simulateMouse(float x, float y, bool down) { simulatedMouse_ = SimulatedMouse{x, y, down}; }

private:
    App() = default;
    void registerCommands();
    void handleEvent(const SDL_Event& e);
    void drawUi();
    void drawMenus();
    void drawStatus(float y, float h);
    void loadFonts(int height);
    // Story playback (app_story.cpp): opens the next clip's session, seeks, plays, moves on at its out point.
    void tickStory();

    AppOptions opt_;
    Library lib_;
    std::chrono::steady_clock::time_point lastInput_{};  // the last event handled (busy() waits on a picture after it)
    bool inputThisFrame_ = false;  // the last frame() handled events
    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    bool imguiReady_ = false;
    UiContext ui_;
    std::unique_ptr<Workspace> ws_;
    ViewerPanel viewer_;
    TimelinePanel timeline_;
    InspectorPanel inspector_;
    CaptionsPanel captions_;
    SuggestionsPanel suggestions_;
    PackagePanel package_;
    StoryPanel story_;
    SessionPicker picker_;
    std::vector<std::string> held_;  // plain keys down now (for "k+l" chords)
    int tabRequest_ = -1;
    std::optional<Id> openRequest_;
    struct SimulatedMouse {
        float x, y;
        bool down;
    };
    std::optional<SimulatedMouse> simulatedMouse_;
    FrameTimes times_;
    bool finishEachFrame_ = false;
    bool blank_ = false;
};

}  // namespace kotsu::annotate::ui
