#include "transcode/audio_io.hpp"

#include "core/av/input_file.hpp"
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
                   const std::function<Status(av::Frame&, AVRational)>& onFrame, const CancelToken& cancel) {
    // Opened once: the n-th audio stream is picked from the open file, then read from it.
    auto opened = av::InputFile::open(file);
    if (!opened) return opened.error();
    int stream = pick.stream;
    if (stream < 0) {
        int seen = 0;
        for (unsigned i = 0; i < opened->ctx()->nb_streams && stream < 0; ++i)
            if (opened->ctx()->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO && seen++ == pick.nth)
                stream = static_cast<int>(i);
        if (stream < 0) return Error::make(file, "no audio stream " + std::to_string(pick.nth) + " to decode");
    }
    av::ReaderOptions ao;
    ao.video = false;
    ao.audioStream = stream;
    ao.origin = origin;
    auto in = av::MediaReader::open(std::move(opened).value(), std::move(ao));
    if (!in) return in.error();
    const AVRational tb = in->stream(stream)->time_base;
    av::Frame frame;
    av::MediaKind kind;
    while (!cancel.cancelled()) {
        auto f = in->readFrame(frame, kind);
        if (f == av::Flow::Failed) return in->error();
        if (f == av::Flow::End) break;
        explicitLayout(frame.get());
        KOTSU_TRY(onFrame(frame, tb));
    }
    return {};
}

}  // namespace kotsu::transcode
