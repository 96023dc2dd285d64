#pragma once
// What goes into a package: the session's steps in order, each with the knack and safety markers
// inside it and its caption cues per language (clip-relative).
#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace kotsu::package {

struct StepPlan {
    int index = 0;  // 1-based
    Marker step;
    std::vector<Marker> knacks;
    std::vector<Marker> safety;
    std::map<std::string, std::vector<Cue>> captions;  // lang → cues relative to the step's in
    std::string slug;                                   // "01-dandori-kakunin"
    [[nodiscard]] std::string number() const;          // "01"
    // Safety warnings of the step and of its safety markers, for overlays and the manifest.
    [[nodiscard]] std::string allWarnings() const;
};

[[nodiscard]] std::vector<StepPlan> planSteps(const std::vector<Marker>& markers,
                                              const std::map<std::string, std::vector<Cue>>& cuesByLang);

// Times at which every clip must start and end on a keyframe: each step's in and out.
[[nodiscard]] std::vector<Micros> stepBoundaries(const std::vector<StepPlan>& steps);

}  // namespace kotsu::package
