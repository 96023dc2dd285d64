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

// Fades: stretches darker than `threshold` (mean 8-bit R,G,B). A stretch entered or left by a jump
// of at least `jump` in one picture has a cut at that edge (the cut detectors report it); gradual
// edges are fades. A stretch shorter than `longBlack` is one boundary: its middle (PySceneDetect's
// ThresholdDetector, floor, no bias), snapped to a frame of `frameTimes`, or none when a cut owns an
// edge. A longer one gives two: the first dark picture (the picture reaches black) and the first
// lit one (it leaves black), each only when gradual. jump <= 0: every edge counts as gradual.
[[nodiscard]] std::vector<Candidate> detectFades(const std::vector<FrameFeatures>& frames,
                                                 const std::vector<Micros>& frameTimes, double threshold,
                                                 Micros minLength, double jump = 0,
                                                 Micros longBlack = 1'000'000);

// Cuts that are not edits: next to a dark picture without a jump in brightness of `jump` (hue and
// saturation flicker as a fade starts), or one edge of a flash — pictures at most `flashLength`
// apart on either side of the cut that look alike again (signature distance under 6 and under a
// third of the cut's).
[[nodiscard]] std::vector<Candidate> dropFalseCuts(std::vector<Candidate> cuts, const std::vector<FrameFeatures>& frames,
                                                   double dark, double jump, Micros flashLength = 250'000);

// Dissolves: over `halfWindow` on each side of a picture the signature changes by at least
// `minChange` (0..255), steadily (the straight change is at least 4/5 of the path through the
// pictures between), with no single step of more than 40 % of it and the pictures just before and
// after the window steadier than half of it, and the two ends not the same picture brighter or
// darker (correlation above 0.8). Reported as "fade" where the change is half done. Changes to
// or from a picture darker than `dark` are the fade detector's.
[[nodiscard]] std::vector<Candidate> detectDissolves(const std::vector<FrameFeatures>& frames, double minChange = 25.0,
                                                     Micros halfWindow = 200'000, double dark = 24.0);

// Rest ↔ work in one take: the activity signal split into phases of at least `minPhase`.
// Samples within a quarter second of `masked` times (cuts, fades) are ignored.
[[nodiscard]] std::vector<Candidate> detectActivity(const std::vector<FrameFeatures>& frames,
                                                    const std::vector<Micros>& masked, Micros minPhase);

// Gaps of at least `minPause` between stretches of speech-band energy.
[[nodiscard]] std::vector<Candidate> detectPauses(const std::vector<AudioBlock>& blocks, Micros minPause);

// One list by time: candidates closer than `minSpacing` become one, keeping the most precise reason
// (cut > fade > activity > pause) and its time, with the agreement raising the score. Two picture
// events (cuts, fades) are one only when closer than `preciseSpacing` (< 0: minSpacing): a cut next
// to a fade keeps its own time.
struct Merged {
    Micros time = 0;
    double score = 0;
    std::string reason;
};
[[nodiscard]] std::vector<Merged> mergeCandidates(std::vector<Candidate> candidates, Micros minSpacing,
                                                  Micros preciseSpacing = -1);

}  // namespace kotsu::annotate::suggest
