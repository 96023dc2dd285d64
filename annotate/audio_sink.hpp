#pragma once
// Where the editor's sound goes. The session controller (Workspace) drives playback through this
// interface so that it needs no audio library: the ImGui editor plugs in SDL (annotate/ui/audio_output),
// tests and headless tools plug in nothing and the editor stays silent.
#include <memory>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace kotsu::annotate {

class AudioSink {
public:
    virtual ~AudioSink() = default;
    // Opens the file's sound (`origin`: file time of session time 0, unset: found from the file); a
    // sink that cannot play stays silent.
    virtual void open(const std::string& mediaPath, std::optional<Micros> origin) = 0;
    virtual void start(Micros at) = 0;  // from this session time
    virtual void stop() = 0;
    // Keeps sound queued ahead of the playhead; called every UI frame while playing.
    virtual void feed() = 0;
};

using AudioSinkPtr = std::unique_ptr<AudioSink>;

}  // namespace kotsu::annotate
