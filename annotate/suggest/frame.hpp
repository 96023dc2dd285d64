#pragma once
// Measures one small BGR picture against the previous one (OpenCV inside, none in this header).
#include <cstdint>
#include <memory>

#include "annotate/suggest/features.hpp"

namespace kotsu::annotate::suggest {

class FrameAnalyzer {
public:
    // motionInterval: motion is sampled at most this often (the change over a steady interval
    // does not depend on the frame rate, nor on which frames the decoder skipped).
    explicit FrameAnalyzer(Micros motionInterval = 90'000);
    ~FrameAnalyzer();
    FrameAnalyzer(FrameAnalyzer&&) noexcept;
    FrameAnalyzer& operator=(FrameAnalyzer&&) noexcept;

    // bgr: packed 8-bit B,G,R rows of `stride` bytes.
    [[nodiscard]] FrameFeatures analyze(const std::uint8_t* bgr, int width, int height, int stride, Micros time);

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace kotsu::annotate::suggest
