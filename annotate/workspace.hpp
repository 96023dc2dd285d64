#pragma once
// One open session in the editor: the model (state, command stack, catalog connection), the media
// (frame pump, sound, waveform, thumbnails), the transport and the background jobs. No drawing here:
// panels read it, post edits, and App::frame calls tick() and applyPosted() around them.
#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annotate/audio_sink.hpp"
#include "annotate/background_job.hpp"
#include "annotate/commands.hpp"
#include "annotate/edits.hpp"
#include "annotate/editor_state.hpp"
#include "annotate/external_edits.hpp"
#include "annotate/frame_pump.hpp"
#include "annotate/media_files.hpp"
#include "annotate/snapping.hpp"
#include "annotate/transport.hpp"
#include "core/library.hpp"
#include "field/step_stats.hpp"

namespace kotsu::annotate {

class Workspace {
public:
    // Opens the session (its own catalog connection) and its media; starts making the proxy when
    // it is missing and can be made.
    static Result<std::unique_ptr<Workspace>> open(const Library& lib, Id sessionId, AudioSinkPtr audio = nullptr);
    ~Workspace();

    EditorState& state() { return *state_; }
    [[nodiscard]] const EditorState& state() const { return *state_; }
    CommandStack& stack() { return *stack_; }
    catalog::Catalog& catalog() { return *cat_; }
    const Library& library() const { return lib_; }
    Transport& transport() { return transport_; }
    // The pump of the picture shown: the angle's when one other than the main is chosen.
    [[nodiscard]] FramePump* pump() { return anglePump_ ? anglePump_.get() : pump_.get(); }
    // The frame of pump() under the playhead (an angle numbers its frames at its own rate).
    [[nodiscard]] std::int64_t viewFrame() const;

    // The session's cameras (Catalog::angles; the main first) and the one the viewer shows. Switching
    // keeps the playhead: the picture is the angle's at the same session time. The sound, waveform,
    // thumbnails and frame grid stay the main's.
    [[nodiscard]] const std::vector<Angle>& angles() const { return angles_; }
    [[nodiscard]] size_t angleIndex() const { return angle_; }
    [[nodiscard]] const std::string& angleName() const;
    Status showAngle(size_t index);
    Status showAngle(const std::string& name);
    [[nodiscard]] const MediaFiles& media() const { return media_; }
    [[nodiscard]] const std::optional<WaveformPeaks>& waveform() const { return waveform_; }
    [[nodiscard]] const std::optional<ThumbnailSet>& thumbnails() const { return thumbs_; }
    [[nodiscard]] BackgroundJob* proxyJob() { return proxyJob_.get(); }
    // A proxy job that failed or was cancelled (its own token: cancelling packaging never touches it)
    // can be started again.
    [[nodiscard]] bool canRetryProxy() const { return proxyFailed_ && !proxyJob_; }
    void retryProxy();
    void cancelProxy();

    // Edits go through here: run after the frame (deferred, as ImGui's demo defers closing windows).
    void post(Result<CommandPtr> cmd);
    void applyPosted();
    void undo();
    void redo();

    // What the inspector shows (view state, not an edit: nothing is written, nothing to undo).
    void selectMarker(Id id) { state_->selectedMarker = id; }
    void selectCue(Id id) { state_->selectedCue = id; }
    void selectSuggestion(Id id) { state_->selectedSuggestion = id; }

    // Moves the playhead (snapped to a frame, kept inside the media); playback carries on from there.
    void seek(Micros t);
    void stepFrames(std::int64_t frames);
    void togglePlay();
    void pause();
    void shuttle(int direction);
    // Advances playback, asks the pump for the frame under the playhead, feeds the sound, picks
    // up finished jobs and edits other processes made to the session. Call once per UI frame.
    void tick(Transport::Clock::time_point now);

    // How trainees did on each step of this session (issue 13: views, loops per view, struggle), from
    // the viewing records in the catalog; read again whenever another program wrote to the catalog
    // (`kotsu records import`, `kotsu serve`).
    [[nodiscard]] const std::vector<field::StepStats>& traineeStats() const { return traineeStats_; }
    [[nodiscard]] const field::StepStats* traineeStatsFor(Id stepId) const;
    void reloadTraineeStats();

    // The status line: the last error or what happened.
    [[nodiscard]] const std::string& status() const { return status_; }
    void setStatus(std::string s) { status_ = std::move(s); }

    MarkerDefaults markerDefaults;
    MarkerKind newMarkerKind = MarkerKind::Step;
    SnapOptions snap;

private:
    Workspace(Library lib, catalog::Catalog cat);
    void openMedia();
    void startProxy();
    void syncAudio();
    // The view (playhead, selection) beside the catalog in cache/editor/<session>.view, so a
    // reopened editor comes back where it was; the edits themselves are in the catalog already.
    [[nodiscard]] std::filesystem::path viewPath() const;
    void saveView();
    void loadView();

    Library lib_;
    std::unique_ptr<catalog::Catalog> cat_;
    std::unique_ptr<EditorState> state_;
    std::unique_ptr<CommandStack> stack_;
    std::unique_ptr<ExternalEdits> external_;
    Transport transport_;
    MediaFiles media_;
    std::unique_ptr<FramePump> pump_;       // the main's
    std::vector<Angle> angles_;
    size_t angle_ = 0;
    std::unique_ptr<FramePump> anglePump_;  // the angle shown, when not the main
    AudioSinkPtr audio_;  // null: silent
    std::optional<WaveformPeaks> waveform_;
    std::optional<ThumbnailSet> thumbs_;
    std::unique_ptr<BackgroundJob> proxyJob_;
    bool proxyTried_ = false;  // one attempt per open: a failed proxy is reported, not retried in a loop …
    bool proxyFailed_ = false; // … until the editor asks (retryProxy)
    std::deque<Result<CommandPtr>> posted_;
    std::vector<field::StepStats> traineeStats_;
    std::int64_t statsVersion_ = -2;
    std::string status_;
    Micros savedPlayhead_ = -1;
    Id savedSelection_ = -1;
    Transport::Clock::time_point lastViewSave_{};
};

}  // namespace kotsu::annotate
