#pragma once
// A libswresample context: decoded audio of any layout/format/rate to interleaved float samples
// (the editor's SDL output wants packed stereo float at one rate).
#include <cstdint>
#include <memory>
#include <vector>

#include "core/error.hpp"

extern "C" {
#include <libavutil/frame.h>
}

struct SwrContext;

namespace kotsu::av {

class Resampler {
public:
    // The input is described by the first frame it will convert.
    static Result<Resampler> create(const AVFrame* like, int outChannels, int outRate);
    Resampler(Resampler&&) noexcept = default;
    Resampler& operator=(Resampler&&) noexcept = default;

    [[nodiscard]] int outChannels() const { return outChannels_; }
    [[nodiscard]] int outRate() const { return outRate_; }
    // Appends the converted samples (interleaved float) of `frame` to `out`; nullptr drains.
    [[nodiscard]] Status convert(const AVFrame* frame, std::vector<float>& out);

private:
    Resampler() = default;
    struct Free {
        void operator()(SwrContext* c) const;
    };
    std::unique_ptr<SwrContext, Free> ctx_;
    int outChannels_ = 2;
    int outRate_ = 48000;
};

}  // namespace kotsu::av
