#include "transcode/jpeg_encoder.hpp"

namespace kotsu::transcode {

Result<av::Encoder> openJpegEncoder(int width, int height, int qscale, const std::string& path) {
    return av::Encoder::open(
        "mjpeg",
        [&](AVCodecContext* c) {
            c->width = width;
            c->height = height;
            c->pix_fmt = AV_PIX_FMT_YUVJ420P;
            c->color_range = AVCOL_RANGE_JPEG;
            c->time_base = {1, 1};
            c->flags |= AV_CODEC_FLAG_QSCALE;
            c->global_quality = FF_QP2LAMBDA * qscale;
        },
        {}, path);
}

}  // namespace kotsu::transcode
