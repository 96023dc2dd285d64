#include "annotate/frame_source.hpp"

#include <algorithm>

#include "core/av/input_file.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/resampler.hpp"
#include "core/av/scaler.hpp"

namespace kotsu::annotate {

namespace {

Rational rateOf(const AVStream* st) {
    // The nominal rate: the proxy is constant-rate, and avg_frame_rate is derived from a duration
    // that counts the last frame short (149 frames in 4.967 s → 30.2).
    AVRational r = st->r_frame_rate;
    if (r.num <= 0 || r.den <= 0 || av_q2d(r) > 240) r = st->avg_frame_rate;
    if (r.num <= 0 || r.den <= 0) r = AVRational{30, 1};
    return Rational{r.num, r.den};
}

// A gap longer than this before the first sound is a broken timestamp, not silence to play.
constexpr Micros kMaxLeadingSilence = 10'000'000;

}  // namespace

struct VideoSource::Impl {
    av::MediaReader reader;
    AVRational tb{1, 1};
    Rational rate;
    Micros duration = 0;
    int maxWidth = 0;
    int outW = 0, outH = 0;
    std::optional<av::Scaler> scaler;
    av::Frame frame;
    std::int64_t lastIndex = -1;  // index of the frame last returned by the decoder
    bool eof = false;             // the decoder was drained; a seek starts it again
    std::optional<VideoFrame> last;  // the last frame handed out (asked again: no work)
    std::optional<VideoFrame> tail;  // the final frame of the file, once seen
    DecodeStats stats;

    explicit Impl(av::MediaReader r) : reader(std::move(r)) {}

    // Frame k starts at k/rate on the session timeline; rounded: a proxy's timestamps sit on its
    // frame grid, give or take the time base.
    std::int64_t indexOf(const AVFrame* f) const {
        return av_rescale_q_rnd(f->pts, tb, AVRational{rate.den, rate.num},
                                static_cast<AVRounding>(AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX));
    }

    Status seekBefore(std::int64_t index) {
        KOTSU_TRY(reader.seek(rescale(index, Rational{rate.den, rate.num}, kMicrosBase)));
        eof = false;
        lastIndex = -1;
        ++stats.seeks;
        return {};
    }

    // Decodes the next frame into `frame`: Got, End, or Failed.
    av::Flow next() {
        av::MediaKind kind;
        auto f = reader.readFrame(frame, kind);
        if (f == av::Flow::Got) {
            ++stats.framesDecoded;
            lastIndex = indexOf(frame.get());
        } else if (f == av::Flow::End) {
            eof = true;
        }
        return f;
    }

    Result<VideoFrame> convert(const AVFrame* f, std::int64_t index) {
        if (!scaler || !scaler->accepts(f)) {
            auto s = av::Scaler::create(f->width, f->height, static_cast<AVPixelFormat>(f->format), outW, outH,
                                        AV_PIX_FMT_RGBA);
            if (!s) return Error::make(reader.path(), s.error().message);
            scaler.emplace(std::move(s).value());
        }
        VideoFrame out;
        out.index = index;
        out.time = rescale(index, Rational{rate.den, rate.num}, kMicrosBase);
        out.width = outW;
        out.height = outH;
        out.rgba.resize(static_cast<size_t>(outW) * outH * 4);
        KOTSU_TRY(scaler->scale(f, out.rgba.data(), outW * 4));
        last = out;
        return out;
    }

    // The frame showing at `index`: the one with that number, else the last one before it.
    Result<VideoFrame> get(std::int64_t index) {
        index = std::max<std::int64_t>(0, index);
        if (last && last->index == index) return *last;
        if (tail && index >= tail->index) return *tail;
        // On the way already (playback, stepping forward): decode on. Else seek.
        const std::int64_t ahead = std::max<std::int64_t>(1, static_cast<std::int64_t>(rate.toDouble()));
        bool seekFirst = eof || lastIndex < 0 || index <= lastIndex || index - lastIndex > ahead;
        for (int attempt = 0; attempt < 4; ++attempt) {
            const std::int64_t target = std::max<std::int64_t>(0, index - attempt * ahead);
            if (seekFirst) KOTSU_TRY(seekBefore(target));
            const bool fromStart = seekFirst && target == 0;
            seekFirst = true;
            std::optional<av::Frame> prev;  // a reference, not a copy: converted only when needed
            std::int64_t prevIndex = -1;
            bool overshot = false;
            while (true) {
                auto f = next();
                if (f == av::Flow::Failed) return reader.error();
                if (f == av::Flow::End) break;
                if (lastIndex == index) return convert(frame.get(), index);
                if (lastIndex > index) {
                    if (prev) return convert(prev->get(), prevIndex);
                    // Before the first picture (an angle that starts after the session's main camera):
                    // its first picture, under its own index.
                    if (fromStart) return convert(frame.get(), lastIndex);
                    overshot = true;  // the seek landed after the frame: go back further
                    break;
                }
                prev = frame.ref();
                prevIndex = lastIndex;
            }
            if (overshot) continue;
            if (prev) {  // asked past the end: the last frame it is
                auto v = convert(prev->get(), prevIndex);
                if (v) tail = *v;
                return v;
            }
        }
        return Error::make(reader.path(), "cannot decode frame " + std::to_string(index));
    }

    std::int64_t frameCountGuess() const {
        return std::max<std::int64_t>(1, rescale(duration, kMicrosBase, Rational{rate.den, rate.num}));
    }
};

Result<VideoSource> VideoSource::open(const std::string& path, int maxWidth, std::optional<Micros> origin) {
    auto in = av::InputFile::open(path);
    if (!in) return in.error();
    if (in->bestStream(AVMEDIA_TYPE_VIDEO) < 0) return Error::make(path, "no video stream");
    av::ReaderOptions ro;
    ro.audio = av::AudioStreams::None;
    ro.origin = origin;
    // One thread: frame threading delays every picture by a frame per thread, which a seek pays again.
    ro.videoThreads = 1;
    auto reader = av::MediaReader::open(std::move(in).value(), std::move(ro));
    if (!reader) return reader.error();
    auto impl = std::make_unique<Impl>(std::move(reader).value());
    AVStream* st = impl->reader.stream(impl->reader.videoIndex());
    impl->tb = st->time_base;
    impl->rate = rateOf(st);
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        impl->duration = av_rescale_q(st->duration, st->time_base, AVRational{1, 1000000});
    else
        impl->duration = impl->reader.duration();
    // MP4 durations often leave out the last frame's length: count frames when the container knows.
    if (st->nb_frames > 0)
        impl->duration = std::max(impl->duration, rescale(st->nb_frames, Rational{impl->rate.den, impl->rate.num}, kMicrosBase));
    const AVCodecParameters* par = st->codecpar;
    impl->outW = par->width;
    impl->outH = par->height;
    if (par->sample_aspect_ratio.num > 0 && par->sample_aspect_ratio.den > 0 &&
        par->sample_aspect_ratio.num != par->sample_aspect_ratio.den)
        impl->outW = static_cast<int>(av_rescale(par->width, par->sample_aspect_ratio.num, par->sample_aspect_ratio.den));
    if (maxWidth > 0 && impl->outW > maxWidth) {
        impl->outH = static_cast<int>(av_rescale(impl->outH, maxWidth, impl->outW));
        impl->outW = maxWidth;
    }
    impl->outW = std::max(2, impl->outW & ~1);
    impl->outH = std::max(2, impl->outH & ~1);
    impl->maxWidth = maxWidth;
    return VideoSource(std::move(impl));
}

VideoSource::VideoSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoSource::VideoSource(VideoSource&&) noexcept = default;
VideoSource& VideoSource::operator=(VideoSource&&) noexcept = default;
VideoSource::~VideoSource() = default;

Rational VideoSource::frameRate() const { return impl_->rate; }
Micros VideoSource::duration() const { return impl_->duration; }
std::int64_t VideoSource::frameCount() const { return impl_->frameCountGuess(); }
int VideoSource::width() const { return impl_->outW; }
int VideoSource::height() const { return impl_->outH; }
const DecodeStats& VideoSource::stats() const { return impl_->stats; }
Result<VideoFrame> VideoSource::frame(std::int64_t index) { return impl_->get(index); }

struct AudioSource::Impl {
    av::MediaReader reader;
    AVRational tb{1, 1};
    std::optional<av::Resampler> resampler;
    av::Frame frame;
    std::vector<float> pending;  // converted, not yet read
    Micros pendingAt = 0;        // session time of pending[0]
    Micros skipUntil = 0;        // samples before this are dropped: before session time 0, or a seek
    bool placed = false;         // the first frame since open or a seek has set where pending starts
    bool ended = false;

    explicit Impl(av::MediaReader r) : reader(std::move(r)) {}

    Status decodeMore() {
        av::MediaKind kind;
        auto f = reader.readFrame(frame, kind);
        if (f == av::Flow::Failed) return reader.error();
        if (f == av::Flow::End) {
            ended = true;
            return {};
        }
        if (!resampler) {
            auto r = av::Resampler::create(frame.get(), kChannels, kRate);
            if (!r) return Error::make(reader.path(), r.error().message);
            resampler.emplace(std::move(r).value());
        }
        Micros at = av_rescale_q(frame->pts, tb, AVRational{1, 1000000});
        if (!placed) {
            // Sound that starts after the picture (or after the seek target): silence until it does.
            placed = true;
            if (at > pendingAt)
                pending.assign(static_cast<size_t>(av_rescale(std::min(at - pendingAt, kMaxLeadingSilence), kRate,
                                                              1000000)) * kChannels, 0.0f);
            else
                pendingAt = at;
        } else if (pending.empty()) {
            pendingAt = at;
        }
        KOTSU_TRY(resampler->convert(frame.get(), pending));
        // Drop what lies before the seek target.
        if (skipUntil > pendingAt) {
            size_t drop = static_cast<size_t>(av_rescale(skipUntil - pendingAt, kRate, 1000000)) * kChannels;
            drop = std::min(drop, pending.size());
            pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(drop));
            pendingAt += av_rescale(static_cast<std::int64_t>(drop / kChannels), 1000000, kRate);
        }
        return {};
    }
};

Result<AudioSource> AudioSource::open(const std::string& path, std::optional<Micros> origin) {
    auto in = av::InputFile::open(path);
    if (!in) return in.error();
    if (in->bestStream(AVMEDIA_TYPE_AUDIO) < 0) return Error::make(path, "no audio stream");
    av::ReaderOptions ro;
    ro.video = false;
    ro.origin = origin;  // unset: the reader finds the first picture, which is session time 0
    auto reader = av::MediaReader::open(std::move(in).value(), std::move(ro));
    if (!reader) return reader.error();
    auto impl = std::make_unique<Impl>(std::move(reader).value());
    impl->tb = impl->reader.stream(impl->reader.audioIndex())->time_base;
    return AudioSource(std::move(impl));
}

AudioSource::AudioSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AudioSource::AudioSource(AudioSource&&) noexcept = default;
AudioSource& AudioSource::operator=(AudioSource&&) noexcept = default;
AudioSource::~AudioSource() = default;

Status AudioSource::seek(Micros t) {
    auto& d = *impl_;
    t = std::max<Micros>(0, t);
    KOTSU_TRY(d.reader.seek(t));
    d.pending.clear();
    d.pendingAt = t;
    d.skipUntil = t;
    d.placed = false;
    d.ended = false;
    d.resampler.reset();  // its delay line belongs to the old position
    return {};
}

Result<size_t> AudioSource::read(std::vector<float>& out, size_t frames) {
    auto& d = *impl_;
    while (d.pending.size() < frames * kChannels && !d.ended) KOTSU_TRY(d.decodeMore());
    size_t n = std::min(frames, d.pending.size() / kChannels);
    out.insert(out.end(), d.pending.begin(), d.pending.begin() + static_cast<std::ptrdiff_t>(n * kChannels));
    d.pending.erase(d.pending.begin(), d.pending.begin() + static_cast<std::ptrdiff_t>(n * kChannels));
    d.pendingAt += av_rescale(static_cast<std::int64_t>(n), 1000000, kRate);
    return n;
}

Micros AudioSource::position() const { return impl_->pendingAt; }

}  // namespace kotsu::annotate
