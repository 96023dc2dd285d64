#include "core/av/resampler.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

namespace kotsu::av {

void Resampler::Free::operator()(SwrContext* c) const { swr_free(&c); }

Result<Resampler> Resampler::create(const AVFrame* like, int outChannels, int outRate) {
    AVChannelLayout inLayout{};
    if (like->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || like->ch_layout.nb_channels == 0)
        av_channel_layout_default(&inLayout, like->ch_layout.nb_channels > 0 ? like->ch_layout.nb_channels : 1);
    else if (int rc = av_channel_layout_copy(&inLayout, &like->ch_layout); rc < 0)
        return Error::av(rc, "", "bad channel layout");
    AVChannelLayout outLayout{};
    av_channel_layout_default(&outLayout, outChannels);
    SwrContext* raw = nullptr;
    int rc = swr_alloc_set_opts2(&raw, &outLayout, AV_SAMPLE_FMT_FLT, outRate, &inLayout,
                                 static_cast<AVSampleFormat>(like->format), like->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    av_channel_layout_uninit(&outLayout);
    Resampler r;
    r.ctx_.reset(raw);
    if (rc < 0) return Error::av(rc, "", "cannot set up audio conversion");
    if ((rc = swr_init(raw)) < 0) return Error::av(rc, "", "cannot set up audio conversion");
    r.outChannels_ = outChannels;
    r.outRate_ = outRate;
    return r;
}

Status Resampler::convert(const AVFrame* frame, std::vector<float>& out) {
    const int inSamples = frame ? frame->nb_samples : 0;
    const int room = swr_get_out_samples(ctx_.get(), inSamples);
    if (room < 0) return Error::av(room, "", "cannot convert audio");
    const size_t at = out.size();
    out.resize(at + static_cast<size_t>(room) * outChannels_);
    std::uint8_t* dst[1] = {reinterpret_cast<std::uint8_t*>(out.data() + at)};
    int got = swr_convert(ctx_.get(), dst, room, frame ? const_cast<const std::uint8_t**>(frame->extended_data) : nullptr,
                          inSamples);
    if (got < 0) {
        out.resize(at);
        return Error::av(got, "", "cannot convert audio");
    }
    out.resize(at + static_cast<size_t>(got) * outChannels_);
    return {};
}

}  // namespace kotsu::av
