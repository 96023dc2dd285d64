#pragma once
// What the scanner measures per analysed picture and per block of sound, and what the detectors
// propose from it. Plain values: the detectors are pure functions over these (tested without media).
#include <string>
#include <vector>

#include "core/time.hpp"

namespace kotsu::annotate::suggest {

struct FrameFeatures {
    Micros time = 0;        // on the file's timeline (first frame = 0)
    double content = 0;     // mean |ΔH|,|ΔS|,|ΔV| against the previous analysed picture (0 for the first)
    double intensity = 0;   // mean of the 8-bit B, G, R values
    double activity = -1;   // share of moving pixels since the previous motion sample; < 0: not sampled
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
