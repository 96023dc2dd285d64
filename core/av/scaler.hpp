#pragma once
// A libswscale context: converts (and resizes) decoded pictures, e.g. to RGBA for the editor's textures.
#include <cstdint>
#include <memory>

#include "core/error.hpp"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixfmt.h>
}

struct SwsContext;

namespace kotsu::av {

class Scaler {
public:
    static Result<Scaler> create(int srcWidth, int srcHeight, AVPixelFormat srcFormat, int dstWidth, int dstHeight,
                                 AVPixelFormat dstFormat);
    Scaler(Scaler&&) noexcept = default;
    Scaler& operator=(Scaler&&) noexcept = default;

    // True when this scaler was made for frames of that size and format.
    [[nodiscard]] bool accepts(const AVFrame* f) const {
        return f->width == srcW_ && f->height == srcH_ && f->format == srcFmt_;
    }
    [[nodiscard]] int dstWidth() const { return dstW_; }
    [[nodiscard]] int dstHeight() const { return dstH_; }
    // Writes one packed picture (RGBA: dstStride ≥ 4·width) into dst.
    [[nodiscard]] Status scale(const AVFrame* src, std::uint8_t* dst, int dstStride) const;

private:
    Scaler() = default;
    struct Free {
        void operator()(SwsContext* c) const;
    };
    std::unique_ptr<SwsContext, Free> ctx_;
    int srcW_ = 0, srcH_ = 0, dstW_ = 0, dstH_ = 0;
    int srcFmt_ = -1;
};

}  // namespace kotsu::av
