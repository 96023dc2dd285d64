#include "transcode/transcoder.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
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
    Status seekToSpan();
    av::Flow nextFrame(av::Frame& frame, av::MediaKind& kind);
    Status feed(av::Frame& frame, av::MediaKind kind);
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
    std::optional<av::MediaReader> soundIn_;  // TranscodeOptions::soundInput, when given
    int v_ = -1, a_ = -1;                     // a_: in soundIn_ when it is open
    // The sound's reader and file (the input's own unless TranscodeOptions::soundInput says otherwise).
    av::MediaReader& audioIn() { return soundIn_ ? *soundIn_ : *in_; }
    const std::string& audioFile() const { return opts_.soundInput.empty() ? input_ : opts_.soundInput; }
    av::MediaReader& readerOf(av::MediaKind kind) { return kind == av::MediaKind::Audio ? audioIn() : *in_; }
    av::Flow readMerged(av::Frame& frame, av::MediaKind& kind);
    Status readError();
    // With a separate sound file: the next frame of each reader, read ahead to hand on the earlier.
    std::optional<av::Frame> aheadVideo_, aheadAudio_;
    bool videoEnded_ = false, audioEnded_ = false;
    av::MediaReader* failed_ = nullptr;       // with two readers: the one that failed
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

    // Span mode: the session time of output time 0, frames read while finding it, the end of the
    // last picture handed on (video time base, output timeline), whether each stream is done.
    Micros base_ = 0;
    std::deque<std::pair<av::Frame, av::MediaKind>> pending_;
    std::int64_t spanVideoEnd_ = 0;
    bool videoDone_ = false, audioDone_ = false;

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
    if (!opts_.soundInput.empty()) ro.audio = av::AudioStreams::None;
    auto in = av::MediaReader::open(input_, std::move(ro));
    if (!in) return in.error();
    in_.emplace(std::move(in).value());
    v_ = in_->videoIndex();
    a_ = in_->audioIndex();
    if (!opts_.soundInput.empty()) {
        av::ReaderOptions so;
        so.video = false;
        so.origin = opts_.soundOrigin;
        so.audioThreads = 1;
        auto sound = av::MediaReader::open(opts_.soundInput, std::move(so));
        if (!sound) return sound.error();
        soundIn_.emplace(std::move(sound).value());
        a_ = soundIn_->audioIndex();
    }
    total_ = opts_.span ? opts_.span->end - opts_.span->start : in_->duration();
    if (v_ >= 0) vfacts_ = videoStreamFacts(in_->stream(v_));
    progress_ = opts_.progress;
    if (!progress_ && !opts_.label.empty()) {
        ownProgress_.emplace(opts_.label, total_, Progress::stderrIsTerminal());
        progress_ = &*ownProgress_;
    }
    return {};
}

Status Transcode::planAndMeasure() {
    int sourceChannels = a_ >= 0 ? audioIn().stream(a_)->codecpar->ch_layout.nb_channels : 0;
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
    auto measured = measureTracks(audioFile(), AudioPick{0, a_}, audioIn().origin(), audioPlan_, opts_.span, opts_.cancel);
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
        if (opts_.span) {
            // Onto the output's timeline; boundaries before it are gone.
            std::vector<Micros> shifted;
            for (Micros t : plan.spec.forcedKeyframes)
                if (t >= base_ - 1000) shifted.push_back(std::max<Micros>(0, t - base_));
            plan.spec.forcedKeyframes = std::move(shifted);
        }
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
    const AVStream* st = audioIn().stream(a_);
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

// Span mode: frame-exact to span.start, then reads on until the first picture at or after it (the
// sound read on the way is kept for afterwards): that picture's time is the outputs' time 0.
Status Transcode::seekToSpan() {
    if (!opts_.span) return {};
    KOTSU_TRY(in_->seekExact(opts_.span->start));
    // The sound file has no pictures to be exact to: it starts at or before the span, and what comes
    // before the first picture is trimmed as for the input's own sound.
    if (soundIn_) KOTSU_TRY(soundIn_->seek(opts_.span->start));
    base_ = opts_.span->start;
    if (v_ < 0) return {};
    while (true) {
        av::Frame frame;
        av::MediaKind kind;
        auto f = in_->readFrame(frame, kind);
        if (f == av::Flow::Failed) return in_->error();
        if (f == av::Flow::End) return Error::make(input_, "nothing to transcode after " + formatTime(opts_.span->start));
        if (kind == av::MediaKind::Video && frame->pts != AV_NOPTS_VALUE) {
            Micros at = in_->toMicros(frame->pts, v_);
            if (at < opts_.span->start - 1000) continue;
            base_ = at;
            pending_.emplace_back(std::move(frame), kind);
            return {};
        }
        pending_.emplace_back(std::move(frame), kind);
    }
}

av::Flow Transcode::nextFrame(av::Frame& frame, av::MediaKind& kind) {
    if (!pending_.empty()) {
        frame = std::move(pending_.front().first);
        kind = pending_.front().second;
        pending_.pop_front();
        return av::Flow::Got;
    }
    return soundIn_ ? readMerged(frame, kind) : in_->readFrame(frame, kind);
}

// Pictures from the input and sound from the sound file, handed on in session-time order (both
// readers place their frames on the session timeline).
av::Flow Transcode::readMerged(av::Frame& frame, av::MediaKind& kind) {
    auto fill = [this](av::MediaReader& r, std::optional<av::Frame>& ahead, bool& ended) {
        if (ahead || ended) return av::Flow::Got;
        av::Frame f;
        av::MediaKind k;
        auto got = r.readFrame(f, k);
        if (got == av::Flow::Failed) {
            failed_ = &r;
            return got;
        }
        if (got == av::Flow::End) ended = true;
        else ahead.emplace(std::move(f));
        return av::Flow::Got;
    };
    if (fill(*in_, aheadVideo_, videoEnded_) == av::Flow::Failed) return av::Flow::Failed;
    if (fill(*soundIn_, aheadAudio_, audioEnded_) == av::Flow::Failed) return av::Flow::Failed;
    if (!aheadVideo_ && !aheadAudio_) return av::Flow::End;
    auto at = [this](const av::Frame& f, av::MediaKind k) {
        return f->pts == AV_NOPTS_VALUE ? Micros{0} : readerOf(k).toMicros(f->pts, k == av::MediaKind::Video ? v_ : a_);
    };
    bool video = aheadVideo_ && (!aheadAudio_ || at(*aheadVideo_, av::MediaKind::Video) <= at(*aheadAudio_, av::MediaKind::Audio));
    auto& ahead = video ? aheadVideo_ : aheadAudio_;
    frame = std::move(*ahead);
    ahead.reset();
    kind = video ? av::MediaKind::Video : av::MediaKind::Audio;
    return av::Flow::Got;
}

Status Transcode::readError() { return failed_ ? failed_->error() : in_->error(); }

// Span mode: frames outside the span are dropped, the rest moved onto the output's timeline.
Status Transcode::feed(av::Frame& frame, av::MediaKind kind) {
    if (!opts_.span) return kind == av::MediaKind::Video ? onVideoFrame(frame) : onAudioFrame(&frame);
    int stream = kind == av::MediaKind::Video ? v_ : a_;
    av::MediaReader& reader = readerOf(kind);
    if (frame->pts == AV_NOPTS_VALUE) return {};
    Micros at = reader.toMicros(frame->pts, stream);
    bool& done = kind == av::MediaKind::Video ? videoDone_ : audioDone_;
    if (at >= opts_.span->end - (kind == av::MediaKind::Video ? 1000 : 0)) done = true;
    if (done) return {};
    frame->pts -= av_rescale_q(base_, AV_TIME_BASE_Q, reader.stream(stream)->time_base);
    if (kind == av::MediaKind::Audio) return onAudioFrame(&frame);
    if (frame->pts < 0) return {};  // a picture before the first one (B-frame order)
    spanVideoEnd_ = std::max(spanVideoEnd_, frame->pts + std::max<std::int64_t>(frame->pkt_duration, 1));
    return onVideoFrame(frame);
}

Status Transcode::decodeAll() {
    av::Frame frame;
    av::MediaKind kind;
    long frames = 0;
    while (true) {
        if ((++frames & 15) == 0 && opts_.cancel.cancelled()) return cancelled();
        auto f = nextFrame(frame, kind);
        if (f == av::Flow::Failed) return readError();
        if (f == av::Flow::End) break;
        KOTSU_TRY(feed(frame, kind));
        if (opts_.span && (videoDone_ || v_ < 0) && (audioDone_ || a_ < 0)) break;
    }
    if (a_ >= 0) KOTSU_TRY(onAudioFrame(nullptr));
    damaged_ = in_->damaged() + (soundIn_ ? soundIn_->damaged() : 0);
    const std::int64_t end = v_ < 0 ? 0 : opts_.span ? spanVideoEnd_ : in_->videoEnd();
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
    KOTSU_TRY(seekToSpan());
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
        results.back().spanBase = opts_.span ? base_ : 0;
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
