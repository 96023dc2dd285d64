#pragma once
// Frame-exact pictures and sound from the proxy (or the original until there is one), read with
// av::MediaReader. Frame k is the picture at k/rate on the session timeline (the first picture is
// 0; `origin` is the file time of it — 0 for the proxy, the asset's probe for the original, unset:
// found from the file), so the viewer shows exactly the frame under the playhead. A frame a little ahead is reached by decoding on (playback, the
// next frame); anything else by seeking to the keyframe before it and decoding forward — the proxy's
// short GOP keeps that cheap.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::annotate {

struct VideoFrame {
    std::int64_t index = -1;  // frame number on the proxy (0 = first)
    Micros time = 0;          // its start on the session timeline
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width·height·4 bytes, rows top to bottom
};

struct DecodeStats {
    std::int64_t seeks = 0;
    std::int64_t framesDecoded = 0;
};

class VideoSource {
public:
    // maxWidth > 0 scales larger pictures down (keeping the aspect) for the texture.
    static Result<VideoSource> open(const std::string& path, int maxWidth = 0, std::optional<Micros> origin = {});
    VideoSource(VideoSource&&) noexcept;
    VideoSource& operator=(VideoSource&&) noexcept;
    ~VideoSource();

    [[nodiscard]] Rational frameRate() const;
    [[nodiscard]] Micros duration() const;
    [[nodiscard]] std::int64_t frameCount() const;  // from the duration; the last frame may be short of it
    [[nodiscard]] int width() const;   // of the pictures handed out
    [[nodiscard]] int height() const;
    [[nodiscard]] const DecodeStats& stats() const;

    // The frame with this index (clamped to the last frame there is).
    [[nodiscard]] Result<VideoFrame> frame(std::int64_t index);

private:
    struct Impl;
    explicit VideoSource(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Decoded sound as interleaved float stereo at 48 kHz, from any time on.
class AudioSource {
public:
    static constexpr int kRate = 48000;
    static constexpr int kChannels = 2;
    // An error when the file has no audio stream. Sound before session time 0 is left out; sound that
    // starts after it is preceded by silence, so position() is always session time.
    static Result<AudioSource> open(const std::string& path, std::optional<Micros> origin = {});
    AudioSource(AudioSource&&) noexcept;
    AudioSource& operator=(AudioSource&&) noexcept;
    ~AudioSource();

    [[nodiscard]] Status seek(Micros t);
    // Appends up to `frames` sample frames to out; fewer at the end of the file (0 = end).
    [[nodiscard]] Result<size_t> read(std::vector<float>& out, size_t frames);
    [[nodiscard]] Micros position() const;  // session time of the next sample read() returns

private:
    struct Impl;
    explicit AudioSource(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kotsu::annotate
