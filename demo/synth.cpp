#include "demo/synth.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/output_file.hpp"
#include "core/files.hpp"

extern "C" {
#include <libavutil/mathematics.h>
#include <libavutil/pixdesc.h>
}

namespace kotsu::demo {

namespace {

std::string seconds(Micros us) { return formatSeconds(us); }

struct Track {
    int inputStream = -1;
    int outputStream = -1;
    std::optional<av::FilterGraph> graph;
    std::optional<av::Encoder> enc;
    bool audio = false;
    Micros start = 0;  // where the track starts in the file (its first timestamp)
};

// Muxes a packet at the track's start offset: a late track gets an empty edit in MP4, a later first
// timestamp in MPEG-TS — as camera files trimmed by a stream copy do.
Status write(Track& t, av::OutputFile& out, av::Packet& pkt) {
    const AVRational tb = t.enc->ctx()->time_base;
    const std::int64_t shift = av_rescale_q(t.start, {1, 1000000}, tb);
    if (pkt->pts != AV_NOPTS_VALUE) pkt->pts += shift;
    if (pkt->dts != AV_NOPTS_VALUE) pkt->dts += shift;
    return out.write(pkt, t.outputStream, tb);
}

Status drain(Track& t, av::OutputFile& out, bool flush) {
    av::Frame filtered;
    av::Packet pkt;
    while (true) {
        auto f = t.graph->pull(0, filtered);
        if (f == av::Flow::Failed) return t.graph->error();
        if (f != av::Flow::Got) break;
        filtered->pict_type = AV_PICTURE_TYPE_NONE;  // decoded raw frames say I; let the encoder choose
        if (filtered->pts != AV_NOPTS_VALUE)
            filtered->pts = av_rescale_q(filtered->pts, t.graph->outputTimeBase(0), t.enc->ctx()->time_base);
        if (t.enc->send(&filtered) == av::Flow::Failed) return t.enc->error();
        while (t.enc->receive(pkt) == av::Flow::Got) KOTSU_TRY(write(t, out, pkt));
    }
    if (flush) {
        (void)t.enc->send(nullptr);
        while (true) {
            auto f = t.enc->receive(pkt);
            if (f == av::Flow::Failed) return t.enc->error();
            if (f != av::Flow::Got) break;
            KOTSU_TRY(write(t, out, pkt));
        }
    }
    return {};
}

}  // namespace

Status synthesize(const SynthSpec& spec, const std::filesystem::path& outPath) {
    if (spec.video.empty() && spec.audio.empty()) return Error::make(outPath.string(), "nothing to synthesize");
    std::string graph;
    int labels = 0;
    if (!spec.video.empty()) graph += spec.video + ",trim=duration=" + seconds(spec.duration) + "[out" + std::to_string(labels++) + "]";
    if (!spec.audio.empty()) {
        if (!graph.empty()) graph += ";";
        graph += spec.audio + ",atrim=duration=" + seconds(spec.duration) + "[out" + std::to_string(labels++) + "]";
    }
    av::ReaderOptions ro;
    ro.format = "lavfi";
    auto in = av::MediaReader::open(graph, std::move(ro));
    if (!in) return Error::make(outPath.string(), "lavfi: " + in.error().what());

    TempPath tmp(outPath);
    auto out = av::OutputFile::create(tmp.temp().string(), spec.container.empty() ? nullptr : spec.container.c_str());
    if (!out) return out.error();

    std::vector<Track> tracks;
    for (int i : {in->videoIndex(), in->audioIndex()}) {
        if (i < 0) continue;
        AVStream* st = in->stream(i);
        Track t;
        t.inputStream = i;
        t.audio = st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
        t.start = t.audio ? spec.audioStart : spec.videoStart;
        const AVCodecContext* dc = t.audio ? in->audioCodec() : in->videoCodec();
        if (!t.audio) {
            // lavfi streams give r_frame_rate only; without it a 25 fps source was encoded at 1/30.
            AVRational fr = st->avg_frame_rate.num ? st->avg_frame_rate
                            : st->r_frame_rate.num ? st->r_frame_rate
                                                   : AVRational{30, 1};
            std::string pixfmt = spec.pixelFormat;
            std::string filter = "[in]";
            if (spec.interlacedTopFirst) filter += "setfield=tff,";
            filter += "format=" + pixfmt + "[out]";
            auto g = av::FilterGraph::create(filter, {av::videoInput("in", dc->width, dc->height, dc->pix_fmt, st->time_base)}, {{"out", "", false}});
            if (!g) return g.error();
            t.graph.emplace(std::move(g).value());
            av::Dictionary opts;
            for (const auto& [k, v] : spec.videoOptions) opts.set(k, v);
            if (spec.interlacedTopFirst && spec.videoCodec == "libx264") opts.set("x264-params", "tff=1");
            auto enc = av::Encoder::open(
                spec.videoCodec,
                [&](AVCodecContext* c) {
                    c->width = dc->width;
                    c->height = dc->height;
                    c->pix_fmt = av_get_pix_fmt(pixfmt.c_str());
                    c->time_base = av_inv_q(fr);
                    c->framerate = fr;
                    c->sample_aspect_ratio = {spec.sampleAspect.num, spec.sampleAspect.den};
                    if (spec.gop > 0) c->gop_size = spec.gop;
                    if (spec.videoBitrate > 0) c->bit_rate = spec.videoBitrate;
                    c->color_range = spec.fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
                    if (!spec.colorTransfer.empty())
                        c->color_trc = static_cast<AVColorTransferCharacteristic>(
                            std::max(0, av_color_transfer_from_name(spec.colorTransfer.c_str())));
                    if (!spec.colorPrimaries.empty())
                        c->color_primaries = static_cast<AVColorPrimaries>(
                            std::max(0, av_color_primaries_from_name(spec.colorPrimaries.c_str())));
                    if (!spec.colorSpace.empty())
                        c->colorspace =
                            static_cast<AVColorSpace>(std::max(0, av_color_space_from_name(spec.colorSpace.c_str())));
                    if (spec.interlacedTopFirst) {
                        c->field_order = AV_FIELD_TT;
                        c->flags |= AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME;
                    }
                    if (out->ctx()->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
                },
                std::move(opts), outPath.string());
            if (!enc) return enc.error();
            t.enc.emplace(std::move(enc).value());
        } else {
            int ch = spec.audioChannels;
            std::string layout = ch == 1 ? "mono" : ch == 6 ? "5.1" : "stereo";
            const AVCodec* codec = avcodec_find_encoder_by_name(spec.audioCodec.c_str());
            if (!codec) return Error::make(outPath.string(), "no encoder " + spec.audioCodec);
            AVSampleFormat fmt = codec->sample_fmts ? codec->sample_fmts[0] : AV_SAMPLE_FMT_FLTP;
            std::string filter = "[in]aresample=" + std::to_string(spec.audioSampleRate) +
                                 ",aformat=sample_fmts=" + av_get_sample_fmt_name(fmt) + ":channel_layouts=" + layout +
                                 "[out]";
            auto g = av::FilterGraph::create(filter, {av::audioInput("in", dc->sample_rate, dc->sample_fmt, dc->ch_layout, st->time_base)}, {{"out", "", true}});
            if (!g) return g.error();
            t.graph.emplace(std::move(g).value());
            auto enc = av::Encoder::open(
                spec.audioCodec,
                [&](AVCodecContext* c) {
                    c->sample_rate = spec.audioSampleRate;
                    c->sample_fmt = fmt;
                    av_channel_layout_default(&c->ch_layout, ch);
                    c->time_base = {1, spec.audioSampleRate};
                    if (out->ctx()->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
                },
                {}, outPath.string());
            if (!enc) return enc.error();
            t.enc.emplace(std::move(enc).value());
            if (t.enc->ctx()->frame_size > 0) t.graph->setAudioFrameSize(0, t.enc->ctx()->frame_size);
        }
        auto idx = out->addStream(*t.enc);
        if (!idx) return idx.error();
        t.outputStream = *idx;
        if (!t.audio && spec.rotation) KOTSU_TRY(out->setRotation(t.outputStream, spec.rotation));
        tracks.push_back(std::move(t));
    }
    if (!spec.creationTime.empty()) av_dict_set(&out->ctx()->metadata, "creation_time", spec.creationTime.c_str(), 0);
    KOTSU_TRY(out->writeHeader());

    av::Frame frame;
    av::MediaKind kind;
    while (true) {
        auto flow = in->readFrame(frame, kind);
        if (flow == av::Flow::Failed) return in->error();
        if (flow == av::Flow::End) break;
        for (auto& t : tracks) {
            if (t.audio != (kind == av::MediaKind::Audio)) continue;
            KOTSU_TRY(t.graph->push(0, &frame));
            KOTSU_TRY(drain(t, *out, false));
        }
    }
    for (auto& t : tracks) {
        KOTSU_TRY(t.graph->push(0, nullptr));
        KOTSU_TRY(drain(t, *out, true));
    }
    KOTSU_TRY(out->finish());
    return tmp.commit();
}

}  // namespace kotsu::demo
