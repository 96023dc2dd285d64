#pragma once
// The demo session: synthetic footage of a veteran tightening flange bolts — distinct work phases,
// motion with rests between, camera shake, a factory-noise bed with speech-like narration — and
// its steps (Japanese and English titles), knack notes, a safety warning and Japanese captions.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "demo/synth.hpp"

namespace kotsu::demo {

struct DemoShape {
    Micros duration = 96'000'000;
    int width = 1920;
    int height = 1080;
    int fps = 30;
};

[[nodiscard]] demo::SynthSpec footageSpec(const DemoShape& shape);
// Markers scaled to the footage's length: six steps, knack points inside them, one safety marker.
[[nodiscard]] std::vector<Marker> demoMarkers(Micros duration);
// Japanese narration captions, one or two per step.
[[nodiscard]] std::vector<Cue> demoCaptions(Micros duration);

}  // namespace kotsu::demo
