#include "core/av/frame.hpp"

#include <new>

extern "C" {
#include <libavutil/samplefmt.h>
}

namespace kotsu::av {

Packet::Packet() : p_(av_packet_alloc()) {
    if (!p_) throw std::bad_alloc();
}

Packet Packet::ref() const {
    Packet out;
    if (av_packet_ref(out.get(), get()) < 0) throw std::bad_alloc();
    return out;
}

Frame::Frame() : f_(av_frame_alloc()) {
    if (!f_) throw std::bad_alloc();
}

Frame Frame::ref() const {
    Frame out;
    if (av_frame_ref(out.get(), get()) < 0) throw std::bad_alloc();
    return out;
}

Frame Frame::audio(int sampleFormat, const AVChannelLayout& layout, int sampleRate, int samples) {
    Frame out;
    AVFrame* f = out.get();
    f->format = sampleFormat;
    f->sample_rate = sampleRate;
    f->nb_samples = samples;
    if (av_channel_layout_copy(&f->ch_layout, &layout) < 0 || av_frame_get_buffer(f, 0) < 0) throw std::bad_alloc();
    av_samples_set_silence(f->extended_data, 0, samples, layout.nb_channels, static_cast<AVSampleFormat>(sampleFormat));
    return out;
}

}  // namespace kotsu::av
