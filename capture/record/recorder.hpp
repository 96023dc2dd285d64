#pragma once
// The recorder: every device of a take in one process on one session clock. Each device is read on
// its own thread (libavdevice through av::MediaReader: lavfi, v4l2, alsa and pulse alike); each
// camera's file is encoded (H.264 + the microphone's AAC) and muxed on its own thread into fragmented
// MP4 (~1 s fragments) held in memory, and a FragmentWriter thread writes + fdatasyncs each fragment.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/av/device.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::record {

struct DeviceRequest {
    av::DeviceSpec spec;
    std::string role;  // main | handcam | overview for cameras; empty: main for the first camera
};

struct RecordOptions {
    // A camera that gives another size or rate than asked is an error naming it (lavfi alike).
    std::string size;                 // "1920x1080" asked of cameras (empty: their default)
    int fps = 0;                      // asked of cameras (0: their default; 30 when they say none)
    std::string preset = "veryfast";  // x264
    int crf = 23;
    Micros duration = 0;              // stop after this much (0: until stopped)
    Micros fragment = 1'000'000;      // fragment length
};

// Where a device's clock sits on the session clock: session time = device time + offset.
struct DeviceClock {
    std::string device;      // "lavfi:sine=…"
    std::string kind;        // video | audio
    Micros offset = 0;
    Micros firstFrame = -1;  // session time of its first frame (-1: none yet)
};

struct RecordedFile {
    std::string role;
    std::filesystem::path path;        // the fragmented MP4 (<role>.frag.mp4)
    std::vector<DeviceClock> devices;  // its camera first, then its microphone
};

struct RecordStatus {
    Micros elapsed = 0;
    double fps = 0;             // pictures encoded per second, main camera, over the last second
    std::int64_t frames = 0;    // pictures encoded, all cameras
    std::int64_t dropped = 0;   // pictures dropped because encoding fell behind
    Micros soundLost = 0;       // sound the devices lost (overruns), filled with silence to keep sync
    double audioDb = -120;      // peak level of the main microphone over the last half second (dBFS)
    bool hasAudio = false;
    std::uint64_t bytes = 0;    // on the disk, all files
    std::uint64_t syncs = 0;    // fragments written and fdatasynced
};

struct RecordResult {
    std::vector<RecordedFile> files;
    std::string startedAt;      // ISO 8601 local time of session time 0
    std::string stopReason;     // "stopped", "duration", or what went wrong (a device lost, disk full)
    bool faulted = false;       // stopped by a fault rather than asked to
    Micros elapsed = 0;
    std::int64_t dropped = 0;   // pictures dropped, all cameras
    Micros soundLost = 0;       // sound lost by the devices (filled with silence)
};

struct RecordHooks {
    std::function<bool()> stopRequested;                     // polled ~10×/s
    std::function<void(const RecordedFile&)> fileStarted;    // each file, once its header is written
    std::function<void(const std::vector<RecordedFile>&)> clocksKnown;  // every device's first frame arrived
    std::function<void(const RecordStatus&)> status;         // ~2×/s
    // The session clock (µs since the take started), handed over once it runs (for the tag bus).
    std::function<void(std::function<Micros()>)> clockStarted;
};

// Opens every device (an error naming the device when one cannot be opened: nothing is created),
// creates the files in `folder` (which must exist) and records until stopped, the duration is reached,
// a device is lost or the disk fails; finishes the files cleanly in every case but a crash.
[[nodiscard]] Result<RecordResult> record(const std::vector<DeviceRequest>& devices, const RecordOptions& opts,
                                          const std::filesystem::path& folder, const RecordHooks& hooks);

// "HH:MM:SS:FF" of a local time of day at `fps`.
[[nodiscard]] std::string timecodeOf(std::int64_t unixMicros, int fps);

}  // namespace kotsu::record
