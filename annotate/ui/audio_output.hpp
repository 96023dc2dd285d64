#pragma once
// Sound through SDL: decoded proxy audio is queued a little ahead of the playhead while playing at
// 1×; other speeds are silent (scrubbing sound is not worth its noise on a work-site recording).
#include <SDL.h>

#include <optional>

#include "annotate/frame_source.hpp"

namespace kotsu::annotate::ui {

class AudioOutput {
public:
    AudioOutput() = default;
    ~AudioOutput();
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;

    // Opens the device (SDL_AUDIODRIVER=dummy works without a sound card) and the file's audio.
    void open(const std::string& mediaPath);
    [[nodiscard]] bool available() const { return device_ != 0 && source_.has_value(); }

    void start(Micros at);   // from this session time
    void stop();
    // Keeps ~0.25 s queued; call every UI frame while playing.
    void feed();

private:
    SDL_AudioDeviceID device_ = 0;
    std::optional<AudioSource> source_;
    std::vector<float> buf_;
    bool running_ = false;
};

}  // namespace kotsu::annotate::ui
