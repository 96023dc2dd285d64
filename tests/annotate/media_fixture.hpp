#pragma once
// Numbered test media: every frame carries its own number as 9 black/white bars (bit i = bar i),
// so a test can read which frame a picture is. The sound is silent except a 1 kHz beep at 2.0–2.1 s.
#include <cstdint>
#include <filesystem>
#include <string>

#include "annotate/frame_source.hpp"
#include "demo/synth.hpp"

namespace kotsu::test {

inline constexpr int kNumberBits = 9;

inline demo::SynthSpec numberedSpec(Micros duration, int fps = 30, int width = 320, int height = 180) {
    demo::SynthSpec spec;
    spec.video = "color=c=black:s=" + std::to_string(width) + "x" + std::to_string(height) + ":r=" +
                 std::to_string(fps) + ",format=gray,geq=lum='if(mod(floor(N/pow(2,floor(X*" +
                 std::to_string(kNumberBits) + "/W))),2),235,16)',format=yuv420p";
    spec.audio = "aevalsrc=exprs='if(between(t,2,2.1),0.5*sin(6283.185*t),0)':s=48000";
    spec.duration = duration;
    spec.gop = fps / 2;  // like the proxy: a keyframe every half second
    return spec;
}

// The number a numbered picture shows, or -1 when a bar is unreadable.
inline int frameNumber(const annotate::VideoFrame& f) {
    int n = 0;
    for (int bit = 0; bit < kNumberBits; ++bit) {
        int x = (2 * bit + 1) * f.width / (2 * kNumberBits);
        const std::uint8_t r = f.rgba[(static_cast<size_t>(f.height / 2) * f.width + x) * 4];
        if (r > 60 && r < 190) return -1;
        if (r >= 190) n |= 1 << bit;
    }
    return n;
}

}  // namespace kotsu::test
