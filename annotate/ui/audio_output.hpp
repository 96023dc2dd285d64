#pragma once
// Sound through SDL: decoded proxy audio is queued a little ahead of the playhead while playing at
// 1×; other speeds are silent (scrubbing sound is not worth its noise on a work-site recording).
#include <SDL.h>

#include <optional>

#include "annotate/audio_sink.hpp"
#include "annotate/frame_source.hpp"

namespace kotsu::annotate::ui {

class AudioOutput final : public AudioSink {
public:
    AudioOutput() = default;
    ~AudioOutput() override;
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;

    // Opens the device (SDL_AUDIODRIVER=dummy works without a sound card) and the file's audio.
    void open(const std::string& mediaPath, std::optional<Micros> origin) override;
    [[nodiscard]] bool available() const { return device_ != 0 && source_.has_value(); }

    void start(Micros at) override;  // from this session time
    void stop() override;
    // Keeps ~0.25 s queued; call every UI frame while playing.
    void feed() override;

private:
    SDL_AudioDeviceID device_ = 0;
    std::optional<AudioSource> source_;
    std::vector<float> buf_;
    bool running_ = false;
};

}  // namespace kotsu::annotate::ui
