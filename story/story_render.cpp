#include "story/story_render.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <fstream>
#include <unistd.h>

#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/output_file.hpp"
#include "core/files.hpp"
#include "core/progress.hpp"
#include "story/story_audio.hpp"
#include "story/title_card.hpp"

namespace kotsu::story {

namespace {

constexpr std::int64_t kCrossfadeFrames(Rational fps) { return (kCrossfade * fps.num + 500'000LL * fps.den) / (1'000'000LL * fps.den); }

// Frames each boundary crossfades: 0.5 s, at most half of either item.
std::vector<std::int64_t> crossfades(const StoryDoc& doc) {
    std::vector<std::int64_t> x;
    const std::int64_t want = kCrossfadeFrames(doc.story.fps);
    for (size_t i = 0; i + 1 < doc.placed.size(); ++i)
        x.push_back(std::min({want, doc.placed[i].frames / 2, doc.placed[i + 1].frames / 2}));
    return x;
}

// The ASS script drawn over an item: its card, its lower thirds, its burned-in captions; times from the
// item's first frame.
std::string overlayScript(const Placed& p, const std::vector<Cue>& cues, int width, int height) {
    std::string s;
    if (p.item.kind == StoryItemKind::Title) return cardScript(p.item, width, height, p.item.duration() + 1'000'000);
    for (const auto& lt : p.lowerThirds) {
        std::string one = cardScript(lt, width, height, lt.out, !cues.empty());
        if (s.empty()) {
            s = one;
        } else {
            s += one.substr(one.find("Dialogue:"));
        }
        // The card starts at its offset into the clip.
        auto d = s.rfind("Dialogue: 0,0:00:00.00,");
        if (d != std::string::npos && lt.in > 0) {
            long long cs = lt.in / 10000;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%02lld", cs / 360000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
            s.replace(d + 12, 10, buf);
        }
    }
    if (cues.empty()) return s;
    if (s.empty()) s = cardScript(StoryItem{.kind = StoryItemKind::LowerThird}, width, height, 0);
    // Captions: bottom centre, boxed, a size the frame holds ~7 lines of.
    const int size = std::min(width, height) / 14;
    auto styles = s.find("\n[Events]");
    s.insert(styles, "Style: Caption," + std::string(kCardFont) + "," + std::to_string(size) +
                         ",&H00FFFFFF,&H00FFFFFF,&H60000000,&H60000000,0,0,0,0,100,100,0,0,3," + std::to_string(size / 5) +
                         ",0,2," + std::to_string(width / 20) + "," + std::to_string(width / 20) + "," +
                         std::to_string(height / 12) + ",1\n");
    auto t = [](Micros us) {
        long long cs = std::max<Micros>(0, us) / 10000;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%02lld", cs / 360000, cs / 6000 % 60, cs / 100 % 60, cs % 100);
        return std::string(buf);
    };
    for (const auto& c : cues) {
        if (c.end <= p.item.in || c.start >= p.item.out) continue;
        const std::string text = assLines(c.text, (width - width / 10.0) / size);
        s += "Dialogue: 1," + t(c.start - p.item.in) + "," + t(c.end - p.item.in) + ",Caption,,0,0,0,," + text + "\n";
    }
    return s;
}

// Blends `b` := a·(1−w) + b·w, plane by plane (yuv420p, same size). `b` is made writable first.
Status blend(const av::Frame& a, av::Frame& b, double w) {
    if (av_frame_make_writable(b.get()) < 0) return Error::make("render", "cannot blend frames (out of memory)");
    const int wq = static_cast<int>(std::lround(w * 256));
    for (int plane = 0; plane < 3; ++plane) {
        const int pw = plane ? (b->width + 1) / 2 : b->width;
        const int ph = plane ? (b->height + 1) / 2 : b->height;
        for (int y = 0; y < ph; ++y) {
            const uint8_t* pa = a->data[plane] + static_cast<std::ptrdiff_t>(y) * a->linesize[plane];
            uint8_t* pb = b->data[plane] + static_cast<std::ptrdiff_t>(y) * b->linesize[plane];
            for (int x = 0; x < pw; ++x) pb[x] = static_cast<uint8_t>((pa[x] * (256 - wq) + pb[x] * wq + 128) >> 8);
        }
    }
    return {};
}

class Renderer {
public:
    Renderer(catalog::Catalog& cat, const StoryDoc& doc, const RenderOptions& o)
        : cat_(cat), doc_(doc), o_(o), fps_(doc.story.fps), fades_(crossfades(doc)) {
        std::tie(width_, height_) = renderSize(doc.story, o.aspect);
    }

    Result<Rendered> run();

private:
    Status openOutput(const std::filesystem::path& temp);
    Status renderItem(size_t i);
    Status itemFrames(size_t i, const std::function<Status(av::Frame&)>& emit);
    Status emit(av::Frame& frame, size_t item, std::int64_t k);
    Status encodeVideo(av::Frame* frame);
    Status encodeAudioUpTo(std::int64_t sample);
    Status drainVideo();

    catalog::Catalog& cat_;
    const StoryDoc& doc_;
    const RenderOptions& o_;
    Rational fps_;
    std::vector<std::int64_t> fades_;
    int width_ = 0, height_ = 0;
    std::optional<av::OutputFile> out_;
    std::optional<av::Encoder> venc_, aenc_;
    int vstream_ = -1, astream_ = -1;
    std::int64_t written_ = 0;   // frames sent to the encoder
    std::int64_t audioDone_ = 0; // samples sent to the encoder
    FilmAudio audio_;
    std::deque<av::Frame> tail_;  // the previous item's last frames, to crossfade with
    std::optional<Progress> progress_;
};

Status Renderer::openOutput(const std::filesystem::path& temp) {
    auto out = av::OutputFile::create(temp.string(), "mp4");
    if (!out) return out.error();
    out_.emplace(std::move(out).value());
    const bool globalHeader = out_->ctx()->oformat->flags & AVFMT_GLOBALHEADER;
    av::Dictionary vo;
    vo.set("preset", "veryfast").set("crf", "20").set("profile", "high");
    auto v = av::Encoder::open(
        "libx264",
        [&](AVCodecContext* c) {
            av::setBt709Picture(c, width_, height_, {fps_.num, fps_.den});
            c->gop_size = 2 * fps_.num / fps_.den;
            if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        },
        std::move(vo), o_.out.string());
    if (!v) return v.error();
    venc_.emplace(std::move(v).value());
    auto vi = out_->addStream(*venc_);
    if (!vi) return vi.error();
    vstream_ = *vi;
    out_->stream(vstream_)->avg_frame_rate = {fps_.num, fps_.den};
    auto a = av::Encoder::open(
        "aac",
        [&](AVCodecContext* c) {
            c->sample_rate = kFilmRate;
            c->sample_fmt = AV_SAMPLE_FMT_FLTP;
            av_channel_layout_default(&c->ch_layout, 2);
            c->time_base = {1, kFilmRate};
            c->bit_rate = 192000;
            if (globalHeader) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        },
        {}, o_.out.string());
    if (!a) return a.error();
    aenc_.emplace(std::move(a).value());
    auto ai = out_->addStream(*aenc_);
    if (!ai) return ai.error();
    astream_ = *ai;
    av::Dictionary mux;
    mux.set("movflags", "+faststart");
    return out_->writeHeader(std::move(mux));
}

Status Renderer::encodeVideo(av::Frame* frame) {
    if (venc_->send(frame) == av::Flow::Failed) return venc_->error();
    return drainVideo();
}

Status Renderer::drainVideo() {
    av::Packet pkt;
    for (;;) {
        auto f = venc_->receive(pkt);
        if (f == av::Flow::Failed) return venc_->error();
        if (f != av::Flow::Got) return {};
        KOTSU_TRY(out_->write(pkt, vstream_, venc_->ctx()->time_base));
    }
}

Status Renderer::encodeAudioUpTo(std::int64_t sample) {
    const int frameSize = aenc_->ctx()->frame_size > 0 ? aenc_->ctx()->frame_size : 1024;
    const std::int64_t total = audio_.samples();
    sample = std::min(sample, total);
    av::Packet pkt;
    auto drain = [&]() -> Status {
        for (;;) {
            auto f = aenc_->receive(pkt);
            if (f == av::Flow::Failed) return aenc_->error();
            if (f != av::Flow::Got) return {};
            KOTSU_TRY(out_->write(pkt, astream_, aenc_->ctx()->time_base));
        }
    };
    while (audioDone_ < sample && (sample - audioDone_ >= frameSize || sample == total)) {
        const int n = static_cast<int>(std::min<std::int64_t>(frameSize, total - audioDone_));
        auto frame = audio_.frame(audioDone_, n);
        if (!frame) return frame.error();
        if (aenc_->send(&*frame) == av::Flow::Failed) return aenc_->error();
        KOTSU_TRY(drain());
        audioDone_ += n;
    }
    if (audioDone_ >= total && sample == total) {
        (void)aenc_->send(nullptr);
        KOTSU_TRY(drain());
        audioDone_ = total + 1;  // flushed
    }
    return {};
}

// Each frame of an item, k = 0 … frames−1: the first fades_[i−1] are blended with the previous item's
// tail; the last fades_[i] are held back as the tail for the next item.
Status Renderer::emit(av::Frame& frame, size_t i, std::int64_t k) {
    const std::int64_t fadeIn = i > 0 ? fades_[i - 1] : 0;
    const std::int64_t fadeOut = i < fades_.size() ? fades_[i] : 0;
    const std::int64_t frames = doc_.placed[i].frames;
    if (k < fadeIn && !tail_.empty()) {
        KOTSU_TRY(blend(tail_.front(), frame, double(k + 1) / double(fadeIn + 1)));
        tail_.pop_front();
    }
    if (k >= frames - fadeOut) {
        tail_.push_back(frame.ref());
        return {};
    }
    frame->pts = written_++;
    frame->pict_type = AV_PICTURE_TYPE_NONE;
    KOTSU_TRY(encodeVideo(&frame));
    KOTSU_TRY(encodeAudioUpTo(rescale(written_, Rational{fps_.den, fps_.num}, Rational{1, kFilmRate})));
    if (progress_) progress_->update(fromFrames(written_, fps_));
    if (o_.progress) o_.progress->update(fromFrames(written_, fps_));
    if (o_.cancel.cancelled()) return Error::make(o_.out.string(), "cancelled");
    return {};
}

Status Renderer::itemFrames(size_t i, const std::function<Status(av::Frame&)>& sink) {
    const Placed& p = doc_.placed[i];
    const std::string size = std::to_string(width_) + "x" + std::to_string(height_);
    const std::string rate = std::to_string(fps_.num) + "/" + std::to_string(fps_.den);
    std::vector<Cue> cues;
    if (p.item.kind == StoryItemKind::Clip && o_.captions != "none") {
        auto c = cat_.cues(p.item.sessionId, o_.captions);
        if (!c) return c.error();
        cues = std::move(*c);
    }
    // The overlay script, in a scratch file the `ass` filter reads (removed when done).
    TempPath ass(std::filesystem::temp_directory_path() /
                 ("kotsu-story-" + std::to_string(::getpid()) + "-" + std::to_string(p.item.id) + ".ass"));
    std::string overlay;
    const std::string script = overlayScript(p, cues, width_, height_);
    if (!script.empty()) {
        std::ofstream f(ass.temp(), std::ios::binary);
        f << script;
        if (!f) return Error::make(ass.temp().string(), "cannot write the overlay script");
        overlay = "," + assFilter(ass.temp(), false);
    }
    std::int64_t k = 0;
    av::Frame last;
    auto pull = [&](av::FilterGraph& g) -> Status {
        for (;;) {
            av::Frame f;
            auto flow = g.pull(0, f);
            if (flow == av::Flow::Failed) return g.error();
            if (flow != av::Flow::Got) return {};
            if (k >= p.frames) continue;
            last = f.ref();
            KOTSU_TRY(sink(f));
            ++k;
        }
    };
    if (p.item.kind == StoryItemKind::Title) {
        auto g = av::FilterGraph::create("color=c=black:s=" + size + ":r=" + rate + ",trim=end_frame=" +
                                             std::to_string(p.frames) + ",format=yuv420p" + overlay + "[out]",
                                         {}, {{"out", "", false}}, 1);
        if (!g) return Error::make(itemName(p.item), "cannot draw the card: " + g.error().message);
        KOTSU_TRY(pull(*g));
    } else {
        const auto& src = doc_.sources[i];
        av::ReaderOptions ro;
        ro.audio = av::AudioStreams::None;
        ro.origin = src.origin;
        auto reader = av::MediaReader::open(src.file.string(), std::move(ro));
        if (!reader) return Error::make(itemName(p.item), reader.error().what());
        if (auto s = reader->seekExact(p.item.in); !s) return Error::make(itemName(p.item), s.error().what());
        const double cx = o_.aspect == "16:9" ? 0.5 : motionCentre(src.file, src.origin, p.item.in);
        std::optional<av::FilterGraph> g;
        av::Frame frame;
        av::MediaKind kind;
        while (k < p.frames) {
            auto flow = reader->readFrame(frame, kind);
            if (flow == av::Flow::Failed) return Error::make(itemName(p.item), reader->error().what());
            if (flow == av::Flow::End) break;
            if (flow != av::Flow::Got || kind != av::MediaKind::Video) continue;
            if (!g) {
                const AVStream* st = reader->stream(reader->videoIndex());
                char crop[160];
                std::snprintf(crop, sizeof crop, "crop=%d:%d:'max(0,min(iw-ow,iw*%.4f-ow/2))':'(ih-oh)/2'", width_, height_, cx);
                auto made = av::FilterGraph::create(
                    "[in]setpts=PTS-STARTPTS,fps=" + rate + ",scale=" + std::to_string(width_) + ":" + std::to_string(height_) +
                        ":force_original_aspect_ratio=increase," + crop + ",setsar=1,format=yuv420p" + overlay + "[out]",
                    {av::videoInput("in", frame->width, frame->height, frame->format, st->time_base,
                                    frame->sample_aspect_ratio.num ? frame->sample_aspect_ratio : AVRational{1, 1})},
                    {{"out", "", false}}, 0);
                if (!made) return Error::make(itemName(p.item), "video filters: " + made.error().message);
                g.emplace(std::move(made).value());
            }
            if (auto s = g->push(0, &frame); !s) return Error::make(itemName(p.item), s.error().what());
            KOTSU_TRY(pull(*g));
            if (o_.cancel.cancelled()) return Error::make(o_.out.string(), "cancelled");
        }
        if (g && k < p.frames) {
            KOTSU_TRY(g->push(0, nullptr));
            KOTSU_TRY(pull(*g));
        }
    }
    if (k == 0) return Error::make(itemName(p.item), "gave no picture");
    while (k < p.frames) {  // the media ends early: hold its last picture
        av::Frame copy = last.ref();
        KOTSU_TRY(sink(copy));
        ++k;
    }
    return {};
}

Status Renderer::renderItem(size_t i) {
    std::int64_t k = 0;
    return itemFrames(i, [&](av::Frame& f) { return emit(f, i, k++); });
}

Result<Rendered> Renderer::run() {
    if (doc_.placed.empty()) return Error::make("story '" + doc_.story.title + "'", "is empty");
    const std::int64_t frames = renderFrames(doc_);
    // Sound first (decoded from the ranges only, through the speech chain, to −14 LUFS): then the
    // pictures, the sound interleaved as they are encoded.
    auto sound = assembleFilmAudio(doc_, fades_, o_.music, o_.cancel);
    if (!sound) return sound.error();
    audio_ = std::move(*sound);
    TempPath tmp(o_.out);
    KOTSU_TRY(openOutput(tmp.temp()));
    progress_.emplace("story " + o_.out.filename().string(), fromFrames(frames, fps_), Progress::stderrIsTerminal());
    for (size_t i = 0; i < doc_.placed.size(); ++i) KOTSU_TRY(renderItem(i));
    KOTSU_TRY(encodeVideo(nullptr));
    KOTSU_TRY(encodeAudioUpTo(audio_.samples()));
    KOTSU_TRY(out_->finish());
    progress_->finish();
    if (written_ != frames)
        return Error::make(o_.out.string(), "rendered " + std::to_string(written_) + " frames, expected " + std::to_string(frames));
    KOTSU_TRY(tmp.commit());
    return Rendered{.width = width_, .height = height_, .duration = fromFrames(frames, fps_), .frames = frames,
                    .loudness = audio_.loudness(), .gainDb = audio_.gainDb};
}

}  // namespace

std::pair<int, int> renderSize(const Story& s, const std::string& aspect) {
    if (aspect == "9:16") return {s.height, (s.height * 16 / 9 + 1) / 2 * 2};
    if (aspect == "1:1") return {s.height, s.height};
    return {s.width, s.height};
}

std::int64_t renderFrames(const StoryDoc& doc) {
    std::int64_t total = totalFrames(doc.placed);
    for (auto x : crossfades(doc)) total -= x;
    return total;
}

std::vector<std::int64_t> crossfadeFrames(const StoryDoc& doc) { return crossfades(doc); }

Result<Rendered> renderStory(catalog::Catalog& cat, const StoryDoc& doc, const RenderOptions& o) {
    Renderer r(cat, doc, o);
    return r.run();
}

}  // namespace kotsu::story
