#pragma once
// Small pieces shared by everything that decodes audio here: buffer-source arguments, explicit
// channel layouts, and a decode loop over one audio stream that leaves the video undecoded.
#include <functional>
#include <string>

#include "core/av/frame.hpp"
#include <optional>

#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::transcode {

// Some files (PCM in AVI) give only a channel count; libavfilter needs a layout: the default one.
void explicitLayout(AVFrame* frame);

// Which audio stream of a file to decode: the n-th audio stream (0 = the first), or a stream index.
struct AudioPick {
    int nth = 0;
    int stream = -1;  // ≥ 0: this stream, whatever nth says
};

// Decodes one audio stream of `file` alone (the other streams are discarded unread) and hands each
// frame to `onFrame` with an explicit layout and pts on the session timeline whose origin is `origin`
// (unset: the file's first picture), in the stream's time base `tb`. Stops early, without error,
// when `cancel` is cancelled. "no audio stream N" when the file has fewer.
[[nodiscard]] Status decodeAudio(const std::string& file, AudioPick pick, std::optional<Micros> origin,
                                 const std::function<Status(av::Frame&, AVRational tb)>& onFrame,
                                 const CancelToken& cancel = CancelToken::process());

}  // namespace kotsu::transcode
