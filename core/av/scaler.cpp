#include "core/av/scaler.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

namespace kotsu::av {

void Scaler::Free::operator()(SwsContext* c) const { sws_freeContext(c); }

Result<Scaler> Scaler::create(int srcWidth, int srcHeight, AVPixelFormat srcFormat, int dstWidth, int dstHeight,
                              AVPixelFormat dstFormat) {
    Scaler s;
    // Bilinear: the editor shows proxies at about their own size; quality filters cost frame time.
    s.ctx_.reset(sws_getContext(srcWidth, srcHeight, srcFormat, dstWidth, dstHeight, dstFormat, SWS_BILINEAR,
                                nullptr, nullptr, nullptr));
    if (!s.ctx_) return Error::make("", "cannot convert pictures of this format");
    s.srcW_ = srcWidth;
    s.srcH_ = srcHeight;
    s.srcFmt_ = srcFormat;
    s.dstW_ = dstWidth;
    s.dstH_ = dstHeight;
    return s;
}

Status Scaler::scale(const AVFrame* src, std::uint8_t* dst, int dstStride) const {
    std::uint8_t* planes[4] = {dst, nullptr, nullptr, nullptr};
    int strides[4] = {dstStride, 0, 0, 0};
    int rc = sws_scale(ctx_.get(), src->data, src->linesize, 0, src->height, planes, strides);
    if (rc < 0) return Error::av(rc, "", "cannot convert a picture");
    return {};
}

}  // namespace kotsu::av
