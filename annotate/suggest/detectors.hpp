#pragma once
// The detectors: pure functions from measured features to candidate boundaries, and the merge into
// one list. No media and no OpenCV here, so each rule is tested on hand-made sequences.
#include <vector>

#include "annotate/suggest/features.hpp"

namespace kotsu::annotate::suggest {

// PySceneDetect ContentDetector: a cut where the HSV change reaches `threshold`; cuts closer than
// `minLength` are merged (its FlashFilter MERGE mode, in time rather than frames).
[[nodiscard]] std::vector<Candidate> detectContentCuts(const std::vector<FrameFeatures>& frames, double threshold,
                                                       Micros minLength);

// PySceneDetect AdaptiveDetector: a cut where a frame's change is `ratio` times the mean change of
// the `window` frames on each side and at least `minContent`.
[[nodiscard]] std::vector<Candidate> detectAdaptiveCuts(const std::vector<FrameFeatures>& frames, double ratio,
                                                        int window, double minContent, Micros minLength);

// PySceneDetect ThresholdDetector (floor, no bias): fade out below `threshold`, back in above it;
// the boundary is the middle of the dark stretch, snapped to a frame of `frameTimes`.
[[nodiscard]] std::vector<Candidate> detectFades(const std::vector<FrameFeatures>& frames,
                                                 const std::vector<Micros>& frameTimes, double threshold,
                                                 Micros minLength);

// Rest ↔ work in one take: the activity signal split into phases of at least `minPhase`.
// Samples within a quarter second of `masked` times (cuts, fades) are ignored.
[[nodiscard]] std::vector<Candidate> detectActivity(const std::vector<FrameFeatures>& frames,
                                                    const std::vector<Micros>& masked, Micros minPhase);

// Gaps of at least `minPause` between stretches of speech-band energy.
[[nodiscard]] std::vector<Candidate> detectPauses(const std::vector<AudioBlock>& blocks, Micros minPause);

// One list by time: candidates closer than `minSpacing` become one, keeping the most precise reason
// (cut > fade > activity > pause) and its time, with the agreement raising the score.
struct Merged {
    Micros time = 0;
    double score = 0;
    std::string reason;
};
[[nodiscard]] std::vector<Merged> mergeCandidates(std::vector<Candidate> candidates, Micros minSpacing);

}  // namespace kotsu::annotate::suggest
