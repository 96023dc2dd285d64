#include "annotate/suggest/scan.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "annotate/suggest/frame.hpp"
#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/input_file.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/pixdesc.h>
#include <libavutil/samplefmt.h>
}

namespace kotsu::annotate::suggest {

namespace {

constexpr AVRational kMicros{1, 1000000};
constexpr int kAudioRate = 16000;
constexpr int kBlockSamples = kAudioRate / 50;  // 20 ms

std::string rationalText(AVRational r) { return std::to_string(r.num) + "/" + std::to_string(r.den); }

// Decoded pictures of any size and format → small packed BGR, scaled by libswscale (fast bilinear)
// inside a filter graph rebuilt only when the input changes. libswscale filters every source row
// horizontally, so a picture several times taller than the output is first thinned to every k-th
// row by a view with k-times the line stride (no copy): a third of the work for 1080p → 144 rows.
class BgrScaler {
public:
    explicit BgrScaler(int width) : width_(width) {}

    // The returned frame stays valid until the next call.
    Result<const AVFrame*> convert(av::Frame& in) {
        const AVFrame* f = in.get();
        if (!graph_ || f->width != srcW_ || f->height != srcH_ || f->format != srcFmt_) {
            srcW_ = f->width;
            srcH_ = f->height;
            srcFmt_ = f->format;
            int w = std::min(width_, srcW_) & ~1;
            int h = std::max(2, static_cast<int>(std::lround(double(srcH_) * w / srcW_)) & ~1);
            const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(srcFmt_));
            bool thinnable = d && !(d->flags & (AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_PAL |
                                                 AV_PIX_FMT_FLAG_HWACCEL));
            step_ = thinnable ? std::max(1, srcH_ / (2 * h)) : 1;
            AVRational sar = f->sample_aspect_ratio.num > 0 ? f->sample_aspect_ratio : AVRational{1, 1};
            std::string args = "video_size=" + std::to_string(srcW_) + "x" + std::to_string(srcH_ / step_) +
                               ":pix_fmt=" + std::to_string(srcFmt_) + ":time_base=1/1000000:pixel_aspect=" +
                               rationalText(sar);
            auto g = av::FilterGraph::create("[in]scale=" + std::to_string(w) + ":" + std::to_string(h) +
                                                 ":flags=fast_bilinear,format=bgr24[out]",
                                             {{"in", args, false}}, {{"out", "", false}}, 1);
            if (!g) return g.error();
            graph_.emplace(std::move(g).value());
        }
        if (step_ > 1) {
            av::Frame view = in.ref();
            view->height = srcH_ / step_;
            for (int i = 0; i < AV_NUM_DATA_POINTERS && view->data[i]; ++i) view->linesize[i] *= step_;
            KOTSU_TRY(graph_->push(0, &view));
        } else {
            KOTSU_TRY(graph_->push(0, &in));
        }
        auto flow = graph_->pull(0, out_);
        if (flow == av::Flow::Failed) return graph_->error();
        if (flow != av::Flow::Got) return Error::make("suggest", "the scaler kept a picture back");
        return static_cast<const AVFrame*>(out_.get());
    }

private:
    int width_;
    int srcW_ = 0, srcH_ = 0, srcFmt_ = -1;
    int step_ = 1;
    std::optional<av::FilterGraph> graph_;
    av::Frame out_;
};

// The analysis thread: scales and measures pictures while the decoder works on the next ones.
class AnalysisWorker {
public:
    explicit AnalysisWorker(int width) : scaler_(width), thread_([this] { loop(); }) {}
    ~AnalysisWorker() { (void)finish(); }

    // false when the worker has failed (finish() says why).
    bool push(av::Frame frame, Micros time) {
        std::unique_lock lock(m_);
        space_.wait(lock, [&] { return queue_.size() < kDepth || failed_; });
        if (failed_) return false;
        queue_.push_back({std::move(frame), time});
        ready_.notify_one();
        return true;
    }

    Result<std::vector<FrameFeatures>> finish() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
        }
        ready_.notify_one();
        if (thread_.joinable()) thread_.join();
        if (failed_) return error_;
        return std::move(features_);
    }

private:
    static constexpr size_t kDepth = 8;
    struct Item {
        av::Frame frame;
        Micros time;
    };

    void loop() {
        while (true) {
            Item item;
            {
                std::unique_lock lock(m_);
                ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
                if (queue_.empty()) return;
                item = std::move(queue_.front());
                queue_.pop_front();
            }
            space_.notify_one();
            auto bgr = scaler_.convert(item.frame);
            if (!bgr) {
                std::lock_guard lock(m_);
                error_ = bgr.error();
                failed_ = true;
                queue_.clear();
                space_.notify_all();
                return;
            }
            const AVFrame* p = *bgr;
            features_.push_back(analyzer_.analyze(p->data[0], p->width, p->height, p->linesize[0], item.time));
        }
    }

    BgrScaler scaler_;
    FrameAnalyzer analyzer_;
    std::vector<FrameFeatures> features_;
    std::mutex m_;
    std::condition_variable ready_, space_;
    std::deque<Item> queue_;
    bool closed_ = false;
    bool failed_ = false;
    Error error_;
    std::thread thread_;  // last: starts once everything above exists
};

// Decoded sound → mono 16 kHz speech band → 20 ms energy blocks.
class AudioMeter {
public:
    AudioMeter(Micros start, AVRational streamBase) : start_(start), base_(streamBase) {}

    Status push(av::Frame& frame) {
        if (!graph_) KOTSU_TRY(create(frame.get()));
        if (frame->pts == AV_NOPTS_VALUE) frame->pts = frame->best_effort_timestamp;
        KOTSU_TRY(graph_->push(0, &frame));
        return drain();
    }

    Status finish() {
        if (!graph_) return {};
        KOTSU_TRY(graph_->push(0, nullptr));
        return drain();
    }

    std::vector<AudioBlock> take() { return std::move(blocks_); }

private:
    Status create(const AVFrame* f) {
        AVChannelLayout layout{};
        if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || av_channel_layout_check(&f->ch_layout) == 0)
            av_channel_layout_default(&layout, std::max(1, f->ch_layout.nb_channels));
        else
            av_channel_layout_copy(&layout, &f->ch_layout);
        char name[128] = {0};
        av_channel_layout_describe(&layout, name, sizeof name);
        av_channel_layout_uninit(&layout);
        const char* fmt = av_get_sample_fmt_name(static_cast<AVSampleFormat>(f->format));
        std::string args = "sample_rate=" + std::to_string(f->sample_rate) + ":sample_fmt=" + (fmt ? fmt : "fltp") +
                           ":channel_layout=" + name + ":time_base=" + rationalText(base_);
        // Speech lives between ~150 Hz and ~4 kHz; rumble and hiss outside it are not a voice.
        auto g = av::FilterGraph::create("[in]aresample=" + std::to_string(kAudioRate) +
                                             ",aformat=sample_fmts=flt:channel_layouts=mono,"
                                             "highpass=f=150,lowpass=f=4000[out]",
                                         {{"in", args, true}}, {{"out", "", true}}, 1);
        if (!g) return g.error();
        graph_.emplace(std::move(g).value());
        return {};
    }

    Status drain() {
        while (true) {
            auto flow = graph_->pull(0, out_);
            if (flow == av::Flow::Failed) return graph_->error();
            if (flow != av::Flow::Got) return {};
            AVRational tb = graph_->outputTimeBase(0);
            if (out_->pts != AV_NOPTS_VALUE) {
                Micros t = av_rescale_q(out_->pts, tb, kMicros) - start_;
                // Follow the stream's clock when it jumps; otherwise count samples (no drift).
                if (!haveClock_ || std::llabs(t - clock_) > 40'000) {
                    clock_ = t;
                    haveClock_ = true;
                }
            }
            const auto* x = reinterpret_cast<const float*>(out_->data[0]);
            for (int i = 0; i < out_->nb_samples; ++i) {
                if (count_ == 0) blockStart_ = clock_ + Micros(i) * 1'000'000 / kAudioRate;
                sum_ += double(x[i]) * x[i];
                if (++count_ == kBlockSamples) {
                    blocks_.push_back({blockStart_, float(10.0 * std::log10(sum_ / count_ + 1e-12))});
                    sum_ = 0;
                    count_ = 0;
                }
            }
            clock_ += Micros(out_->nb_samples) * 1'000'000 / kAudioRate;
        }
    }

    Micros start_;
    AVRational base_;
    std::optional<av::FilterGraph> graph_;
    av::Frame out_;
    std::vector<AudioBlock> blocks_;
    Micros clock_ = 0, blockStart_ = 0;
    bool haveClock_ = false;
    double sum_ = 0;
    int count_ = 0;
};

// Sends a packet (nullptr drains) and hands every frame that comes out to `take`.
// A packet that does not decode is skipped, as players do; `bad` counts them.
template <class Take>
Status decodePacket(av::Decoder& dec, const av::Packet* pkt, av::Frame& frame, int& bad, Take&& take) {
    while (true) {
        auto sent = dec.send(pkt);
        if (sent == av::Flow::Failed) {
            ++bad;
            sent = av::Flow::Got;
        }
        bool gotAny = false;
        while (true) {
            auto got = dec.receive(frame);
            if (got == av::Flow::Failed) ++bad;
            if (got != av::Flow::Got) break;
            gotAny = true;
            KOTSU_TRY(take(frame));
        }
        // EAGAIN on both sides would be a decoder bug; drop the packet rather than spin.
        if (sent != av::Flow::Again || !gotAny) return {};
    }
}

struct Span {
    Micros from, to;
};

std::vector<Span> refineSpans(const std::vector<FrameFeatures>& anchors, const std::vector<Micros>& frameTimes,
                              const ScanRequest& rq) {
    std::vector<Span> spans;
    const size_t n = anchors.size();
    const size_t k = static_cast<size_t>(std::max(1, rq.refineNeighbours));
    for (size_t i = 1; i < n; ++i) {
        const auto& a = anchors[i - 1];
        const auto& b = anchors[i];
        auto lo = std::upper_bound(frameTimes.begin(), frameTimes.end(), a.time);
        auto hi = std::lower_bound(frameTimes.begin(), frameTimes.end(), b.time);
        if (lo >= hi) continue;  // nothing was skipped between them: already exact
        bool changed = rq.refineContent > 0 && b.content >= rq.refineContent;
        bool crossed = rq.refineBlack > 0 && ((a.intensity < rq.refineBlack) != (b.intensity < rq.refineBlack));
        if (!changed && !crossed) continue;
        Span s{anchors[i - 1 >= k ? i - 1 - k : 0].time, anchors[std::min(n - 1, i + k)].time};
        if (!spans.empty() && s.from <= spans.back().to + 1'000'000)
            spans.back().to = std::max(spans.back().to, s.to);
        else
            spans.push_back(s);
    }
    return spans;
}

Micros frameTime(const AVFrame* f, AVRational tb, Micros start, Micros previous, Micros step) {
    if (f->best_effort_timestamp == AV_NOPTS_VALUE) return previous + step;
    return av_rescale_q(f->best_effort_timestamp, tb, kMicros) - start;
}

// Decodes [span.from, span.to] again, every picture, and measures it.
Result<std::vector<FrameFeatures>> decodeSpan(av::InputFile& in, int v, const ScanRequest& rq, Micros start,
                                              Micros step, Span span) {
    AVStream* st = in.stream(v);
    for (int attempt = 0; attempt < 4; ++attempt) {
        Micros back = attempt == 0 ? 0 : Micros(2'000'000) << (attempt - 1);
        std::int64_t target = av_rescale_q(span.from + start - back, kMicros, st->time_base);
        if (attempt == 3) target = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
        KOTSU_TRY(in.seek(v, target));
        auto dec = av::Decoder::open(st, in.path(), rq.threads);
        if (!dec) return dec.error();
        AnalysisWorker worker(rq.width);
        bool overshot = false, done = false, first = true;
        Micros previous = span.from - step;
        int bad = 0;
        av::Packet pkt;
        av::Frame frame;
        auto take = [&](av::Frame& f) -> Status {
            Micros t = frameTime(f.get(), st->time_base, start, previous, step);
            previous = t;
            if (first && t > span.from) overshot = true;
            first = false;
            if (overshot || done || t < span.from) return {};
            if (t > span.to) {
                done = true;
                return {};
            }
            if (!worker.push(std::move(f), t)) return worker.finish().error();
            f = av::Frame();
            return {};
        };
        while (!done && !overshot) {
            auto flow = in.read(pkt);
            if (flow == av::Flow::Failed) return in.error();
            if (flow == av::Flow::Again) continue;
            if (flow == av::Flow::End) {
                KOTSU_TRY(decodePacket(*dec, nullptr, frame, bad, take));
                break;
            }
            if (pkt->stream_index != v) continue;
            KOTSU_TRY(decodePacket(*dec, &pkt, frame, bad, take));
            if (cancelRequested()) return Error::make(in.path(), "cancelled");
        }
        if (!overshot) return worker.finish();
    }
    return Error::make(in.path(), "cannot seek back to " + formatTime(span.from) + " to look closer");
}

// Anchors outside the spans, every picture inside them. A span's first picture is an anchor: it
// keeps the change measured against the anchor before it.
std::vector<FrameFeatures> splice(const std::vector<FrameFeatures>& anchors, const std::vector<Span>& spans,
                                  std::vector<std::vector<FrameFeatures>> dense) {
    std::vector<FrameFeatures> out;
    size_t s = 0;
    for (size_t i = 0; i < anchors.size();) {
        if (s < spans.size() && anchors[i].time >= spans[s].from) {
            auto& d = dense[s];
            for (auto& f : d) {
                auto same = std::lower_bound(anchors.begin(), anchors.end(), f.time,
                                             [](const FrameFeatures& a, Micros t) { return a.time < t; });
                bool isAnchor = same != anchors.end() && same->time == f.time;
                f.activity = isAnchor ? same->activity : -1;
                if (&f == &d.front() && isAnchor) f.content = same->content;
                out.push_back(f);
            }
            while (i < anchors.size() && anchors[i].time <= spans[s].to) ++i;
            ++s;
            continue;
        }
        out.push_back(anchors[i++]);
    }
    std::sort(out.begin(), out.end(), [](const FrameFeatures& a, const FrameFeatures& b) { return a.time < b.time; });
    return out;
}

}  // namespace

Result<ScanResult> scanMedia(const std::string& path, const ScanRequest& rq, Progress* progress) {
    auto opened = av::InputFile::open(path);
    if (!opened) return opened.error();
    av::InputFile in = std::move(opened).value();
    AVFormatContext* fc = in.ctx();
    ScanResult r;
    r.hasVideo = in.bestStream(AVMEDIA_TYPE_VIDEO) >= 0;
    r.hasAudio = in.bestStream(AVMEDIA_TYPE_AUDIO) >= 0;
    const int v = rq.video && r.hasVideo ? in.bestStream(AVMEDIA_TYPE_VIDEO) : -1;
    const int a = rq.audio && r.hasAudio ? in.bestStream(AVMEDIA_TYPE_AUDIO) : -1;
    if (v < 0 && a < 0) return r;
    for (unsigned i = 0; i < fc->nb_streams; ++i)
        fc->streams[i]->discard = (int(i) == v || int(i) == a) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    // The file's timeline starts at its first timestamp (probe's startOffset): first frame = 0.
    const Micros start = fc->start_time != AV_NOPTS_VALUE ? fc->start_time : 0;
    r.duration = fc->duration != AV_NOPTS_VALUE ? fc->duration : 0;

    std::optional<av::Decoder> vdec, adec;
    std::optional<AnalysisWorker> worker;
    std::optional<AudioMeter> meter;
    Micros step = 33'333;
    if (v >= 0) {
        AVStream* st = in.stream(v);
        AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
        if (fr.num > 0 && fr.den > 0) {
            r.frameRate = av_q2d(fr);
            step = std::max<Micros>(1, av_rescale_q(1, av_inv_q(fr), kMicros));
        }
        auto d = av::Decoder::open(st, path, rq.threads);
        if (!d) return d.error();
        vdec.emplace(std::move(d).value());
        // First pass: pictures no other picture refers to (most B-frames) are skipped, and so is the
        // deblocking filter (~10 % of H.264 decoding; invisible at 256 px). Exact frames come from
        // the full decode of the stretches that matter.
        if (rq.fast) {
            vdec->ctx()->skip_frame = AVDISCARD_NONREF;
            vdec->ctx()->skip_loop_filter = AVDISCARD_ALL;
        }
        worker.emplace(rq.width);
    }
    if (a >= 0) {
        auto d = av::Decoder::open(in.stream(a), path, 1);
        if (!d) return d.error();
        adec.emplace(std::move(d).value());
        meter.emplace(start, in.stream(a)->time_base);
    }

    int badVideo = 0, badAudio = 0;
    Micros vPrev = -step, done = 0;
    av::Packet pkt;
    av::Frame vframe, aframe;
    auto takeVideo = [&](av::Frame& f) -> Status {
        Micros t = frameTime(f.get(), in.stream(v)->time_base, start, vPrev, step);
        vPrev = t;
        done = std::max(done, t);
        if (!worker->push(std::move(f), t)) return worker->finish().error();
        f = av::Frame();
        return {};
    };
    auto takeAudio = [&](av::Frame& f) -> Status {
        done = std::max(done, f->best_effort_timestamp == AV_NOPTS_VALUE
                                  ? done
                                  : av_rescale_q(f->best_effort_timestamp, in.stream(a)->time_base, kMicros) - start);
        return meter->push(f);
    };
    long packets = 0;
    while (true) {
        auto flow = in.read(pkt);
        if (flow == av::Flow::Failed) return in.error();
        if (flow == av::Flow::Again) continue;
        if (flow == av::Flow::End) break;
        if (pkt->stream_index == v) {
            std::int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
            if (ts != AV_NOPTS_VALUE) r.frameTimes.push_back(av_rescale_q(ts, in.stream(v)->time_base, kMicros) - start);
            KOTSU_TRY(decodePacket(*vdec, &pkt, vframe, badVideo, takeVideo));
        } else if (pkt->stream_index == a) {
            KOTSU_TRY(decodePacket(*adec, &pkt, aframe, badAudio, takeAudio));
        }
        if ((++packets & 63) == 0) {
            if (cancelRequested()) return Error::make(path, "cancelled");
            if (progress) progress->update(done);
        }
    }
    if (vdec) KOTSU_TRY(decodePacket(*vdec, nullptr, vframe, badVideo, takeVideo));
    if (adec) KOTSU_TRY(decodePacket(*adec, nullptr, aframe, badAudio, takeAudio));
    if (meter) {
        KOTSU_TRY(meter->finish());
        r.audio = meter->take();
    }
    if (worker) {
        auto features = worker->finish();
        if (!features) return features.error();
        r.frames = std::move(features).value();
        if (r.frames.empty())
            return Error::make(path, "no picture of the video stream decodes" +
                                         std::string(badVideo ? " (" + std::to_string(badVideo) + " errors)" : ""));
    }
    std::sort(r.frameTimes.begin(), r.frameTimes.end());
    r.frameTimes.erase(std::unique(r.frameTimes.begin(), r.frameTimes.end()), r.frameTimes.end());
    std::sort(r.frames.begin(), r.frames.end(), [](auto& x, auto& y) { return x.time < y.time; });
    r.analysed = static_cast<long>(r.frames.size());
    if (r.frameRate <= 0 && r.frameTimes.size() > 1)
        r.frameRate = 1e6 * double(r.frameTimes.size() - 1) / double(r.frameTimes.back() - r.frameTimes.front());

    if (v >= 0 && rq.fast && r.frames.size() < r.frameTimes.size()) {
        auto spans = refineSpans(r.frames, r.frameTimes, rq);
        // Busy pictures everywhere: one full pass costs less than many seeks and overlapping GOPs.
        Micros covered = 0;
        for (const auto& s : spans) covered += s.to - s.from;
        const Micros whole = r.frames.back().time - r.frames.front().time;
        if (covered > whole / 3) spans = {Span{r.frames.front().time, r.frames.back().time}};
        std::vector<std::vector<FrameFeatures>> dense;
        for (const auto& s : spans) {
            auto d = decodeSpan(in, v, rq, start, step, s);
            if (!d) return d.error();
            r.refined += static_cast<long>(d->size());
            dense.push_back(std::move(d).value());
        }
        if (!spans.empty()) r.frames = splice(r.frames, spans, std::move(dense));
        r.analysed += r.refined;
    }
    if (r.duration <= 0) r.duration = done;
    if (progress) progress->update(r.duration);
    return r;
}

}  // namespace kotsu::annotate::suggest
