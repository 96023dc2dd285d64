#include "transcode/clip_cutter.hpp"

#include <vector>

#include "core/av/media_reader.hpp"
#include "core/av/output_file.hpp"
#include "core/files.hpp"

extern "C" {
#include <libavutil/mathematics.h>
}

namespace kotsu::transcode {

namespace {

constexpr AVRational kUs{1, 1000000};
// Audio may trail the video's end in the interleaving: read on this far past it.
constexpr Micros kAudioTail = 1'000'000;

struct StreamMap {
    int out = -1;
    bool video = false;
    AVRational tb{1, 1};
};

// One cut, packet by packet. Video goes through three states: before the keyframe at `in`
// (waiting; audio is held back), inside the clip (copied), past the keyframe at `out` (done; the
// audio still pending in the interleaving is read up to kAudioTail further).
class ClipCut {
public:
    enum class State { Waiting, Copying, Done };

    ClipCut(av::OutputFile& dst, std::vector<StreamMap> map, Micros in, Micros out, Micros halfFrame)
        : dst_(dst), map_(std::move(map)), in_(in), clipEnd_(out), half_(halfFrame) {}

    // Takes one packet (session-timeline pts); false once nothing more can belong to the clip.
    Result<bool> take(av::Packet& pkt) {
        const auto& m = map_[static_cast<size_t>(pkt->stream_index)];
        if (m.out < 0 || pkt->pts == AV_NOPTS_VALUE) return true;
        const Micros t = av_rescale_q(pkt->pts, m.tb, kUs);
        if (!m.video) {
            if (state_ == State::Waiting) {
                heldAudio_.push_back(pkt.ref());
                return true;
            }
            if (t < clipEnd_ + kAudioTail && inside(pkt, m)) KOTSU_TRY(write(pkt, m));
            return true;
        }
        const bool key = pkt->flags & AV_PKT_FLAG_KEY;
        switch (state_) {
        case State::Waiting:
            if (!key || t < in_ - half_) return true;
            state_ = State::Copying;
            clipStart_ = t;
            for (auto& a : heldAudio_) {
                const auto& am = map_[static_cast<size_t>(a->stream_index)];
                if (inside(a, am)) KOTSU_TRY(write(a, am));
            }
            heldAudio_.clear();
            break;
        case State::Copying:
            if (key && t >= clipEnd_ - half_) {
                state_ = State::Done;
                clipEnd_ = t;
                return true;
            }
            break;
        case State::Done:
            return t < clipEnd_ + kAudioTail;
        }
        lastVideoEnd_ = std::max(lastVideoEnd_, t + av_rescale_q(pkt->duration, m.tb, kUs));
        ++frames_;
        KOTSU_TRY(write(pkt, m));
        return true;
    }

    [[nodiscard]] State state() const { return state_; }
    [[nodiscard]] ClipInfo info() const {
        ClipInfo i;
        i.sourceIn = clipStart_;
        i.duration = (state_ == State::Done ? clipEnd_ : lastVideoEnd_) - clipStart_;
        i.videoFrames = frames_;
        return i;
    }

private:
    // Audio belongs to the clip when its middle falls inside the video's span.
    [[nodiscard]] bool inside(const av::Packet& p, const StreamMap& m) const {
        const Micros mid = av_rescale_q(p->pts, m.tb, kUs) + av_rescale_q(p->duration, m.tb, kUs) / 2;
        return mid >= clipStart_ && mid < clipEnd_;
    }
    Status write(av::Packet& p, const StreamMap& m) {
        const std::int64_t off = av_rescale_q(clipStart_, kUs, m.tb);
        if (p->pts != AV_NOPTS_VALUE) p->pts -= off;
        if (p->dts != AV_NOPTS_VALUE) p->dts -= off;
        p->pos = -1;
        return dst_.write(p, m.out, m.tb);
    }

    av::OutputFile& dst_;
    std::vector<StreamMap> map_;
    Micros in_, clipEnd_, half_;
    State state_ = State::Waiting;
    Micros clipStart_ = 0, lastVideoEnd_ = 0;
    int frames_ = 0;
    std::vector<av::Packet> heldAudio_;  // read before the first keyframe
};

}  // namespace

Result<ClipInfo> cutClip(const std::string& source, const std::filesystem::path& outPath, Micros in, Micros outTime) {
    if (outTime <= in) return Error::make(outPath.string(), "empty clip range");
    // Packets on the session timeline: the rendition's first picture is 0, as everywhere.
    av::ReaderOptions ro;
    ro.decode = false;
    ro.audio = av::AudioStreams::All;
    auto src = av::MediaReader::open(source, std::move(ro));
    if (!src) return src.error();
    const int v = src->videoIndex();
    if (v < 0) return Error::make(source, "no video stream to cut");
    const AVStream* vs = src->stream(v);
    const AVRational fr = vs->avg_frame_rate.num ? vs->avg_frame_rate : vs->r_frame_rate;
    const Micros half = fr.num ? av_rescale_q(1, av_inv_q(fr), kUs) / 2 : 16'667;

    TempPath tmp(outPath);
    auto dst = av::OutputFile::create(tmp.temp().string(), "mp4");
    if (!dst) return dst.error();
    std::vector<StreamMap> map(src->format()->nb_streams);
    std::vector<int> streams{v};
    streams.insert(streams.end(), src->audioIndices().begin(), src->audioIndices().end());
    for (int i : streams) {
        AVStream* st = src->stream(i);
        auto idx = dst->addStreamLike(st);
        if (!idx) return idx.error();
        AVStream* os = dst->stream(*idx);
        av_dict_copy(&os->metadata, st->metadata, 0);
        os->disposition = st->disposition;
        map[static_cast<size_t>(i)] = {*idx, i == v, st->time_base};
    }
    av::Dictionary muxOpts;
    muxOpts.set("movflags", "+faststart");
    KOTSU_TRY(dst->writeHeader(std::move(muxOpts)));

    KOTSU_TRY(src->seek(in - 2 * half));
    ClipCut cut(*dst, std::move(map), in, outTime, half);
    av::Packet pkt;
    while (true) {
        auto flow = src->readPacket(pkt);
        if (flow == av::Flow::Failed) return src->error();
        if (flow == av::Flow::End) break;
        auto more = cut.take(pkt);
        if (!more) return more.error();
        if (!*more) break;
    }
    if (cut.state() == ClipCut::State::Waiting)
        return Error::make(source, "no keyframe at " + formatTime(in) + " to start a clip on");
    KOTSU_TRY(dst->finish());
    KOTSU_TRY(tmp.commit());
    return cut.info();
}

}  // namespace kotsu::transcode
