#pragma once
// One destination of the decoded frames (a rendition, the thumbnails). Each runs on its own thread;
// the decoding thread only hands frames over.
#include <cstdint>

#include "core/av/frame.hpp"
#include "core/error.hpp"

namespace kotsu::transcode {

class OutputSink {
public:
    virtual ~OutputSink() = default;
    // A decoded source frame, pts on the input timeline in the video stream's time base.
    [[nodiscard]] virtual Status video(av::Frame& frame) = 0;
    // A finished audio frame for this output's track `track` (48 kHz, the encoder's format).
    [[nodiscard]] virtual Status audio(int track, av::Frame& frame) = 0;
    // No more frames; the video ended at `videoEndPts` (video stream time base). Flush and close.
    [[nodiscard]] virtual Status finish(std::int64_t videoEndPts) = 0;
    // Renames the completed output into place.
    [[nodiscard]] virtual Status commit() = 0;
};

}  // namespace kotsu::transcode
