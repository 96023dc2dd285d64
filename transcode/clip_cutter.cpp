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

struct StreamMap {
    int out = -1;
    bool video = false;
    AVRational tb{1, 1};
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
    int v = src->videoIndex();
    if (v < 0) return Error::make(source, "no video stream to cut");
    AVStream* vs = src->stream(v);
    AVRational fr = vs->avg_frame_rate.num ? vs->avg_frame_rate : vs->r_frame_rate;
    Micros half = fr.num ? av_rescale_q(1, av_inv_q(fr), kUs) / 2 : 16'000;

    TempPath tmp(outPath);
    auto dst = av::OutputFile::create(tmp.temp().string(), "mp4");
    if (!dst) return dst.error();
    std::vector<StreamMap> map(src->format()->nb_streams);
    std::vector<int> streams{v};
    streams.insert(streams.end(), src->audioIndices().begin(), src->audioIndices().end());
    for (int i : streams) {
        AVStream* st = src->stream(i);
        auto type = st->codecpar->codec_type;
        auto idx = dst->addStreamLike(st);
        if (!idx) return idx.error();
        AVStream* os = dst->stream(*idx);
        av_dict_copy(&os->metadata, st->metadata, 0);
        os->disposition = st->disposition;
        map[i] = {*idx, type == AVMEDIA_TYPE_VIDEO, st->time_base};
    }
    av::Dictionary muxOpts;
    muxOpts.set("movflags", "+faststart");
    KOTSU_TRY(dst->writeHeader(std::move(muxOpts)));

    KOTSU_TRY(src->seek(in - 2 * half));
    av::Packet pkt;
    bool started = false, videoDone = false;
    Micros clipStart = 0, clipEnd = outTime;  // on the source timeline
    Micros lastVideoEnd = 0;
    int frames = 0;
    std::vector<av::Packet> pendingAudio;  // audio read before the first video keyframe
    auto writeRebased = [&](av::Packet& p, const StreamMap& m) -> Status {
        Micros shift = clipStart;
        std::int64_t off = av_rescale_q(shift, kUs, m.tb);
        if (p->pts != AV_NOPTS_VALUE) p->pts -= off;
        if (p->dts != AV_NOPTS_VALUE) p->dts -= off;
        p->pos = -1;
        return dst->write(p, m.out, m.tb);
    };
    auto audioInside = [&](const av::Packet& p, const StreamMap& m) {
        Micros t = av_rescale_q(p->pts, m.tb, kUs);
        Micros d = av_rescale_q(p->duration, m.tb, kUs);
        return t + d / 2 >= clipStart && t + d / 2 < clipEnd;
    };
    while (true) {
        auto flow = src->readPacket(pkt);
        if (flow == av::Flow::Failed) return src->error();
        if (flow == av::Flow::End) break;
        const auto& m = map[pkt->stream_index];
        if (m.out < 0 || pkt->pts == AV_NOPTS_VALUE) continue;
        Micros t = av_rescale_q(pkt->pts, m.tb, kUs);
        if (m.video) {
            bool key = pkt->flags & AV_PKT_FLAG_KEY;
            if (!started) {
                if (!key || t < in - half) continue;
                started = true;
                clipStart = t;
                for (auto& a : pendingAudio) {
                    const auto& am = map[a->stream_index];
                    if (audioInside(a, am)) KOTSU_TRY(writeRebased(a, am));
                }
                pendingAudio.clear();
            } else if (!videoDone && key && t >= outTime - half) {
                videoDone = true;
                clipEnd = t;
            }
            if (videoDone) {
                // Audio may still be pending in the interleaving: read on a little past the end.
                if (t >= clipEnd + 1'000'000) break;
                continue;
            }
            Micros d = av_rescale_q(pkt->duration, m.tb, kUs);
            lastVideoEnd = std::max(lastVideoEnd, t + d);
            ++frames;
            KOTSU_TRY(writeRebased(pkt, m));
        } else {
            if (!started) {
                pendingAudio.push_back(pkt.ref());
                continue;
            }
            if (t >= clipEnd + 1'000'000) continue;
            if (audioInside(pkt, m)) KOTSU_TRY(writeRebased(pkt, m));
        }
    }
    if (!started) return Error::make(source, "no keyframe at " + formatTime(in) + " to start a clip on");
    KOTSU_TRY(dst->finish());
    KOTSU_TRY(tmp.commit());
    ClipInfo info;
    info.sourceIn = clipStart;
    info.duration = (videoDone ? clipEnd : lastVideoEnd) - clipStart;
    info.videoFrames = frames;
    return info;
}

}  // namespace kotsu::transcode
