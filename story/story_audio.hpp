#pragma once
// The film's sound, made before its pictures: each item's range decoded alone (48 kHz stereo), laid end
// to end with the same crossfades as the pictures (titles silent), then through the speech chain
// (transcode/speech_chain: high-pass, denoise, compression) normalised to −14 LUFS with the true peak
// held at −1 dBTP; music, when given, mixed under it and ducked while someone speaks.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/av/frame.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/model.hpp"
#include "story/story_model.hpp"

namespace kotsu::story {

inline constexpr int kFilmRate = 48000;
inline constexpr double kFilmLufs = -14;
inline constexpr double kFilmTruePeak = -1;

class FilmAudio {
public:
    [[nodiscard]] std::int64_t samples() const { return static_cast<std::int64_t>(left.size()); }
    // `n` samples from `start` as a planar float stereo frame, pts = start (time base 1/48000).
    [[nodiscard]] Result<av::Frame> frame(std::int64_t start, int n) const;
    [[nodiscard]] Loudness loudness() const { return measured; }

    std::vector<float> left, right;
    Loudness measured;  // of the finished sound
    double gainDb = 0;  // the speech chain's normalising gain
};

// `fades`: frames crossfaded at each boundary (as the pictures are).
[[nodiscard]] Result<FilmAudio> assembleFilmAudio(const StoryDoc& doc, const std::vector<std::int64_t>& fades,
                                                  const std::string& music, const CancelToken& cancel = {});
// Where the picture moves most, across the frame (0 = left edge, 1 = right; 0.5 when nothing moves):
// from the first second of frames from session time `at`.
[[nodiscard]] double motionCentre(const std::filesystem::path& file, std::optional<Micros> origin, Micros at);

}  // namespace kotsu::story
