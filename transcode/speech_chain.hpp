#pragma once
// The sound half of renditions: one audio graph fed by the decoded source, one output per track.
//
//   source ─ aresample 48 kHz (gaps filled, starts at 0) ─ asplit ─┬─ voice: mono, high-pass 100 Hz, afftdn
//                                                                  │    └─ per track: acompressor, channels,
//                                                                  │       gain, limiter
//                                                                  ├─ work sound: stereo, gain, limiter
//                                                                  ├─ original (proxy): ≤2 channels
//                                                                  └─ peaks: mono float (waveform)
//
// Loudness normalisation is two-pass: the same graph is first run with a meter (ebur128) at the end
// of each normalised track instead of gain and limiter; the gain is then target − measured, so it is
// linear and the limiter only catches what would pass the true-peak ceiling.
#include <string>
#include <vector>

#include "core/model.hpp"
#include "transcode/profiles.hpp"

extern "C" {
#include <libavutil/frame.h>
}

namespace kotsu::transcode {

enum class TrackKind { Voice, WorkSound, Original };

struct AudioTrackPlan {
    TrackKind kind = TrackKind::Original;
    int channels = 2;                 // 1 or 2
    double compressThresholdDb = -26; // voice only
    double compressRatio = 3;         // voice only
    double targetLufs = -16;          // voice and work sound
    double maxTruePeak = -1.5;        // dBTP
    double gainDb = 0;                // set from the measurement (pass 2)
    [[nodiscard]] bool normalized() const { return kind != TrackKind::Original; }
};

struct AudioGraphPlan {
    std::vector<AudioTrackPlan> tracks;
    bool peaks = false;    // an extra output "peaks": mono float at 48 kHz
    bool measure = false;  // pass 1: only normalised tracks, each ending in an ebur128 meter
};

inline constexpr int kAudioRate = 48000;

// The tracks a profile asks for from a source with `sourceChannels` channels: the voice (speech
// chain) or the original sound (up to two channels, untouched), then the work sound if wanted.
[[nodiscard]] std::vector<AudioTrackPlan> tracksFor(const Profile& profile, int sourceChannels);

// The graph spec with input [in]; outputs [t<i>] for each track (normalised ones only when measuring)
// and [peaks]. `outputs` receives the labels in order.
[[nodiscard]] std::string audioGraphSpec(const AudioGraphPlan& plan, std::vector<std::string>* outputs);

// A frame's loudness as the ebur128 meter (metadata=1) left it; running values, the last frame's
// are the whole stream's. Returns false when the frame carries none.
struct MeterReading {
    double integrated = -70;
    double range = 0;
    double truePeakLinear = 0;
};
bool readMeter(const AVFrame* frame, MeterReading& into);
[[nodiscard]] Loudness toLoudness(const MeterReading& m);

}  // namespace kotsu::transcode
