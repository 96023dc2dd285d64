#include "annotate/suggest/scan.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "annotate/suggest/frame.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/input_file.hpp"
#include "core/av/media_reader.hpp"
#include "core/hash.hpp"

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
    explicit AudioMeter(AVRational streamBase) : base_(streamBase) {}

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
                Micros t = av_rescale_q(out_->pts, tb, kMicros);
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

    AVRational base_;
    std::optional<av::FilterGraph> graph_;
    av::Frame out_;
    std::vector<AudioBlock> blocks_;
    Micros clock_ = 0, blockStart_ = 0;
    bool haveClock_ = false;
    double sum_ = 0;
    int count_ = 0;
};

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

Micros videoTime(const av::MediaReader& reader, const AVFrame* f) { return reader.toMicros(f->pts, reader.videoIndex()); }

// The video stream's first timestamp on the session timeline (before 0 with B-frames or early sound).
Micros streamStart(const av::MediaReader& reader) {
    const AVStream* st = reader.stream(reader.videoIndex());
    return st->start_time != AV_NOPTS_VALUE ? reader.toMicros(st->start_time, st->index) - reader.origin()
                                            : -reader.origin();
}

// Where the span reader is heading: pictures before the span are decoded only when other pictures
// refer to them; where the first look skipped every B picture (allB), so does the way to the span up
// to kPreRoll before it, which keeps the B pictures near the span that its own B pictures refer to.
struct Heading {
    av::MediaReader* reader = nullptr;
    Micros target = 0;
    bool allB = false;
    av::MediaReader::Skip skipping = av::MediaReader::Skip::None;

    void packet(Micros t) {
        using Skip = av::MediaReader::Skip;
        const Skip want = t >= target ? Skip::None : allB && t < target - kPreRoll ? Skip::AllB : Skip::NonReference;
        if (want != skipping) reader->skipPictures(skipping = want);
    }
    static constexpr Micros kPreRoll = 500'000;
};

// Decodes [span.from, span.to] again, every picture, and measures it.
Result<std::vector<FrameFeatures>> decodeSpan(av::MediaReader& reader, const ScanRequest& rq, Span span,
                                              Heading& heading) {
    heading.target = span.from;
    for (int attempt = 0; attempt < 4; ++attempt) {
        // Further back each time the seek lands after the span's start; at last from the very start.
        Micros back = attempt == 0 ? 0 : Micros(2'000'000) << (attempt - 1);
        KOTSU_TRY(reader.seek(attempt == 3 ? streamStart(reader) : span.from - back));
        AnalysisWorker worker(rq.width);
        bool overshot = false, first = true;
        av::Frame frame;
        av::MediaKind kind;
        av::Flow flow;
        while ((flow = reader.readFrame(frame, kind)) == av::Flow::Got) {
            Micros t = videoTime(reader, frame.get());
            if (first && t > span.from) overshot = true;
            first = false;
            if (overshot || t > span.to) break;
            if (t < span.from) continue;
            if (!worker.push(std::move(frame), t)) return worker.finish().error();
            frame = av::Frame();
            if (rq.cancel.cancelled()) return Error::make(reader.path(), "cancelled");
        }
        if (flow == av::Flow::Failed) return reader.error();
        if (!overshot) return worker.finish();
    }
    return Error::make(reader.path(), "cannot seek back to " + formatTime(span.from) + " to look closer");
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

// Whether the first look may skip every B picture: true when the I and P pictures decode the same
// without them. x264 and phones refer to B pictures only from other B pictures; HEVC encoders such
// as x265 refer to them from P pictures too, and skipping them would leave those pictures broken.
// Checked on the file's first I picture and the P pictures after it: decoded without any B picture,
// then with the B pictures others refer to (only those nothing refers to skipped). Both readers skip
// deblocking, so intact pictures are the same to the byte.
bool skippingBIsSafe(const std::string& path, int threads) {
    constexpr size_t kAnchors = 4;           // the I picture and three P pictures: three mini-GOPs
    constexpr Micros kLookAtMost = 3'000'000;  // of file time
    auto open = [&](bool allB) {
        av::ReaderOptions o;
        o.audio = av::AudioStreams::None;
        o.origin = 0;  // file time: only the two readers' pictures are compared
        o.videoThreads = threads;
        o.fastVideoDecode = true;
        o.skipAllB = allB;
        return av::MediaReader::open(path, std::move(o));
    };
    auto some = open(true), all = open(false);
    if (!all || !some) return false;
    auto digest = [](const AVFrame* f) {  // every 4th row of the luma plane
        Hasher h;
        for (int y = 0; y < f->height; y += 4) h.update(f->data[0] + static_cast<std::ptrdiff_t>(y) * f->linesize[0], f->width);
        return h.hex();
    };
    std::map<std::int64_t, std::string> anchors;  // by pts
    av::Frame frame;
    av::MediaKind kind;
    while (anchors.size() < kAnchors && some->readFrame(frame, kind) == av::Flow::Got) {
        if (frame->pts == AV_NOPTS_VALUE || !frame->data[0]) return false;
        anchors[frame->pts] = digest(frame.get());
        if (some->toMicros(frame->pts, some->videoIndex()) > kLookAtMost) break;
    }
    if (anchors.size() < 2) return false;
    size_t compared = 0;
    while (compared < anchors.size() && all->readFrame(frame, kind) == av::Flow::Got) {
        if (frame->pts > anchors.rbegin()->first) break;
        auto it = anchors.find(frame->pts);
        if (it == anchors.end()) continue;  // a B picture
        if (it->second != digest(frame.get())) return false;
        ++compared;
    }
    return compared == anchors.size();
}

}  // namespace

Result<ScanResult> scanMedia(const std::string& path, const ScanRequest& rq, Progress* progress) {
    ScanResult r;
    auto in = av::InputFile::open(path);
    if (!in) return in.error();
    r.hasVideo = in->bestStream(AVMEDIA_TYPE_VIDEO) >= 0;
    r.hasAudio = in->bestStream(AVMEDIA_TYPE_AUDIO) >= 0;
    const bool video = rq.video && r.hasVideo, audio = rq.audio && r.hasAudio;
    if (!video && !audio) return r;

    av::ReaderOptions ro;
    ro.video = video;
    ro.audio = audio ? av::AudioStreams::Best : av::AudioStreams::None;
    ro.origin = rq.origin;
    ro.videoThreads = rq.threads;
    // First pass: B pictures are skipped (see skipAllB below), and so is the
    // deblocking filter (~10 % of H.264 decoding; invisible at 256 px). Exact frames come from
    // the full decode of the stretches that matter.
    ro.fastVideoDecode = rq.fast;
    // B pictures that others refer to are skipped too where that leaves the I and P pictures
    // intact: the anchors are the I and P pictures.
    if (const int vs = in->bestStream(AVMEDIA_TYPE_VIDEO); rq.fast && vs >= 0 && in->stream(vs)->codecpar->video_delay > 0)
        ro.skipAllB = skippingBIsSafe(path, rq.threads);
    const bool skipAllB = ro.skipAllB;
    // Every picture's time, decoded or not, from its packet.
    int v = -1;
    AVRational vtb{1, 1};
    ro.onPacket = [&](const AVPacket& p) {
        if (p.stream_index != v) return;
        std::int64_t ts = p.pts != AV_NOPTS_VALUE ? p.pts : p.dts;
        if (ts != AV_NOPTS_VALUE) r.frameTimes.push_back(av_rescale_q(ts, vtb, kMicros));
    };
    auto opened = av::MediaReader::open(std::move(in).value(), std::move(ro));
    if (!opened) return opened.error();
    av::MediaReader reader = std::move(opened).value();
    v = reader.videoIndex();
    if (v >= 0) vtb = reader.stream(v)->time_base;
    const int a = reader.audioIndex();
    r.duration = reader.duration();

    std::optional<AnalysisWorker> worker;
    std::optional<AudioMeter> meter;
    if (v >= 0) {
        AVStream* st = reader.stream(v);
        AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
        if (fr.num > 0 && fr.den > 0) r.frameRate = av_q2d(fr);
        worker.emplace(rq.width);
    }
    if (a >= 0) meter.emplace(reader.stream(a)->time_base);

    Micros done = 0;
    av::Frame frame;
    av::MediaKind kind;
    av::Flow flow;
    long frames = 0;
    while ((flow = reader.readFrame(frame, kind)) == av::Flow::Got) {
        if (kind == av::MediaKind::Video) {
            Micros t = videoTime(reader, frame.get());
            done = std::max(done, t);
            if (!worker->push(std::move(frame), t)) return worker->finish().error();
            frame = av::Frame();
        } else {
            done = std::max(done, reader.toMicros(frame->pts, a));
            KOTSU_TRY(meter->push(frame));
        }
        if ((++frames & 63) == 0) {
            if (rq.cancel.cancelled()) return Error::make(path, "cancelled");
            if (progress) progress->update(done);
        }
    }
    if (flow == av::Flow::Failed) return reader.error();
    if (meter) {
        KOTSU_TRY(meter->finish());
        r.audio = meter->take();
    }
    if (worker) {
        auto features = worker->finish();
        if (!features) return features.error();
        r.frames = std::move(features).value();
        const int bad = reader.damaged();
        if (r.frames.empty())
            return Error::make(path, "no picture of the video stream decodes" +
                                         std::string(bad ? " (" + std::to_string(bad) + " errors)" : ""));
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
        if (!spans.empty()) {
            // A second reader decodes every picture of the spans (the first one skips some).
            av::ReaderOptions full;
            full.audio = av::AudioStreams::None;
            full.origin = reader.origin();
            full.videoThreads = rq.threads;
            // Deblocking changes no picture's time; pictures before a span are skipped on the way
            // to it (Heading).
            full.skipDeblocking = true;
            full.skipAllB = skipAllB;
            Heading heading;
            heading.allB = skipAllB;
            full.onPacket = [&heading, v, vtb](const AVPacket& p) {
                if (p.stream_index != v || !heading.reader) return;
                std::int64_t ts = p.pts != AV_NOPTS_VALUE ? p.pts : p.dts;
                heading.packet(ts != AV_NOPTS_VALUE ? av_rescale_q(ts, vtb, kMicros) : heading.target);
            };
            auto spanReader = av::MediaReader::open(path, std::move(full));
            if (!spanReader) return spanReader.error();
            heading.reader = &*spanReader;
            std::vector<std::vector<FrameFeatures>> dense;
            for (const auto& s : spans) {
                auto d = decodeSpan(*spanReader, rq, s, heading);
                if (!d) return d.error();
                r.refined += static_cast<long>(d->size());
                dense.push_back(std::move(d).value());
            }
            r.frames = splice(r.frames, spans, std::move(dense));
        }
        r.analysed += r.refined;
    }
    if (r.duration <= 0) r.duration = done;
    if (progress) progress->update(r.duration);
    return r;
}

}  // namespace kotsu::annotate::suggest
