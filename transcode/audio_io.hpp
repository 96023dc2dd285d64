#pragma once
// Small pieces shared by everything that decodes audio here: buffer-source arguments, explicit
// channel layouts, and a decode loop over one audio stream that leaves the video undecoded.
#include <functional>
#include <string>

#include "core/av/frame.hpp"
#include "core/av/input_file.hpp"
#include "core/error.hpp"

namespace kotsu::transcode {

// abuffer arguments describing `frame` (its layout must be explicit, see explicitLayout).
[[nodiscard]] std::string abufferArgs(const AVFrame* frame, AVRational timeBase);

// Some files (PCM in AVI) give only a channel count; libavfilter needs a layout: the default one.
void explicitLayout(AVFrame* frame);

// The index of the n-th audio stream of `in`, -1 when there is none.
[[nodiscard]] int nthAudioStream(const av::InputFile& in, int n);

// Decodes stream `streamIndex` of `in` alone (other streams are discarded unread) and hands each
// frame to `onFrame` with an explicit layout and pts = best-effort timestamp − `originTicks`
// (stream time base). Stops early, without error, when cancelRequested().
[[nodiscard]] Status decodeAudio(av::InputFile& in, int streamIndex, std::int64_t originTicks,
                                 const std::function<Status(av::Frame&)>& onFrame);

}  // namespace kotsu::transcode
