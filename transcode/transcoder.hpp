#pragma once
// The one-decode transcoder: an input is demuxed and decoded once; every decoded frame is handed
// (by reference, no copy) to each requested output, which filters, encodes and muxes it on its own
// thread. When several outputs share a frame rate, the work they have in common (deinterlace, rate,
// colour, rotation, the scale to the largest picture) is done once on a thread of its own
// (prescaler.hpp). Outputs are written under temporary names and renamed into place only when all
// of them are complete, so a failed or cancelled run leaves nothing under a final name.
//
//   demux+decode ─┬─ video ─ [shared first stage] ─┬─ rendition thread: scale/pad, x264, AAC, MP4
//   (this thread) │                                ├─ rendition thread …
//                 │                                └─ thumbnails thread: 160x90 JPEG per second
//                 └─ audio graph (speech chain, gains, limiters, peaks) ─ AAC frames to the renditions
//
// Audio: the voice and work-sound tracks are loudness-normalised in two passes (speech_chain.hpp);
// pass 1 reads only the audio stream (the video is not decoded for it). A source without audio
// gives renditions without audio; a source without video (an audio-only asset) gives audio-only
// renditions with the same tracks — no picture is invented.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/av/filter_graph.hpp"
#include "core/error.hpp"
#include "core/model.hpp"
#include "core/cancel.hpp"
#include "core/progress.hpp"
#include "core/time.hpp"
#include "transcode/profiles.hpp"

namespace kotsu::transcode {

struct OutputSpec {
    Profile profile;
    std::filesystem::path path;           // final path; written under a temporary name, renamed when complete
    std::vector<av::FilterNode> extraVideoFilters;  // after scale/pad (burned-in captions), options set through
                                                    // the libav API (paths never enter a filter-graph string)
    std::vector<Micros> forcedKeyframes;  // session timeline (0 = the first picture): the first output frame at or
                                          // after each time (1 ms tolerance) is an IDR frame; on top of the GOP
    bool faststart = true;                // moov before mdat
    std::string language;                 // audio tracks' language, ISO 639 ("ja" or "jpn"); empty: undetermined
};

struct OutputResult {
    std::filesystem::path path;
    int width = 0, height = 0;            // 0 when the rendition has no picture
    Micros duration = 0;
    std::optional<Loudness> voice, workSound;  // measured on the written file
    int damagedPackets = 0;               // of the source, skipped (as players do)
    Micros spanBase = 0;                  // with TranscodeOptions::span: the session time of the output's time 0
};

struct TranscodeOptions {
    Progress* progress = nullptr;  // reports media time done, total = the input's duration
    std::string label;             // without a Progress: transcode() draws its own under this label on a
                                   // terminal (stderr), and stays quiet otherwise
    // Editor data made in the same decode (empty: not made). See thumbnails.hpp and waveform.hpp.
    std::filesystem::path thumbnailsDir;  // one JPEG per second + index.json
    std::filesystem::path peaksPath;      // waveform min/max per 10 ms
    // File time of session time 0 (the asset's ProbeFacts::timelineOrigin); unset: found from the file.
    // Every output starts at the first picture: earlier sound is trimmed, later sound padded with silence.
    std::optional<Micros> origin;
    // The job's token (default: a child of the process token, so Ctrl-C/SIGTERM stop the run).
    CancelToken cancel;
    // Only this stretch of the session (package: one step and its tail), the rest never decoded: the
    // reader seeks to span.start frame-exactly; the outputs hold the pictures from the first one at or
    // after span.start (1 ms tolerance) — their time 0, reported as OutputResult::spanBase — up to
    // span.end, and the sound beside them; forcedKeyframes stay on the session timeline. Loudness is
    // measured over the span alone.
    std::optional<TimeSpan> span;
    // The sound from another file on the same session timeline, in place of the input's own (a hand
    // camera without a microphone takes the main camera's sound); `soundOrigin` is that file's origin.
    // Empty: the input's sound.
    std::string soundInput;
    std::optional<Micros> soundOrigin;
};

// Decodes `input` once and feeds every output. Errors name the file and keep the AVERROR code;
// A cancelled token ends the run with an error (code AVERROR_EXIT) and no output files; an output that
// fails ends the whole run at once with that output's error (every other output thread is stopped).
[[nodiscard]] Result<std::vector<OutputResult>> transcode(const std::string& input,
                                                          const std::vector<OutputSpec>& outputs,
                                                          const TranscodeOptions& opts = {});

}  // namespace kotsu::transcode
