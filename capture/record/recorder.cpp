#include "capture/record/recorder.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "capture/record/fragment_writer.hpp"
#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/log_capture.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/output_file.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

namespace kotsu::record {

namespace {

using Steady = std::chrono::steady_clock;
constexpr AVRational kVideoTb{1, 90000};
constexpr AVRational kMicrosTb{1, 1000000};
constexpr int kAudioRate = 48000;

// Sound the device lost — its clock staying ahead of the samples counted by more than kSoundGap for
// kSoundGapHeld, so not a stall the samples catch up from — is filled with silence so the sound
// stays with the picture, and counted.
constexpr Micros kSoundGap = 200'000;
constexpr Micros kSoundGapHeld = 1'000'000;
// Sound comes in packets as small as one sample (ALSA's file plugin over null: 4-byte packets, tens of
// thousands a second); a queue item and a filter-graph pass each cost more than real time, so the
// reader gathers sound into frames of at least this many samples (20 ms at 48 kHz) first.
constexpr int kSoundBatch = 960;

struct Item {
    av::Frame frame;
    bool audio = false;
    Micros t = 0;           // session time
    std::int64_t pts = 0;   // sound: session time in samples (1/sample rate), from the sample count
};

class ItemQueue {
public:
    void push(Item it) {
        {
            std::lock_guard lock(m_);
            if (!it.audio) ++video_;
            q_.push_back(std::move(it));
        }
        cv_.notify_one();
    }
    bool pop(Item& it) {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return closed_ || !q_.empty(); });
        if (q_.empty()) return false;
        it = std::move(q_.front());
        q_.pop_front();
        if (!it.audio) --video_;
        return true;
    }
    void close() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    [[nodiscard]] int videoQueued() {
        std::lock_guard lock(m_);
        return video_;
    }
    [[nodiscard]] std::size_t size() {
        std::lock_guard lock(m_);
        return q_.size();
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<Item> q_;
    int video_ = 0;
    bool closed_ = false;
};

struct Output;

struct Device {
    DeviceRequest req;
    std::optional<av::MediaReader> reader;
    bool video = false;
    Output* out = nullptr;
    DeviceClock clock;
    std::atomic<bool> started{false};
    std::atomic<bool> ended{false};
    std::string failure;
    std::thread thread;
    // Sound is placed by counting its samples: the first at its arrival on the session clock, each
    // next one 1/rate later. Device timestamps (ALSA's are the wall clock at each read) only find
    // sound the device lost; a source faster than real time or a burst after a busy moment keeps
    // every sample, in order, at its place.
    int rate = 0;
    std::int64_t firstSample = 0;  // session time of the first sample (1/rate)
    std::int64_t samples = 0;      // samples placed since, gaps included
    Micros behindSince = -1;       // the device's clock ahead of the count by over kSoundGap since
    std::int64_t behindLeast = 0;  // by this many samples at least since then
    av::Frame batch;               // sound gathered, not handed on yet (kSoundBatch)
    int batchFilled = 0, batchCapacity = 0;
    std::int64_t batchPts = 0;
    Micros batchT = 0;
    std::atomic<Micros> soundLost{0};
};

struct Output {
    RecordedFile file;
    std::unique_ptr<FragmentWriter> writer;
    std::optional<av::OutputFile> out;
    std::optional<av::Encoder> venc, aenc;
    std::optional<av::FilterGraph> vgraph, agraph;
    int vst = -1, ast = -1;
    int fps = 30;
    int audioInRate = 0;
    ItemQueue queue;
    std::thread thread;
    std::atomic<std::int64_t> frames{0}, dropped{0};
    std::atomic<float> peak{0};
    std::int64_t lastVideoPts = std::numeric_limits<std::int64_t>::min();
    Micros lastFragment = 0;
    std::mutex errMutex;
    Error error;
    std::atomic<bool> failed{false};

    void fail(const Error& e) {
        std::lock_guard lock(errMutex);
        if (!failed) error = e;
        failed = true;
    }
};

std::string isoLocal(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
    return buf;
}

int frameRateOf(const av::MediaReader& r, int fallback) {
    const AVStream* st = r.stream(r.videoIndex());
    for (AVRational q : {st->avg_frame_rate, st->r_frame_rate})
        if (q.num > 0 && q.den > 0) {
            int f = static_cast<int>(std::lround(av_q2d(q)));
            if (f > 0 && f <= 240) return f;
        }
    return fallback;
}

Status openVideo(Output& o, const av::MediaReader& r, const RecordOptions& opts, const std::string& timecode) {
    const AVCodecContext* dec = r.videoCodec();
    o.fps = frameRateOf(r, opts.fps > 0 ? opts.fps : 30);
    const bool globalHeader = o.out->ctx()->oformat->flags & AVFMT_GLOBALHEADER;
    const int w = dec->width & ~1, h = dec->height & ~1;
    av::Dictionary x264;
    x264.set("preset", opts.preset).set("tune", "zerolatency").set("crf", std::to_string(opts.crf));
    x264.set("x264-params", "scenecut=0");  // a keyframe every second exactly: fragments of 1 s
    auto enc = av::Encoder::open(
        "libx264",
        [&](AVCodecContext* c) {
            c->width = w;
            c->height = h;
            c->pix_fmt = AV_PIX_FMT_YUV420P;
            c->time_base = kVideoTb;
            c->framerate = {o.fps, 1};
            c->gop_size = o.fps;
            c->keyint_min = o.fps;
            c->max_b_frames = 0;
            c->sample_aspect_ratio = {1, 1};
            c->thread_count = 0;
            if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        },
        std::move(x264), o.file.path.string());
    if (!enc) return enc.error();
    o.venc.emplace(std::move(enc).value());
    auto graph = av::FilterGraph::create("[in]scale=" + std::to_string(w) + ":" + std::to_string(h) + ",format=yuv420p[out]",
                                         {av::videoInput("in", dec->width, dec->height, dec->pix_fmt, kVideoTb)},
                                         {{.label = "out"}}, 1);
    if (!graph) return graph.error();
    o.vgraph.emplace(std::move(graph).value());
    auto st = o.out->addStream(*o.venc);
    if (!st) return st.error();
    o.vst = *st;
    o.out->stream(o.vst)->avg_frame_rate = {o.fps, 1};
    o.out->setMetadata(o.vst, "timecode", timecode);
    return {};
}

Status openAudio(Output& o, const av::MediaReader& r) {
    const AVCodecContext* dec = r.audioCodec();
    const int channels = std::clamp(dec->ch_layout.nb_channels, 1, 2);
    o.audioInRate = dec->sample_rate;
    const bool globalHeader = o.out->ctx()->oformat->flags & AVFMT_GLOBALHEADER;
    auto enc = av::Encoder::open(
        "aac",
        [&](AVCodecContext* c) {
            c->sample_rate = kAudioRate;
            c->sample_fmt = AV_SAMPLE_FMT_FLTP;
            av_channel_layout_default(&c->ch_layout, channels);
            c->time_base = {1, kAudioRate};
            c->bit_rate = 64000 * channels;
            if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        },
        {}, o.file.path.string());
    if (!enc) return enc.error();
    o.aenc.emplace(std::move(enc).value());
    const std::string layout = channels == 1 ? "mono" : "stereo";
    // async: gaps in the sound (a busy machine) are filled with silence, so it stays with the picture;
    // first_pts=0: the sound starts at session time 0 like everything else.
    auto graph = av::FilterGraph::create(
        "[in]aresample=" + std::to_string(kAudioRate) + ":async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=" +
            layout + "[out]",
        {av::audioInput("in", dec->sample_rate, dec->sample_fmt, dec->ch_layout, {1, dec->sample_rate})},
        {{.label = "out", .audio = true}}, 1);
    if (!graph) return graph.error();
    o.agraph.emplace(std::move(graph).value());
    o.agraph->setAudioFrameSize(0, o.aenc->ctx()->frame_size > 0 ? o.aenc->ctx()->frame_size : 1024);
    auto st = o.out->addStream(*o.aenc);
    if (!st) return st.error();
    o.ast = *st;
    return {};
}

// Writes what the encoder has, ending a fragment before a keyframe once `fragment` has gone by.
Status drain(Output& o, av::Encoder& enc, int stream, Micros fragment) {
    av::Packet pkt;
    for (;;) {
        auto f = enc.receive(pkt);
        if (f == av::Flow::Again || f == av::Flow::End) return {};
        if (f == av::Flow::Failed) return enc.error();
        if (stream == o.vst && (pkt->flags & AV_PKT_FLAG_KEY)) {
            const Micros t = av_rescale_q(pkt->pts, enc.ctx()->time_base, kMicrosTb);
            if (t - o.lastFragment >= fragment - fragment / 10) {
                KOTSU_TRY(o.out->flushFragment());
                o.writer->seal();
                o.lastFragment = t;
            }
        }
        KOTSU_TRY(o.out->write(pkt, stream, enc.ctx()->time_base));
        if (stream == o.vst) ++o.frames;
    }
}

Status pullVideo(Output& o, Micros fragment) {
    av::Frame f;
    for (;;) {
        auto fl = o.vgraph->pull(0, f);
        if (fl == av::Flow::Failed) return o.vgraph->error();
        if (fl != av::Flow::Got) return {};
        f->pict_type = AV_PICTURE_TYPE_NONE;
        if (o.venc->send(&f) == av::Flow::Failed) return o.venc->error();
        f.unref();
        KOTSU_TRY(drain(o, *o.venc, o.vst, fragment));
    }
}

Status pullAudio(Output& o, Micros fragment) {
    av::Frame f;
    for (;;) {
        auto fl = o.agraph->pull(0, f);
        if (fl == av::Flow::Failed) return o.agraph->error();
        if (fl != av::Flow::Got) return {};
        float peak = 0;
        for (int c = 0; c < f->ch_layout.nb_channels; ++c) {
            const auto* s = reinterpret_cast<const float*>(f->extended_data[c]);
            for (int i = 0; i < f->nb_samples; ++i) peak = std::max(peak, std::fabs(s[i]));
        }
        float old = o.peak.load();
        while (peak > old && !o.peak.compare_exchange_weak(old, peak)) {}
        if (o.aenc->send(&f) == av::Flow::Failed) return o.aenc->error();
        f.unref();
        KOTSU_TRY(drain(o, *o.aenc, o.ast, fragment));
    }
}

Status encodeItem(Output& o, Item& it, Micros fragment) {
    if (it.audio) {
        if (!o.agraph) return {};
        it.frame->pts = it.pts;
        KOTSU_TRY(o.agraph->push(0, &it.frame));
        return pullAudio(o, fragment);
    }
    if (!o.vgraph) return {};
    const std::int64_t pts = av_rescale_q(it.t, kMicrosTb, kVideoTb);
    if (pts <= o.lastVideoPts) {
        ++o.dropped;  // a picture out of order or twice: the file needs rising times
        return {};
    }
    o.lastVideoPts = pts;
    it.frame->pts = pts;
    KOTSU_TRY(o.vgraph->push(0, &it.frame));
    return pullVideo(o, fragment);
}

Status finishOutput(Output& o, Micros fragment) {
    if (o.vgraph) {
        KOTSU_TRY(o.vgraph->push(0, nullptr));
        KOTSU_TRY(pullVideo(o, fragment));
        (void)o.venc->send(nullptr);
        KOTSU_TRY(drain(o, *o.venc, o.vst, fragment));
    }
    if (o.agraph) {
        KOTSU_TRY(o.agraph->push(0, nullptr));
        KOTSU_TRY(pullAudio(o, fragment));
        (void)o.aenc->send(nullptr);
        KOTSU_TRY(drain(o, *o.aenc, o.ast, fragment));
    }
    KOTSU_TRY(o.out->finish());
    o.writer->seal();
    return {};
}

// The session time (in samples) of a frame of sound arriving at session time `t` by the device's
// clock: the count of samples so far, jumped ahead over sound the device lost (counted). -1 when
// the frame starts at or after `duration` (0: none); a frame crossing it is cut there.
std::int64_t placeSound(Device& d, av::Frame& f, Micros t, Micros duration) {
    const int rate = f->sample_rate > 0 ? f->sample_rate : 48000;
    if (d.rate == 0) {
        d.rate = rate;
        d.firstSample = av_rescale(t, rate, 1'000'000);
    }
    std::int64_t pts = d.firstSample + d.samples;
    const std::int64_t behind = av_rescale(t, rate, 1'000'000) - pts;
    if (behind <= av_rescale(kSoundGap, rate, 1'000'000)) {
        d.behindSince = -1;
    } else if (d.behindSince < 0) {
        d.behindSince = t;
        d.behindLeast = behind;
    } else {
        d.behindLeast = std::min(d.behindLeast, behind);
        if (t - d.behindSince >= kSoundGapHeld) {  // lost for good: skip the count over it
            d.soundLost += av_rescale(d.behindLeast, 1'000'000, rate);
            d.samples += d.behindLeast;
            pts += d.behindLeast;
            d.behindSince = -1;
        }
    }
    if (duration > 0) {
        const std::int64_t end = av_rescale(duration, rate, 1'000'000);
        if (pts >= end) return -1;
        if (pts + f->nb_samples > end) f->nb_samples = static_cast<int>(end - pts);
    }
    d.samples += f->nb_samples;
    return pts;
}

// Hands on the sound gathered so far.
void flushSound(Device& d) {
    if (d.batchFilled == 0) return;
    d.batch->nb_samples = d.batchFilled;
    d.out->queue.push(Item{std::move(d.batch), true, d.batchT, d.batchPts});
    d.batch = av::Frame();
    d.batchFilled = 0;
}

// Gathers a frame of sound placed at `pts` (1/rate) with the ones before it, handing them on once
// there are kSoundBatch samples, or before a gap; a frame that big on its own goes on as it is.
void gatherSound(Device& d, av::Frame& f, std::int64_t pts, Micros t) {
    if (d.batchFilled > 0 && (pts != d.batchPts + d.batchFilled || d.batchFilled + f->nb_samples > d.batchCapacity))
        flushSound(d);
    if (d.batchFilled == 0 && f->nb_samples >= kSoundBatch) {
        d.out->queue.push(Item{std::move(f), true, t, pts});
        f = av::Frame();
        return;
    }
    if (d.batchFilled == 0) {
        d.batchCapacity = 2 * kSoundBatch;
        d.batch = av::Frame::audio(f->format, f->ch_layout, f->sample_rate, d.batchCapacity);
        d.batchPts = pts;
        d.batchT = t;
    }
    av_samples_copy(d.batch->extended_data, f->extended_data, d.batchFilled, 0, f->nb_samples,
                    f->ch_layout.nb_channels, static_cast<AVSampleFormat>(f->format));
    d.batchFilled += f->nb_samples;
    if (d.batchFilled >= kSoundBatch) flushSound(d);
}

// A camera asked for a size or rate it does not give: one line naming the device and both modes.
Status checkMode(const av::MediaReader& r, const std::string& device, const RecordOptions& opts) {
    const AVCodecContext* c = r.videoCodec();
    if (!c) return {};
    const std::string size = std::to_string(c->width) + "x" + std::to_string(c->height);
    if (!opts.size.empty() && size != opts.size)
        return Error::make(device, "cannot record " + opts.size + ": the device gives " + size +
                                       " (kotsu capture devices lists its modes)");
    const int fps = frameRateOf(r, 0);
    if (opts.fps > 0 && fps > 0 && fps != opts.fps)
        return Error::make(device, "cannot record " + std::to_string(opts.fps) + " fps: the device gives " +
                                       std::to_string(fps) + " fps (kotsu capture devices lists its modes)");
    return {};
}

// The same camera or microphone twice in one take (a lavfi graph is a new source each time).
Status checkTwice(const std::vector<DeviceRequest>& requests) {
    for (std::size_t i = 0; i < requests.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (requests[i].spec.kind != "lavfi" && requests[i].spec.text() == requests[j].spec.text())
                return Error::make(requests[i].spec.text(), "given twice: a device records once per take");
    return {};
}

// Pictures waiting when reading begins (a camera's buffers; a lavfi source paced from when it was
// opened) come in a burst, late for their time: placed by their arrival, a camera opened earlier would
// sit later on the session clock than one opened after it. So a camera's first pictures are held until
// they come on time (the burst over: a few in a row no earlier against their own times than the
// earliest so far, 0.2 s at least, 1 s at most), and its offset is the least (arrival − device time)
// seen: each picture is placed when it was taken. Those taken before the take began are left out.
constexpr Micros kSettleLeast = 200'000, kSettleMost = 1'000'000;

class PictureClock {
public:
    // Holds a picture arrived at session time `arrived`; true once the offset is settled.
    bool hold(av::Frame& f, Micros devT, Micros arrived) {
        const Micros lag = arrived - devT;
        if (held_.empty()) {
            first_ = devT;
            offset_ = lag;
        } else {
            onTime_ = lag >= offset_ - 2'000 ? onTime_ + 1 : 0;
            offset_ = std::min(offset_, lag);
        }
        held_.emplace_back(std::move(f), devT);
        f = av::Frame();
        const Micros span = devT - first_;
        return span >= kSettleMost || (span >= kSettleLeast && onTime_ >= 3);
    }
    [[nodiscard]] Micros offset() const { return offset_; }
    [[nodiscard]] bool holding() const { return !held_.empty(); }
    std::vector<std::pair<av::Frame, Micros>> take() { return std::exchange(held_, {}); }

private:
    std::vector<std::pair<av::Frame, Micros>> held_;
    Micros first_ = 0, offset_ = 0;
    int onTime_ = 0;
};

// A device's reader thread: frames onto the session clock, into its file's queue.
void readDevice(Device& d, std::atomic<bool>& stopping, const std::function<Micros()>& now, const RecordOptions& opts) {
    PictureClock settle;
    bool settled = false;
    // A picture at device time `devT` to its file; false once the duration is reached.
    auto picture = [&](av::Frame& f, Micros devT) {
        const Micros t = devT + d.clock.offset;
        if (t < 0) return true;  // taken before the take began
        if (opts.duration > 0 && t >= opts.duration) return false;
        if (!d.started) {
            d.clock.firstFrame = t;
            d.started = true;
        }
        if (d.out->queue.videoQueued() > 2 * d.out->fps) {
            ++d.out->dropped;  // encoding fell behind: the picture is dropped, the take goes on
            return true;
        }
        d.out->queue.push(Item{std::move(f), false, t, 0});
        f = av::Frame();
        return true;
    };
    // The held pictures go on with the settled offset.
    auto release = [&] {
        settled = true;
        d.clock.offset = settle.offset();
        bool more = true;
        for (auto& [f, devT] : settle.take()) more = more && picture(f, devT);
        return more;
    };
    av::Frame f;
    av::MediaKind kind;
    while (!stopping) {
        auto fl = d.reader->readFrame(f, kind);
        if (fl == av::Flow::End || fl == av::Flow::Failed) {
            if (!stopping)
                d.failure = d.clock.device + ": " +
                            (fl == av::Flow::End ? "the device stopped sending (unplugged?)" : "lost: " + d.reader->error().what());
            break;
        }
        const int s = kind == av::MediaKind::Video ? d.reader->videoIndex() : d.reader->audioIndex();
        if (f->pts == AV_NOPTS_VALUE) continue;
        const Micros devT = d.reader->toMicros(f->pts, s);
        if (kind == av::MediaKind::Audio) {
            if (!d.started) {
                d.clock.offset = now() - devT;
                d.clock.firstFrame = devT + d.clock.offset;
                d.started = true;
            }
            const Micros t = devT + d.clock.offset;
            const std::int64_t pts = placeSound(d, f, t, opts.duration);
            if (pts < 0) break;  // the duration is reached on the sound's own clock
            gatherSound(d, f, pts, t);
            continue;
        }
        if (!settled) {
            if (settle.hold(f, devT, now()) && !release()) break;
            continue;
        }
        if (!picture(f, devT)) break;
    }
    if (settle.holding()) (void)release();
    flushSound(d);
    d.ended = true;
}

void encodeLoop(Output& o, Micros fragment) {
    Item it;
    while (o.queue.pop(it)) {
        if (o.failed) continue;  // keep emptying the queue so the readers never block
        if (auto s = encodeItem(o, it, fragment); !s) o.fail(s.error());
        if (o.writer->failed()) o.fail(o.writer->error());
    }
    if (!o.failed)
        if (auto s = finishOutput(o, fragment); !s) o.fail(s.error());
    if (auto s = o.writer->close(); !s) o.fail(s.error());
}

}  // namespace

std::string timecodeOf(std::int64_t unixMicros, int fps) {
    std::time_t secs = static_cast<std::time_t>(unixMicros / 1000000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    const int frame = static_cast<int>((unixMicros % 1000000) * fps / 1000000);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec, frame);
    return buf;
}

Result<RecordResult> record(const std::vector<DeviceRequest>& requests, const RecordOptions& opts,
                            const std::filesystem::path& folder, const RecordHooks& hooks) {
    if (requests.empty()) return Error::make("capture", "give at least one --device");
    KOTSU_TRY(checkTwice(requests));
    // 1. Open every device before anything is created: a bad one is an error naming it.
    std::vector<std::unique_ptr<Device>> devices;
    for (const auto& rq : requests) {
        auto d = std::make_unique<Device>();
        d->req = rq;
        av::ReaderOptions ro;
        ro.format = rq.spec.format();
        ro.formatOptions = av::deviceOptions(rq.spec, opts.size, opts.fps);
        ro.origin = 0;  // device time as it comes; the session clock is placed on it at the first frame
        ro.videoThreads = 2;
        av::LogCapture said;  // libav's reason goes into the one line, not onto the terminal before it
        auto r = av::MediaReader::open(rq.spec.target, std::move(ro));
        if (!r) {
            std::string why = r.error().what();
            if (auto s = said.summary(); !s.empty() && why.find(s) == std::string::npos) why += " (" + s + ")";
            if (r.error().code == AVERROR(EBUSY)) why += " — busy: another program (or take) is using it";
            return Error::make(rq.spec.text(), "cannot open the device: " + why);
        }
        d->reader.emplace(std::move(r).value());
        d->video = d->reader->videoIndex() >= 0;
        if (d->video) KOTSU_TRY(checkMode(*d->reader, rq.spec.text(), opts));
        d->clock.device = rq.spec.text();
        d->clock.kind = d->video ? "video" : "audio";
        devices.push_back(std::move(d));
    }

    // 2. One output per camera (the first microphone with the main camera), or per microphone alone.
    std::vector<std::unique_ptr<Output>> outputs;
    std::map<std::string, int> roleCount;
    const char* defaultRoles[] = {"main", "handcam", "overview"};
    int cameras = 0;
    auto newOutput = [&](const std::string& role) {
        auto o = std::make_unique<Output>();
        o->file.role = role;
        const int n = ++roleCount[role];
        o->file.path = folder / (role + (n > 1 ? "-" + std::to_string(n) : "") + ".frag.mp4");
        outputs.push_back(std::move(o));
        return outputs.back().get();
    };
    for (auto& d : devices)
        if (d->video) {
            std::string role = !d->req.role.empty() ? d->req.role : defaultRoles[std::min(cameras, 2)];
            ++cameras;
            d->out = newOutput(role);
        }
    Output* mainOut = nullptr;
    for (auto& o : outputs)
        if (o->file.role == "main") mainOut = o.get();
    if (!mainOut && !outputs.empty()) mainOut = outputs.front().get();
    for (auto& d : devices)
        if (!d->video) {
            if (mainOut && !mainOut->aenc && std::none_of(devices.begin(), devices.end(), [&](auto& x) {
                    return !x->video && x->out == mainOut;
                }))
                d->out = mainOut;
            else
                d->out = newOutput("audio");
        }

    // 3. The session clock starts; the files are created with a time-of-day timecode.
    const auto t0 = Steady::now();
    const auto wall0 = std::chrono::system_clock::now();
    const std::int64_t wall0us = std::chrono::duration_cast<std::chrono::microseconds>(wall0.time_since_epoch()).count();
    auto now = [t0] { return std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - t0).count(); };
    RecordResult result;
    result.startedAt = isoLocal(std::chrono::system_clock::to_time_t(wall0));

    for (auto& o : outputs) {
        auto w = FragmentWriter::create(o->file.path);
        if (!w) return w.error();
        o->writer = std::move(w).value();
        FragmentWriter* writer = o->writer.get();
        auto out = av::OutputFile::toSink(o->file.path.string(), "mp4",
                                          [writer](const std::uint8_t* p, int n) { return writer->append(p, n); });
        if (!out) return out.error();
        o->out.emplace(std::move(out).value());
        for (auto& d : devices) {
            if (d->out != o.get()) continue;
            if (d->video) KOTSU_TRY(openVideo(*o, *d->reader, opts, timecodeOf(wall0us, frameRateOf(*d->reader, opts.fps > 0 ? opts.fps : 30))));
            else KOTSU_TRY(openAudio(*o, *d->reader));
        }
        for (auto& d : devices)  // camera first, then microphone
            if (d->out == o.get() && d->video) o->file.devices.push_back(d->clock);
        for (auto& d : devices)
            if (d->out == o.get() && !d->video) o->file.devices.push_back(d->clock);
        av::Dictionary mov;
        // delay_moov: the moov waits for the first fragment, so a track that starts later than another
        // (the picture after the sound's first samples and the AAC priming) keeps its start in an edit
        // list; with the moov written first, movenc pulls that first picture to 0 and the whole picture
        // track sits ~50 ms late against the session clock (found by CaptureSync).
        mov.set("movflags", "+frag_custom+empty_moov+default_base_moof+delay_moov");
        KOTSU_TRY(o->out->writeHeader(std::move(mov)));
        KOTSU_TRY(o->out->flushFragment());
        o->writer->seal();
        if (hooks.fileStarted) hooks.fileStarted(o->file);
    }
    if (hooks.clockStarted) hooks.clockStarted(now);

    // 4. Readers and encoders run; this thread watches.
    std::atomic<bool> stopping{false};
    for (auto& o : outputs) o->thread = std::thread([&o, &opts] { encodeLoop(*o, opts.fragment); });
    for (auto& dp : devices) {
        Device* d = dp.get();
        d->thread = std::thread([d, &stopping, &now, &opts] { readDevice(*d, stopping, now, opts); });
    }

    bool clocksSaid = false;
    auto lastStatus = Steady::now();
    std::int64_t lastFrames = 0;
    auto lastFpsAt = Steady::now();
    double fps = 0;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const Micros t = now();
        if (hooks.stopRequested && hooks.stopRequested()) {
            result.stopReason = "stopped";
            break;
        }
        if (std::all_of(devices.begin(), devices.end(), [](auto& d) { return d->ended.load(); })) {
            result.stopReason = opts.duration > 0 && t >= opts.duration ? "duration" : "devices ended";
            for (auto& d : devices)
                if (!d->failure.empty()) {
                    result.stopReason = d->failure;
                    result.faulted = true;
                }
            break;
        }
        bool fault = false;
        for (auto& d : devices)
            if (d->ended && !d->failure.empty()) {
                result.stopReason = d->failure;
                result.faulted = fault = true;
            }
        for (auto& o : outputs)
            if (o->failed || o->writer->failed()) {
                std::lock_guard lock(o->errMutex);
                result.stopReason = (o->failed ? o->error : o->writer->error()).what();
                result.faulted = fault = true;
            }
        if (fault) break;
        if (!clocksSaid && std::all_of(devices.begin(), devices.end(), [](auto& d) { return d->started.load(); })) {
            clocksSaid = true;
            for (auto& o : outputs)
                for (auto& c : o->file.devices)
                    for (auto& d : devices)
                        if (d->clock.device == c.device && d->out == o.get()) c = d->clock;
            std::vector<RecordedFile> files;
            for (auto& o : outputs) files.push_back(o->file);
            if (hooks.clocksKnown) hooks.clocksKnown(files);
        }
        if (hooks.status && Steady::now() - lastStatus >= std::chrono::milliseconds(500)) {
            lastStatus = Steady::now();
            RecordStatus st;
            st.elapsed = t;
            for (auto& o : outputs) {
                st.frames += o->frames;
                st.dropped += o->dropped;
                st.bytes += o->writer->bytesOnDisk();
                st.syncs += o->writer->syncs();
            }
            for (auto& d : devices) st.soundLost += d->soundLost;
            if (mainOut) {
                const double dt = std::chrono::duration<double>(Steady::now() - lastFpsAt).count();
                if (dt >= 0.9) {
                    fps = (mainOut->frames - lastFrames) / dt;
                    lastFrames = mainOut->frames;
                    lastFpsAt = Steady::now();
                }
                st.fps = fps;
                st.hasAudio = mainOut->agraph.has_value();
                const float p = mainOut->peak.exchange(0);
                st.audioDb = p > 0 ? 20 * std::log10(p) : -120;
            }
            hooks.status(st);
        }
    }
    result.elapsed = now();

    // 5. Stop: readers first, then each encoder drains and finishes its file.
    stopping = true;
    for (auto& d : devices) d->thread.join();
    for (auto& o : outputs) o->queue.close();
    for (auto& o : outputs) o->thread.join();
    for (auto& o : outputs) {
        for (auto& c : o->file.devices)
            for (auto& d : devices)
                if (d->clock.device == c.device && d->out == o.get()) c = d->clock;
        if (o->failed && !result.faulted) {
            result.stopReason = o->error.what();
            result.faulted = true;
        }
        result.files.push_back(o->file);
        result.dropped += o->dropped;
    }
    for (auto& d : devices) result.soundLost += d->soundLost;
    return result;
}

}  // namespace kotsu::record
