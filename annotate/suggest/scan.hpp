#pragma once
// Reads a media file once and measures it: small BGR pictures (libav scales them) go to a worker
// thread for FrameAnalyzer while the decoder keeps both cores busy; the sound becomes 20 ms
// speech-band energy blocks. Times are on the session timeline (av::MediaReader: the first picture
// is 0, sound before it negative), in µs.
//
// Fast mode decodes only the I and P pictures first (skip_frame=bidir: every B picture), then
// decodes again, fully, just the stretches where two neighbouring decoded pictures differ enough to
// hide a cut or a fade crossing, so cuts still land on their exact frame.
#include <optional>
#include <string>
#include <vector>

#include "annotate/suggest/features.hpp"
#include "core/error.hpp"
#include "core/cancel.hpp"
#include "core/progress.hpp"

namespace kotsu::annotate::suggest {

struct ScanRequest {
    bool video = true;
    bool audio = true;
    bool fast = true;
    int width = 256;
    int threads = 0;
    // File time of session time 0 (the asset's probed origin); unset: found from the file.
    std::optional<Micros> origin;
    // Refinement triggers (fast mode): change between neighbouring reference pictures, and the
    // black level a fade crosses; <= 0 disables that trigger.
    double refineContent = 7.5;
    double refineBlack = 12.0;
    int refineNeighbours = 2;  // reference pictures decoded fully on each side (the adaptive window)
    CancelToken cancel;
};

struct ScanResult {
    bool hasVideo = false;              // the file has the stream (measured only when requested)
    bool hasAudio = false;
    std::vector<FrameFeatures> frames;  // analysed pictures by time
    std::vector<Micros> frameTimes;     // every picture of the stream (decoded or not), by time
    std::vector<AudioBlock> audio;
    double frameRate = 0;               // average, frames per second
    Micros duration = 0;
    long analysed = 0;
    long refined = 0;
};

[[nodiscard]] Result<ScanResult> scanMedia(const std::string& path, const ScanRequest& request,
                                           Progress* progress);

}  // namespace kotsu::annotate::suggest
