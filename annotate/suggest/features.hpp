#pragma once
// What the scanner measures per analysed picture and per block of sound, and what the detectors
// propose from it. Plain values: the detectors are pure functions over these (tested without media).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace kotsu::annotate::suggest {

// The picture at 16x9, 8-bit B,G,R: enough to tell whether two pictures a few frames apart show the
// same thing (a flash, a dissolve), small enough to keep for every analysed picture.
constexpr int kSignatureWidth = 16, kSignatureHeight = 9;
using Signature = std::array<std::uint8_t, kSignatureWidth * kSignatureHeight * 3>;

// Mean absolute difference of two signatures, 0..255.
[[nodiscard]] inline double distance(const Signature& a, const Signature& b) {
    int sum = 0;
    for (size_t i = 0; i < a.size(); ++i) sum += a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
    return double(sum) / double(a.size());
}

struct FrameFeatures {
    Micros time = 0;        // on the file's timeline (first frame = 0)
    // Mean |ΔH|,|ΔS|,|ΔV| against the previous analysed picture (0 for the first). Hue and saturation
    // count only where either picture is lit (V ≥ 32): between two near-black pixels they are noise.
    double content = 0;
    double intensity = 0;   // mean of the 8-bit B, G, R values
    double activity = -1;   // share of moving pixels since the previous motion sample; < 0: not sampled
    Signature signature{};  // all zero when not measured
};

struct AudioBlock {
    Micros time = 0;  // first sample of a 20 ms block
    float db = -120;  // speech-band energy, dBFS
};

// One detector's proposal, before merging.
struct Candidate {
    Micros time = 0;
    double score = 0;        // 0..1
    std::string reason;      // cut | fade | activity | pause
};

}  // namespace kotsu::annotate::suggest
