#include "annotate/ui/audio_output.hpp"

namespace kotsu::annotate::ui {

AudioOutput::~AudioOutput() {
    if (device_) SDL_CloseAudioDevice(device_);
}

void AudioOutput::open(const std::string& mediaPath, std::optional<Micros> origin) {
    stop();
    source_.reset();
    auto src = AudioSource::open(mediaPath, origin);
    if (!src) return;  // a silent proxy: the editor works without sound
    source_.emplace(std::move(src).value());
    if (device_) return;
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return;
    SDL_AudioSpec want{}, have{};
    want.freq = AudioSource::kRate;
    want.format = AUDIO_F32SYS;
    want.channels = AudioSource::kChannels;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
}

void AudioOutput::start(Micros at) {
    if (!available()) return;
    SDL_ClearQueuedAudio(device_);
    if (!source_->seek(at)) return;
    running_ = true;
    feed();
    SDL_PauseAudioDevice(device_, 0);
}

void AudioOutput::stop() {
    if (!device_) return;
    running_ = false;
    SDL_PauseAudioDevice(device_, 1);
    SDL_ClearQueuedAudio(device_);
}

void AudioOutput::feed() {
    if (!running_ || !available()) return;
    const Uint32 bytesPerSecond = AudioSource::kRate * AudioSource::kChannels * sizeof(float);
    int guard = 0;
    while (SDL_GetQueuedAudioSize(device_) < bytesPerSecond / 4 && guard++ < 16) {
        buf_.clear();
        auto n = source_->read(buf_, 2048);
        if (!n || *n == 0) {
            running_ = false;
            return;
        }
        SDL_QueueAudio(device_, buf_.data(), static_cast<Uint32>(buf_.size() * sizeof(float)));
    }
}

}  // namespace kotsu::annotate::ui
