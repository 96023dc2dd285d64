#pragma once
// EBU R128 / ITU-R BS.1770 loudness, measured in-process with libavfilter's ebur128 meter: its
// per-frame metadata (lavfi.r128.I, .LRA, .true_peak) carries the running values, so the last frame
// holds the stream's integrated loudness, loudness range and true peak. No log parsing.
#include <optional>
#include <string>
#include <vector>

#include "core/av/filter_graph.hpp"
#include "core/av/frame.hpp"
#include "core/error.hpp"
#include "transcode/audio_io.hpp"
#include "core/model.hpp"
#include "transcode/speech_chain.hpp"

namespace kotsu::transcode {

// Decoded audio through a metering graph (built on the first frame); the readings of its outputs.
class LoudnessMeter {
public:
    // One ebur128 meter with true peak: what a written track measures.
    explicit LoudnessMeter(std::string path);
    // `spec` has input [in] and the given outputs, each ending in an ebur128 meter with metadata=1.
    LoudnessMeter(std::string spec, std::vector<std::string> outputs, std::string path);

    [[nodiscard]] Status push(av::Frame& frame, AVRational timeBase);
    [[nodiscard]] Status finish();
    [[nodiscard]] const std::vector<MeterReading>& readings() const { return readings_; }
    [[nodiscard]] Loudness loudness(size_t output = 0) const { return toLoudness(readings_[output]); }

private:
    Status drain();
    std::string spec_;
    std::vector<std::string> labels_;
    std::string path_;
    std::optional<av::FilterGraph> graph_;
    std::vector<MeterReading> readings_;
    av::Frame out_;
};

// Loudness of the `audioStreamIndex`-th audio stream of `file` (0 = the first audio stream).
[[nodiscard]] Result<Loudness> measureLoudness(const std::string& file, int audioStreamIndex = 0,
                                               const CancelToken& cancel = CancelToken::process());

// Pass 1 of normalisation: runs `plan` (measure mode is forced) over the picked audio stream of
// `file`, on the session timeline of `origin`, and returns one reading per track of the plan:
// integrated loudness and range (no true peak: the limiter in pass 2 holds the peaks). Original
// tracks read as silence, -70 LUFS.
[[nodiscard]] Result<std::vector<Loudness>> measureTracks(const std::string& file, AudioPick pick,
                                                          std::optional<Micros> origin, AudioGraphPlan plan,
                                                          const CancelToken& cancel = CancelToken::process());

// The gain that brings `measured` to `target` LUFS. Silence (below -60 LUFS) is left alone rather
// than amplified into noise.
[[nodiscard]] double normalisationGain(const Loudness& measured, double targetLufs);

}  // namespace kotsu::transcode
