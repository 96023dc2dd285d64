#pragma once
// EBU R128 / ITU-R BS.1770 loudness, measured in-process with libavfilter's ebur128 meter: its
// per-frame metadata (lavfi.r128.I, .LRA, .true_peak) carries the running values, so the last frame
// holds the stream's integrated loudness, loudness range and true peak. No log parsing.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "transcode/speech_chain.hpp"

namespace kotsu::transcode {

// Loudness of the `audioStreamIndex`-th audio stream of `file` (0 = the first audio stream).
[[nodiscard]] Result<Loudness> measureLoudness(const std::string& file, int audioStreamIndex = 0);

// Pass 1 of normalisation: runs `plan` (measure mode is forced) over audio stream `streamIndex` of
// `file` and returns one reading per track of the plan (Original tracks read as silence, -70 LUFS).
[[nodiscard]] Result<std::vector<Loudness>> measureTracks(const std::string& file, int streamIndex,
                                                          std::int64_t originTicks, AudioGraphPlan plan);

// The gain that brings `measured` to `target` LUFS. Silence (below -60 LUFS) is left alone rather
// than amplified into noise.
[[nodiscard]] double normalisationGain(const Loudness& measured, double targetLufs);

}  // namespace kotsu::transcode
