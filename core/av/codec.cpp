#include "core/av/codec.hpp"

namespace kotsu::av {

namespace {

Flow flowOf(int rc, Error& err, const std::string& path, const char* what) {
    if (rc >= 0) return Flow::Got;
    if (rc == AVERROR(EAGAIN)) return Flow::Again;
    if (rc == AVERROR_EOF) return Flow::End;
    err = Error::av(rc, path, what);
    return Flow::Failed;
}

}  // namespace

Result<Decoder> Decoder::open(const AVStream* stream, const std::string& path, int threads,
                              const std::function<void(AVCodecContext*)>& configure) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) {
        const char* name = avcodec_get_name(stream->codecpar->codec_id);
        return Error::make(path, std::string("codec '") + (name ? name : "unknown") +
                                     "' cannot be decoded by this FFmpeg (stream " + std::to_string(stream->index) + ")");
    }
    Decoder d;
    d.path_ = path;
    d.ctx_.reset(avcodec_alloc_context3(codec));
    if (!d.ctx_) return Error::make(path, "out of memory");
    int rc = avcodec_parameters_to_context(d.ctx_.get(), stream->codecpar);
    if (rc < 0) return Error::av(rc, path, "bad codec parameters");
    d.ctx_->pkt_timebase = stream->time_base;
    d.ctx_->thread_count = threads;
    if (configure) configure(d.ctx_.get());
    rc = avcodec_open2(d.ctx_.get(), codec, nullptr);
    if (rc < 0) return Error::av(rc, path, std::string("cannot open the ") + codec->name + " decoder");
    return d;
}

Flow Decoder::send(const Packet* pkt) {
    return flowOf(avcodec_send_packet(ctx_.get(), pkt ? pkt->get() : nullptr), err_, path_, "cannot decode");
}

Flow Decoder::receive(Frame& frame) {
    frame.unref();
    return flowOf(avcodec_receive_frame(ctx_.get(), frame.get()), err_, path_, "cannot decode");
}

Result<Encoder> Encoder::open(const std::string& codecName, const std::function<void(AVCodecContext*)>& configure,
                              Dictionary options, const std::string& path) {
    const AVCodec* codec = avcodec_find_encoder_by_name(codecName.c_str());
    if (!codec) return Error::make(path, "encoder '" + codecName + "' is not available in this FFmpeg");
    Encoder e;
    e.path_ = path;
    e.ctx_.reset(avcodec_alloc_context3(codec));
    if (!e.ctx_) return Error::make(path, "out of memory");
    configure(e.ctx_.get());
    int rc = avcodec_open2(e.ctx_.get(), codec, options.out());
    if (rc < 0) return Error::av(rc, path, "cannot open the " + codecName + " encoder");
    return e;
}

Flow Encoder::send(const Frame* frame) {
    return flowOf(avcodec_send_frame(ctx_.get(), frame ? frame->get() : nullptr), err_, path_, "cannot encode");
}

Flow Encoder::receive(Packet& pkt) {
    pkt.unref();
    return flowOf(avcodec_receive_packet(ctx_.get(), pkt.get()), err_, path_, "cannot encode");
}

void setBt709Picture(AVCodecContext* c, int width, int height, AVRational fps) {
    c->width = width;
    c->height = height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->time_base = {fps.den, fps.num};
    c->framerate = fps;
    c->sample_aspect_ratio = {1, 1};
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
}

}  // namespace kotsu::av
