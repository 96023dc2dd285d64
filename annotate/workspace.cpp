#include "annotate/workspace.hpp"

#include <algorithm>
#include <fstream>

namespace kotsu::annotate {

Workspace::Workspace(Library lib, catalog::Catalog cat)
    : lib_(std::move(lib)), cat_(std::make_unique<catalog::Catalog>(std::move(cat))) {}

Workspace::~Workspace() {
    saveView();
    if (audio_) audio_->stop();
    proxyJob_.reset();  // cancels and joins
}

Result<std::unique_ptr<Workspace>> Workspace::open(const Library& lib, Id sessionId, AudioSinkPtr audio) {
    auto cat = lib.openCatalog();
    if (!cat) return cat.error();
    // The UI thread's connection: it never waits on another process's lock for more than a frame.
    KOTSU_TRY(cat->setInteractive());
    std::unique_ptr<Workspace> ws(new Workspace(lib, std::move(cat).value()));
    ws->audio_ = std::move(audio);
    auto st = loadEditorState(*ws->cat_, sessionId);
    if (!st) return st.error();
    ws->state_ = std::make_unique<EditorState>(std::move(st).value());
    ws->stack_ = std::make_unique<CommandStack>(*ws->state_, *ws->cat_);
    ws->external_ = std::make_unique<ExternalEdits>(*ws->state_, *ws->stack_, *ws->cat_);
    ws->openMedia();
    ws->loadView();
    ws->reloadTraineeStats();
    return ws;
}

void Workspace::openMedia() {
    media_ = locateMedia(lib_, *cat_, state_->asset);
    if (!media_.isProxy && canMakeProxy() && !proxyTried_ && state_->asset.id) startProxy();
    // Until the proxy is there, the original plays (slower to seek, but a picture).
    pump_.reset();
    if (!media_.video.empty()) {
        auto src = VideoSource::open(media_.video, 1280, media_.origin);
        if (src) {
            pump_ = std::make_unique<FramePump>(std::move(src).value());
            // What is shown sets the frame grid: the proxy's rate (≤ 30) may differ from the source's.
            state_->grid = FrameGrid(pump_->frameRate());
            if (state_->duration <= 0) state_->duration = pump_->duration();
            pump_->request(state_->grid.frameAt(state_->playhead));
        } else {
            status_ = src.error().what();
        }
        if (audio_) audio_->open(media_.video, media_.origin);
    }
    waveform_ = loadWaveform(media_.peaksPath);
    thumbs_ = loadThumbnailSet(media_.thumbsDir);
    if (auto as = cat_->angles(state_->session.id); as) {
        const std::string shown = angles_.empty() ? "main" : angleName();
        angles_ = std::move(as).value();
        angle_ = 0;
        anglePump_.reset();
        if (shown != "main") (void)showAngle(shown);
    } else {
        status_ = as.error().what();
    }
}

const std::string& Workspace::angleName() const {
    static const std::string kMain = "main";
    return angle_ < angles_.size() ? angles_[angle_].name : kMain;
}

std::int64_t Workspace::viewFrame() const {
    if (anglePump_) return FrameGrid(anglePump_->frameRate()).frameAt(state_->playhead);
    return state_->grid.frameAt(state_->playhead);
}

Status Workspace::showAngle(const std::string& name) {
    for (size_t i = 0; i < angles_.size(); ++i)
        if (angles_[i].name == name) return showAngle(i);
    return Error::make("angle " + name, "the session has no such camera");
}

// The angle's proxy when there is one (its time 0 = the angle's first picture), else its original
// (time of its first picture = its timeline origin), shifted by where that first picture sits on
// the session timeline: the picture at session time T is the angle's at T − start.
Status Workspace::showAngle(size_t index) {
    if (index >= angles_.size()) return Error::make("angle " + std::to_string(index + 1), "the session has no such camera");
    if (index == angle_) return {};
    anglePump_.reset();
    angle_ = 0;
    if (index > 0) {
        const Angle& a = angles_[index];
        MediaFiles m = locateMedia(lib_, *cat_, a.asset);
        std::optional<Micros> origin = m.origin;
        if (origin) *origin -= a.start;
        auto src = VideoSource::open(m.video, 1280, origin);
        if (!src) {
            status_ = src.error().what();
            return src.error();
        }
        anglePump_ = std::make_unique<FramePump>(std::move(src).value());
        angle_ = index;
    }
    if (FramePump* p = pump()) p->request(viewFrame());
    status_ = "angle: " + angleName();
    return {};
}

void Workspace::startProxy() {
    proxyTried_ = true;
    proxyFailed_ = false;
    Library lib = lib_;
    Asset asset = state_->asset;
    proxyJob_ = std::make_unique<BackgroundJob>(
        "proxy", asset.probe.duration,
        [lib, asset](Progress& p, const CancelToken& cancel) { return makeProxy(lib, asset, p, cancel); });
}

void Workspace::retryProxy() {
    if (!canRetryProxy()) return;
    startProxy();
    status_ = "making the proxy again";
}

void Workspace::cancelProxy() {
    if (proxyJob_ && !proxyJob_->finished()) proxyJob_->cancel();
}

void Workspace::reloadTraineeStats() {
    statsVersion_ = external_->version();
    auto cfg = field::loadFollowupConfig();
    if (!cfg) {
        status_ = cfg.error().what();
        return;
    }
    auto stats = field::sessionStepStats(*cat_, state_->session.id, *cfg);
    if (!stats) {
        status_ = stats.error().what();
        return;
    }
    traineeStats_ = std::move(stats).value();
}

const field::StepStats* Workspace::traineeStatsFor(Id stepId) const {
    for (const auto& s : traineeStats_)
        if (s.step.id == stepId) return &s;
    return nullptr;
}

void Workspace::post(Result<CommandPtr> cmd) { posted_.push_back(std::move(cmd)); }

void Workspace::applyPosted() {
    while (!posted_.empty()) {
        auto cmd = std::move(posted_.front());
        posted_.pop_front();
        if (!cmd) {
            status_ = cmd.error().what();
            continue;
        }
        std::string name = cmd.value()->name();
        auto r = stack_->execute(std::move(cmd).value());
        status_ = r ? name : r.error().what();
    }
}

void Workspace::undo() {
    std::string name = stack_->undoName();
    auto r = stack_->undo();
    status_ = r ? "undo " + name : r.error().what();
}

void Workspace::redo() {
    std::string name = stack_->redoName();
    auto r = stack_->redo();
    status_ = r ? "redo " + name : r.error().what();
}

void Workspace::seek(Micros t) {
    auto& s = *state_;
    s.playhead = s.grid.snap(std::clamp<Micros>(t, 0, s.lastFrame()));
    transport_.reanchor(s.playhead, Transport::Clock::now());
    syncAudio();
    if (FramePump* p = pump()) p->request(viewFrame());
}

// Sound only at 1× (scrubbing sound is noise on a work-site recording).
void Workspace::syncAudio() {
    if (!audio_) return;
    if (transport_.rate() == 1) audio_->start(state_->playhead);
    else audio_->stop();
}

void Workspace::stepFrames(std::int64_t frames) {
    pause();
    seek(state_->grid.step(state_->playhead, frames));
}

void Workspace::togglePlay() {
    auto now = Transport::Clock::now();
    if (!transport_.playing() && state_->playhead >= state_->lastFrame()) state_->playhead = 0;
    transport_.togglePlay(state_->playhead, now);
    syncAudio();
}

void Workspace::pause() {
    transport_.pause();
    transport_.reanchor(state_->playhead, Transport::Clock::now());
    if (audio_) audio_->stop();
}

void Workspace::shuttle(int direction) {
    auto now = Transport::Clock::now();
    if (direction > 0) transport_.shuttleForward(state_->playhead, now);
    else transport_.shuttleBack(state_->playhead, now);
    syncAudio();
}

void Workspace::tick(Transport::Clock::time_point now) {
    auto& s = *state_;
    if (transport_.playing()) {
        Micros p = transport_.position(now, s.lastFrame());
        s.playhead = s.grid.snap(p);
        if (audio_) {
            if (!transport_.playing()) audio_->stop();
            audio_->feed();
        }
    }
    if (FramePump* p = pump()) p->request(viewFrame());
    // Before this frame's edits are applied, so none is made on a stale state.
    if (auto reloaded = external_->poll(); !reloaded) status_ = reloaded.error().what();
    else if (*reloaded) status_ = "reloaded: the session was changed by another program";
    if (external_->version() != statsVersion_) reloadTraineeStats();
    if (!transport_.playing() && now - lastViewSave_ > std::chrono::seconds(2)) {
        lastViewSave_ = now;
        saveView();
    }
    if (proxyJob_ && proxyJob_->finished()) {
        auto outcome = proxyJob_->outcome();
        proxyJob_.reset();
        if (outcome && outcome->ok()) {
            openMedia();
            status_ = "proxy ready";
        } else if (outcome) {
            proxyFailed_ = true;
            status_ = outcome->error().what();
        }
    }
}

}  // namespace kotsu::annotate

namespace kotsu::annotate {

std::filesystem::path Workspace::viewPath() const {
    return lib_.cacheDir() / "editor" / (std::to_string(state_->session.id) + ".view");
}

void Workspace::saveView() {
    if (!state_ || (state_->playhead == savedPlayhead_ && state_->selectedMarker == savedSelection_)) return;
    std::error_code ec;
    std::filesystem::create_directories(viewPath().parent_path(), ec);
    const auto tmp = viewPath().string() + ".tmp";
    {
        std::ofstream f(tmp);
        f << "playhead " << state_->playhead << "\nmarker " << state_->selectedMarker << "\n";
        if (!f.flush()) return;
    }
    std::filesystem::rename(tmp, viewPath(), ec);
    savedPlayhead_ = state_->playhead;
    savedSelection_ = state_->selectedMarker;
}

void Workspace::loadView() {
    std::ifstream f(viewPath());
    std::string key;
    std::int64_t value = 0;
    while (f >> key >> value) {
        if (key == "playhead") seek(value);
        if (key == "marker" && state_->marker(value)) state_->selectedMarker = value;
    }
    savedPlayhead_ = state_->playhead;
    savedSelection_ = state_->selectedMarker;
}

}  // namespace kotsu::annotate
