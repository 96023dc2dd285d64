// The command table: every name keymap.conf can bind, with its label and menu, in menu order.
#include "annotate/ui/app.hpp"

namespace kotsu::annotate::ui {

void App::registerCommands() {
    CommandTable& t = ui_.commands;
    auto hasWs = [this] { return ws_ != nullptr; };
    auto add = [&](const char* name, const char* label, const char* group, std::function<void()> run,
                   std::function<bool()> enabled = {}) {
        t.add(CommandInfo{name, label, group, std::move(run), enabled ? std::move(enabled) : hasWs});
    };
    auto st = [this]() -> EditorState& { return ws_->state(); };
    auto selected = [this] { return ws_ && ws_->state().marker(ws_->state().selectedMarker) != nullptr; };
    auto selectedCue = [this] { return ws_ && ws_->state().cue(ws_->state().selectedCue) != nullptr; };
    auto nudge = [this](Edge e, int frames) {
        ws_->post(nudgeMarker(ws_->state(), ws_->state().selectedMarker, e, frames));
    };

    // File
    add("open-session", "Open session…", "File", [this] {
        picker_.refresh(lib_);
        ui_.showPicker = true;
    }, [] { return true; });
    add("package", "Package…", "File", [this] { ui_.showPackage = true; });
    add("import-captions", "Import captions…", "File", [this] {
        tabRequest_ = 1;
        captions_.openImport(*ws_);
    });
    add("export-captions", "Export captions…", "File", [this] {
        tabRequest_ = 1;
        captions_.openExport(*ws_);
    });
    add("quit", "Quit", "File", [this] { ui_.quit = true; }, [] { return true; });

    // Edit
    add("undo", "Undo", "Edit", [this] { ws_->undo(); }, [this] { return ws_ && ws_->stack().canUndo(); });
    add("redo", "Redo", "Edit", [this] { ws_->redo(); }, [this] { return ws_ && ws_->stack().canRedo(); });
    add("delete-selected", "Delete selected", "Edit", [this] {
        auto& s = ws_->state();
        if (s.marker(s.selectedMarker)) ws_->post(removeMarker(s, s.selectedMarker));
        else if (s.cue(s.selectedCue)) ws_->post(removeCue(s, s.selectedCue));
    });

    // Playback
    add("play-pause", "Play / pause", "Playback", [this] { ws_->togglePlay(); });
    add("pause", "Pause", "Playback", [this] { ws_->pause(); });
    add("shuttle-back", "Shuttle back (J)", "Playback", [this] { ws_->shuttle(-1); });
    add("shuttle-forward", "Shuttle forward (L)", "Playback", [this] { ws_->shuttle(+1); });
    add("frame-back", "Previous frame", "Playback", [this] { ws_->stepFrames(-1); });
    add("frame-forward", "Next frame", "Playback", [this] { ws_->stepFrames(+1); });
    add("back-1s", "Back 1 second", "Playback", [this, st] { ws_->seek(st().playhead - 1'000'000); });
    add("forward-1s", "Forward 1 second", "Playback", [this, st] { ws_->seek(st().playhead + 1'000'000); });
    add("go-start", "Go to start", "Playback", [this] { ws_->seek(0); });
    add("go-end", "Go to end", "Playback", [this, st] { ws_->seek(st().lastFrame()); });
    add("set-in", "Set in", "Playback", [st] { st().markIn = st().playhead; });
    add("set-out", "Set out", "Playback", [st] { st().markOut = st().playhead; });
    add("clear-in-out", "Clear in/out", "Playback", [st] {
        st().markIn.reset();
        st().markOut.reset();
    });

    // Markers
    add("add-marker", "Add marker at playhead", "Markers", [this, st] {
        // While playing too: the marker lands on the frame shown now, and playback carries on.
        ws_->post(addMarkerAt(st(), ws_->newMarkerKind, st().playhead, ws_->markerDefaults));
        if (st().markIn && st().markOut) {
            st().markIn.reset();
            st().markOut.reset();
        }
    });
    add("kind-step", "New markers: step", "Markers", [this] { ws_->newMarkerKind = MarkerKind::Step; });
    add("kind-knack", "New markers: knack", "Markers", [this] { ws_->newMarkerKind = MarkerKind::Knack; });
    add("kind-safety", "New markers: safety", "Markers", [this] { ws_->newMarkerKind = MarkerKind::Safety; });
    add("kind-tag", "New markers: tag", "Markers", [this] { ws_->newMarkerKind = MarkerKind::Tag; });
    add("next-marker", "Next marker", "Markers", [this, st] {
        if (auto t = nextMarkerTime(st(), st().playhead)) ws_->seek(*t);
    });
    add("previous-marker", "Previous marker", "Markers", [this, st] {
        if (auto t = previousMarkerTime(st(), st().playhead)) ws_->seek(*t);
    });
    auto selectStep = [this, st](int dir) {
        auto& s = st();
        if (s.markers.empty()) return;
        int i = 0;
        for (; i < static_cast<int>(s.markers.size()); ++i)
            if (s.markers[static_cast<size_t>(i)].id == s.selectedMarker) break;
        if (i == static_cast<int>(s.markers.size())) i = dir > 0 ? -1 : 0;
        int n = static_cast<int>(s.markers.size());
        const Marker& m = s.markers[static_cast<size_t>(((i + dir) % n + n) % n)];
        s.selectedMarker = m.id;
        tabRequest_ = 0;
        ws_->seek(m.in);
    };
    add("select-next-marker", "Select next marker", "Markers", [selectStep] { selectStep(+1); });
    add("select-previous-marker", "Select previous marker", "Markers", [selectStep] { selectStep(-1); });
    add("nudge-right", "Nudge marker right", "Markers", [nudge] { nudge(Edge::Both, +1); }, selected);
    add("nudge-left", "Nudge marker left", "Markers", [nudge] { nudge(Edge::Both, -1); }, selected);
    add("nudge-in-right", "Nudge in right", "Markers", [nudge] { nudge(Edge::In, +1); }, selected);
    add("nudge-in-left", "Nudge in left", "Markers", [nudge] { nudge(Edge::In, -1); }, selected);
    add("nudge-out-right", "Nudge out right", "Markers", [nudge] { nudge(Edge::Out, +1); }, selected);
    add("nudge-out-left", "Nudge out left", "Markers", [nudge] { nudge(Edge::Out, -1); }, selected);

    // View: the session's cameras (angles), the main first.
    auto hasAngle = [this](size_t i) { return [this, i] { return ws_ && ws_->angles().size() > i; }; };
    add("angle-1", "Show angle 1 (main)", "View", [this] { (void)ws_->showAngle(size_t{0}); }, hasAngle(0));
    add("angle-2", "Show angle 2", "View", [this] { (void)ws_->showAngle(size_t{1}); }, hasAngle(1));
    add("angle-3", "Show angle 3", "View", [this] { (void)ws_->showAngle(size_t{2}); }, hasAngle(2));
    add("angle-4", "Show angle 4", "View", [this] { (void)ws_->showAngle(size_t{3}); }, hasAngle(3));

    // Timeline
    add("zoom-in", "Zoom in", "Timeline", [this, st] { timeline_.zoom(1.5, st().duration); });
    add("zoom-out", "Zoom out", "Timeline", [this, st] { timeline_.zoom(1 / 1.5, st().duration); });
    add("zoom-fit", "Zoom to fit", "Timeline", [this, st] { timeline_.fit(st().duration); });
    add("toggle-snap", "Snapping on/off", "Timeline", [this] { ws_->snap.enabled = !ws_->snap.enabled; });
    add("toggle-snap-shots", "Snap to shot changes on/off", "Timeline", [this] {
        ws_->snap.shotChanges = !ws_->snap.shotChanges;
    });

    // Captions
    add("add-cue", "Add cue at playhead", "Captions", [this, st] {
        tabRequest_ = 1;
        ws_->post(addCueAt(st(), st().playhead));
    });
    add("set-cue-end", "Set cue end", "Captions", [this, st] {
        auto& s = st();
        Id id = s.selectedCue;
        // The cue showing (or the last one started before the playhead) when none is selected.
        if (!s.cue(id))
            for (const auto& c : s.cues)
                if (c.start < s.playhead) id = c.id;
        ws_->post(setCueEnd(s, id, s.playhead));
    });
    add("split-cue", "Split cue", "Captions", [this, st] {
        auto& s = st();
        const Cue* c = s.cueAt(s.playhead);
        ws_->post(splitCue(s, c ? c->id : s.selectedCue, s.playhead));
    });
    add("merge-cue", "Merge with next cue", "Captions", [this, st] {
        auto& s = st();
        const Cue* c = s.cue(s.selectedCue) ? s.cue(s.selectedCue) : s.cueAt(s.playhead);
        ws_->post(mergeCueWithNext(s, c ? c->id : 0));
    }, [this, selectedCue] { return selectedCue() || (ws_ && ws_->state().cueAt(ws_->state().playhead)); });

    // Suggestions
    auto gotoSuggestion = [this, st](int dir) {
        auto& s = st();
        Id id = nextOpenSuggestion(s, s.playhead, dir);
        if (!id) return;
        s.selectedSuggestion = id;
        tabRequest_ = 2;
        ws_->pause();
        ws_->seek(s.suggestion(id)->time);
    };
    auto hasSuggestion = [this] {
        return ws_ && ws_->state().suggestion(ws_->state().selectedSuggestion) != nullptr;
    };
    add("next-suggestion", "Next suggestion", "Suggestions", [gotoSuggestion] { gotoSuggestion(+1); });
    add("previous-suggestion", "Previous suggestion", "Suggestions", [gotoSuggestion] { gotoSuggestion(-1); });
    add("accept-suggestion", "Accept suggestion", "Suggestions", [this, st] {
        ws_->post(acceptSuggestion(st(), st().selectedSuggestion, ws_->markerDefaults));
    }, hasSuggestion);
    add("dismiss-suggestion", "Dismiss suggestion", "Suggestions", [this, st] {
        ws_->post(dismissSuggestion(st(), st().selectedSuggestion));
    }, hasSuggestion);

    // View
    add("toggle-story", "Story panel", "View", [this] { ui_.showStory = !ui_.showStory; });

    // Story (annotate/ui/story_panel: the story picked in the panel)
    auto hasStory = [this] { return ws_ && story_.story().id != 0; };
    add("story-add", "Add to story", "Story", [this] { story_.addSelection(*ws_); }, hasStory);
    add("story-play", "Play story", "Story", [this] {
        story_.play();
        if (!story_.playback().active()) ws_->setStatus("story: no clips to play");
    }, hasStory);
    add("story-stop", "Stop story playback", "Story", [this] {
        story_.playback().stop();
        ws_->pause();
    }, [this] { return ws_ && story_.playback().active(); });

    // Help
    add("show-help", "Key bindings", "Help", [this] { ui_.showHelp = !ui_.showHelp; }, [] { return true; });
    add("toggle-language", "English / 日本語", "Help", [this] {
        ui_.lang = ui_.lang == Lang::Ja ? Lang::En : Lang::Ja;
        if (ws_) ws_->markerDefaults.stepTitle = ui_.lang == Lang::Ja ? "手順" : "Step";
    }, [] { return true; });
}

}  // namespace kotsu::annotate::ui
