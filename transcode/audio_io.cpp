#include "transcode/audio_io.hpp"

#include "core/av/codec.hpp"
#include "core/progress.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

namespace kotsu::transcode {

std::string abufferArgs(const AVFrame* f, AVRational tb) {
    char layout[128] = "";
    av_channel_layout_describe(&f->ch_layout, layout, sizeof layout);
    const char* fmt = av_get_sample_fmt_name(static_cast<AVSampleFormat>(f->format));
    return "sample_rate=" + std::to_string(f->sample_rate) + ":sample_fmt=" + (fmt ? fmt : "fltp") +
           ":channel_layout=" + layout + ":time_base=" + std::to_string(tb.num) + "/" + std::to_string(tb.den);
}

void explicitLayout(AVFrame* f) {
    if (f->ch_layout.order != AV_CHANNEL_ORDER_UNSPEC) return;
    int channels = f->ch_layout.nb_channels;
    av_channel_layout_uninit(&f->ch_layout);
    av_channel_layout_default(&f->ch_layout, channels > 0 ? channels : 1);
}

int nthAudioStream(const av::InputFile& in, int n) {
    int seen = 0;
    for (unsigned i = 0; i < in.ctx()->nb_streams; ++i)
        if (in.ctx()->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO && seen++ == n) return static_cast<int>(i);
    return -1;
}

Status decodeAudio(av::InputFile& in, int streamIndex, std::int64_t originTicks,
                   const std::function<Status(av::Frame&)>& onFrame) {
    for (unsigned i = 0; i < in.ctx()->nb_streams; ++i)
        in.ctx()->streams[i]->discard = static_cast<int>(i) == streamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    auto dec = av::Decoder::open(in.stream(streamIndex), in.path(), 1);
    if (!dec) return dec.error();
    av::Packet pkt;
    av::Frame frame;
    auto drain = [&]() -> Status {
        while (true) {
            auto f = dec->receive(frame);
            if (f == av::Flow::Failed) return dec->error();
            if (f != av::Flow::Got) return {};
            explicitLayout(frame.get());
            if (frame->best_effort_timestamp != AV_NOPTS_VALUE) frame->pts = frame->best_effort_timestamp - originTicks;
            KOTSU_TRY(onFrame(frame));
        }
    };
    while (!cancelRequested()) {
        auto flow = in.read(pkt);
        if (flow == av::Flow::Failed) return in.error();
        if (flow == av::Flow::Again) continue;
        if (flow == av::Flow::End) break;
        if (pkt->stream_index != streamIndex) continue;
        // A damaged packet is skipped, as players do; the stream goes on.
        if (dec->send(&pkt) == av::Flow::Failed && dec->error().code != AVERROR_INVALIDDATA) return dec->error();
        KOTSU_TRY(drain());
    }
    (void)dec->send(nullptr);
    return drain();
}

}  // namespace kotsu::transcode
