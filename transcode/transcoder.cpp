#include "transcode/transcoder.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>

#include "core/av/filter_graph.hpp"
#include "core/av/media_reader.hpp"
#include "transcode/audio_io.hpp"
#include "transcode/frame_queue.hpp"
#include "transcode/loudness.hpp"
#include "transcode/prescaler.hpp"
#include "transcode/rendition_writer.hpp"
#include "transcode/sink_thread.hpp"
#include "transcode/thumbnails.hpp"
#include "transcode/waveform.hpp"

namespace kotsu::transcode {

namespace {

// Where each track of the shared audio graph goes.
struct Route {
    size_t sink = 0;
    int track = 0;
};

Rational rationalOf(AVRational r) { return {r.num, r.den}; }

class Transcode {
public:
    Transcode(std::string input, const std::vector<OutputSpec>& outputs, const TranscodeOptions& opts)
        : input_(std::move(input)), outputs_(outputs), opts_(opts) {}
    ~Transcode() {
        // Stop every thread before any sink goes away: a shared first stage pushes into the others.
        abortAll();
        for (auto& s : sinks_) s->join();
    }

    Result<std::vector<OutputResult>> run();

private:
    Status open();
    Status planAndMeasure();
    Status startSinks();
    [[nodiscard]] std::optional<Fit> sharedFirstStage() const;
    Status decodeAll();
    Status onVideoFrame(av::Frame& frame);
    Status onAudioFrame(av::Frame* frame);
    Status drainAudio();
    Status sendToVideoSinks(const av::Frame& frame);
    Status sinkFailure();
    // Any output that fails stops them all (called from the failing output's thread).
    void abortAll() {
        std::lock_guard lock(sinksMutex_);
        for (auto& s : sinks_) s->abort();
    }
    void addSink(std::unique_ptr<OutputSink> sink, int producers) {
        auto t = std::make_unique<SinkThread>(std::move(sink), producers, [this] { abortAll(); });
        std::lock_guard lock(sinksMutex_);
        sinks_.push_back(std::move(t));
    }
    Error cancelled() const { return Error::av(AVERROR_EXIT, input_, "cancelled"); }

    std::string input_;
    const std::vector<OutputSpec>& outputs_;
    const TranscodeOptions& opts_;

    std::optional<av::MediaReader> in_;
    int v_ = -1, a_ = -1;
    Micros total_ = 0;
    int damaged_ = 0;
    VideoStreamFacts vfacts_;

    std::vector<RenditionPlan> plans_;
    AudioGraphPlan audioPlan_;
    std::vector<Route> routes_;

    std::mutex sinksMutex_;                           // sinks_ grows while early threads may fail
    std::vector<std::unique_ptr<SinkThread>> sinks_;  // every output thread (renditions, thumbnails, first stage)
    std::vector<RenditionWriter*> renditions_;        // owned by sinks_, in output order
    std::vector<SinkThread*> videoFeeds_;             // what decoded frames go to
    std::vector<SinkThread*> ends_;                   // what the decoding thread ends
    std::vector<SinkThread*> rendThreads_;            // the renditions' threads, in output order
    bool cascade_ = false;

    std::optional<av::FilterGraph> agraph_;
    std::vector<std::string> alabels_;
    std::optional<PeakAccumulator> peaks_;
    std::optional<Progress> ownProgress_;  // a label without a Progress: drawn on a terminal
    Progress* progress_ = nullptr;
};

Status Transcode::open() {
    av::ReaderOptions ro;
    ro.origin = opts_.origin;
    ro.videoThreads = 0;
    ro.audioThreads = 1;
    auto in = av::MediaReader::open(input_, std::move(ro));
    if (!in) return in.error();
    in_.emplace(std::move(in).value());
    v_ = in_->videoIndex();
    a_ = in_->audioIndex();
    total_ = in_->duration();
    if (v_ >= 0) vfacts_ = videoStreamFacts(in_->stream(v_));
    progress_ = opts_.progress;
    if (!progress_ && !opts_.label.empty()) {
        ownProgress_.emplace(opts_.label, total_, Progress::stderrIsTerminal());
        progress_ = &*ownProgress_;
    }
    return {};
}

Status Transcode::planAndMeasure() {
    int sourceChannels = a_ >= 0 ? in_->stream(a_)->codecpar->ch_layout.nb_channels : 0;
    for (size_t k = 0; k < outputs_.size(); ++k) {
        RenditionPlan rp;
        rp.spec = outputs_[k];
        rp.hasVideo = v_ >= 0;
        rp.videoFacts = vfacts_;
        if (v_ >= 0) {
            const AVStream* st = in_->stream(v_);
            rp.fps = outputFrameRate(rationalOf(st->r_frame_rate), rationalOf(st->avg_frame_rate),
                                     rp.spec.profile.maxFps);
        }
        if (a_ >= 0) {
            rp.tracks = tracksFor(rp.spec.profile, std::max(1, sourceChannels));
            for (size_t t = 0; t < rp.tracks.size(); ++t) {
                audioPlan_.tracks.push_back(rp.tracks[t]);
                routes_.push_back({k, static_cast<int>(t)});
            }
        }
        plans_.push_back(std::move(rp));
    }
    audioPlan_.peaks = a_ >= 0 && !opts_.peaksPath.empty();
    bool anyNormalized = std::any_of(audioPlan_.tracks.begin(), audioPlan_.tracks.end(),
                                     [](const AudioTrackPlan& t) { return t.normalized(); });
    if (!anyNormalized) return {};
    // Pass 1: the audio stream alone (the video stays undecoded) through the same chains into meters.
    auto measured = measureTracks(input_, AudioPick{0, a_}, in_->origin(), audioPlan_, opts_.cancel);
    if (!measured) return measured.error();
    for (size_t i = 0; i < audioPlan_.tracks.size(); ++i)
        if (audioPlan_.tracks[i].normalized())
            audioPlan_.tracks[i].gainDb = normalisationGain((*measured)[i], audioPlan_.tracks[i].targetLufs);
    return {};
}

// Several outputs at one rate share the first stage when each smaller picture fits inside the largest.
std::optional<Fit> Transcode::sharedFirstStage() const {
    size_t consumers = plans_.size() + (opts_.thumbnailsDir.empty() ? 0 : 1);
    if (v_ < 0 || plans_.empty() || consumers < 2) return std::nullopt;
    const AVStream* st = in_->stream(v_);
    VideoSource src;
    src.width = st->codecpar->width;
    src.height = st->codecpar->height;
    src.rotation = vfacts_.rotation;
    if (vfacts_.sampleAspect.valid()) src.sampleAspect = vfacts_.sampleAspect;
    std::optional<Fit> largest;
    for (const auto& p : plans_) {
        if (!(p.fps == plans_.front().fps)) return std::nullopt;
        Fit f = fitInto(src, p.spec.profile.width, p.spec.profile.height);
        if (!largest || f.width * f.height > largest->width * largest->height) largest = f;
    }
    for (const auto& p : plans_) {
        Fit f = fitInto(src, p.spec.profile.width, p.spec.profile.height);
        if (f.width > largest->width || f.height > largest->height) return std::nullopt;
    }
    // Only worth it (and only safe to resample from) when it is smaller than the source.
    bool quarter = src.rotation == 90 || src.rotation == 270;
    if ((quarter ? largest->height : largest->width) > src.width) return std::nullopt;
    return largest;
}

Status Transcode::startSinks() {
    auto first = sharedFirstStage();
    cascade_ = first.has_value();
    Rational fps = plans_.empty() ? Rational{30, 1} : plans_.front().fps;
    VideoStreamFacts downstream = cascade_ ? Prescaler::outputFacts(fps) : vfacts_;
    std::vector<SinkThread*> videoConsumers;
    for (auto& plan : plans_) {
        plan.videoFacts = downstream;
        auto w = RenditionWriter::open(plan);
        if (!w) return w.error();
        renditions_.push_back(w->get());
        addSink(std::move(w).value(), cascade_ ? 2 : 1);
        rendThreads_.push_back(sinks_.back().get());
        ends_.push_back(sinks_.back().get());
        if (plan.hasVideo) videoConsumers.push_back(sinks_.back().get());
    }
    if (v_ >= 0 && !opts_.thumbnailsDir.empty()) {
        auto t = ThumbnailWriter::open(opts_.thumbnailsDir, downstream);
        if (!t) return t.error();
        addSink(std::move(t).value(), 1);
        videoConsumers.push_back(sinks_.back().get());
        if (!cascade_) ends_.push_back(sinks_.back().get());
    }
    if (cascade_) {
        auto pre = std::make_unique<Prescaler>(vfacts_, first->width, first->height, fps, videoConsumers, input_);
        addSink(std::move(pre), 1);
        videoFeeds_ = {sinks_.back().get()};
        ends_.push_back(sinks_.back().get());
    } else {
        videoFeeds_ = videoConsumers;
    }
    if (audioPlan_.peaks) peaks_.emplace(kAudioRate);
    return {};
}

Status Transcode::sinkFailure() {
    abortAll();
    for (auto& s : sinks_) s->join();
    for (auto& s : sinks_)
        if (!s->status().ok() && s->status().error().code != AVERROR_EXIT) return s->status();
    return cancelled();
}

Status Transcode::sendToVideoSinks(const av::Frame& frame) {
    for (auto* s : videoFeeds_) {
        FrameItem item;
        item.kind = FrameItem::Kind::Video;
        item.frame = frame.ref();
        if (!s->push(std::move(item))) return sinkFailure();
    }
    return {};
}

// Frames come on the session timeline (the reader placed them): the first picture is 0.
Status Transcode::onVideoFrame(av::Frame& frame) {
    const AVStream* st = in_->stream(v_);
    KOTSU_TRY(sendToVideoSinks(frame));
    if (progress_) progress_->update(av_rescale_q(frame->pts, st->time_base, AV_TIME_BASE_Q));
    return {};
}

Status Transcode::drainAudio() {
    for (size_t i = 0; i < alabels_.size(); ++i) {
        AVRational tb = agraph_->outputTimeBase(i);
        while (true) {
            av::Frame out;
            auto f = agraph_->pull(i, out);
            if (f == av::Flow::Failed) return Error::av(agraph_->error().code, input_, "audio filters failed");
            if (f != av::Flow::Got) break;
            if (alabels_[i] == "peaks") {
                peaks_->add(reinterpret_cast<const float*>(out->data[0]), static_cast<size_t>(out->nb_samples));
                continue;
            }
            const Route& r = routes_[std::stoul(alabels_[i].substr(1))];
            out->pts = av_rescale_q(out->pts, tb, {1, kAudioRate});
            FrameItem item;
            item.kind = FrameItem::Kind::Audio;
            item.track = r.track;
            item.frame = std::move(out);
            if (!rendThreads_[r.sink]->push(std::move(item))) return sinkFailure();
        }
    }
    return {};
}

Status Transcode::onAudioFrame(av::Frame* frame) {
    const AVStream* st = in_->stream(a_);
    if (!frame) {
        if (!agraph_) return {};
        KOTSU_TRY(agraph_->push(0, nullptr));
        return drainAudio();
    }
    // On the session timeline: sound before the first picture has negative times and is trimmed,
    // sound that starts later is padded with silence (aresample first_pts=0 in the graph).
    explicitLayout(frame->get());
    if (!agraph_) {
        std::string spec = audioGraphSpec(audioPlan_, &alabels_);
        std::vector<av::FilterPad> outs;
        for (const auto& l : alabels_) outs.push_back({l, "", true});
        auto g = av::FilterGraph::create(spec, {av::audioInput("in", frame->get(), st->time_base)}, outs, 1);
        if (!g) return Error::av(g.error().code, input_, "audio filters: " + g.error().message);
        agraph_.emplace(std::move(g).value());
        for (size_t i = 0; i < alabels_.size(); ++i)
            if (alabels_[i] != "peaks") agraph_->setAudioFrameSize(i, 1024);  // AAC frames
    }
    if (auto s = agraph_->push(0, frame); !s) return Error::av(s.error().code, input_, "cannot filter audio");
    if (v_ < 0 && progress_ && (*frame)->pts != AV_NOPTS_VALUE)
        progress_->update(av_rescale_q((*frame)->pts, st->time_base, AV_TIME_BASE_Q));
    return drainAudio();
}

Status Transcode::decodeAll() {
    av::Frame frame;
    av::MediaKind kind;
    long frames = 0;
    while (true) {
        if ((++frames & 15) == 0 && opts_.cancel.cancelled()) return cancelled();
        auto f = in_->readFrame(frame, kind);
        if (f == av::Flow::Failed) return in_->error();
        if (f == av::Flow::End) break;
        KOTSU_TRY(kind == av::MediaKind::Video ? onVideoFrame(frame) : onAudioFrame(&frame));
    }
    if (a_ >= 0) KOTSU_TRY(onAudioFrame(nullptr));
    damaged_ = in_->damaged();
    const std::int64_t end = v_ >= 0 ? in_->videoEnd() : 0;
    for (auto* s : ends_) {
        FrameItem item;
        item.kind = FrameItem::Kind::End;
        // With a shared first stage the renditions learn where the video ends from it.
        bool rendition = std::find(rendThreads_.begin(), rendThreads_.end(), s) != rendThreads_.end();
        item.endPts = cascade_ && rendition ? kNoVideoEnd : end;
        if (!s->push(std::move(item))) return sinkFailure();
    }
    return {};
}

Result<std::vector<OutputResult>> Transcode::run() {
    KOTSU_TRY(open());
    KOTSU_TRY(planAndMeasure());
    if (opts_.cancel.cancelled()) return cancelled();
    KOTSU_TRY(startSinks());
    KOTSU_TRY(decodeAll());
    for (auto& s : sinks_) s->join();
    for (auto& s : sinks_)
        if (!s->status().ok()) return sinkFailure().error();
    if (opts_.cancel.cancelled()) return cancelled();
    // Every output is complete: only now do they take their final names.
    for (auto& s : sinks_) KOTSU_TRY(s->sink().commit());
    if (peaks_) KOTSU_TRY(savePeaks(opts_.peaksPath, peaks_->finish()));
    if (progress_) progress_->update(total_);
    std::vector<OutputResult> results;
    for (auto* r : renditions_) {
        results.push_back(r->result());
        results.back().damagedPackets = damaged_;
    }
    // Said once, on the line after the progress: the outputs are whole but the source was not.
    if (damaged_ > 0) std::fprintf(stderr, "%s: %d damaged packet(s) skipped\n", input_.c_str(), damaged_);
    return results;
}

}  // namespace

Result<std::vector<OutputResult>> transcode(const std::string& input, const std::vector<OutputSpec>& outputs,
                                            const TranscodeOptions& opts) {
    Transcode t(input, outputs, opts);
    return t.run();
}

}  // namespace kotsu::transcode
