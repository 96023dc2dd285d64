#include "transcode/audio_io.hpp"

#include "core/av/media_reader.hpp"
#include "core/progress.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

namespace kotsu::transcode {

void explicitLayout(AVFrame* f) {
    if (f->ch_layout.order != AV_CHANNEL_ORDER_UNSPEC) return;
    int channels = f->ch_layout.nb_channels;
    av_channel_layout_uninit(&f->ch_layout);
    av_channel_layout_default(&f->ch_layout, channels > 0 ? channels : 1);
}

Status decodeAudio(const std::string& file, AudioPick pick, std::optional<Micros> origin,
                   const std::function<Status(av::Frame&, AVRational)>& onFrame) {
    av::ReaderOptions ro;
    ro.video = false;
    ro.audio = av::AudioStreams::All;
    ro.decode = false;  // only to list the audio streams
    ro.origin = Micros(0);
    int stream = pick.stream;
    if (stream < 0) {
        auto probe = av::MediaReader::open(file, std::move(ro));
        if (!probe) return probe.error();
        const auto& all = probe->audioIndices();
        if (pick.nth < 0 || pick.nth >= static_cast<int>(all.size()))
            return Error::make(file, "no audio stream " + std::to_string(pick.nth) + " to decode");
        stream = all[static_cast<size_t>(pick.nth)];
    }
    av::ReaderOptions ao;
    ao.video = false;
    ao.audioStream = stream;
    ao.origin = origin;
    auto in = av::MediaReader::open(file, std::move(ao));
    if (!in) return in.error();
    const AVRational tb = in->stream(stream)->time_base;
    av::Frame frame;
    av::MediaKind kind;
    while (!cancelRequested()) {
        auto f = in->readFrame(frame, kind);
        if (f == av::Flow::Failed) return in->error();
        if (f == av::Flow::End) break;
        explicitLayout(frame.get());
        KOTSU_TRY(onFrame(frame, tb));
    }
    return {};
}

}  // namespace kotsu::transcode
