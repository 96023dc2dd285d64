#pragma once
// Decoding off the UI thread: the viewer asks for a frame number each UI frame (the latest request
// wins, older ones are dropped), a worker decodes it from the VideoSource, and the viewer picks the
// picture up when it is ready. Scrubbing never blocks a UI frame on a seek.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "annotate/frame_source.hpp"

namespace kotsu::annotate {

class FramePump {
public:
    explicit FramePump(VideoSource source);
    ~FramePump();
    FramePump(const FramePump&) = delete;
    FramePump& operator=(const FramePump&) = delete;

    void request(std::int64_t index);
    // The newest decoded frame, when it is newer than the last one taken.
    [[nodiscard]] std::optional<VideoFrame> take();
    // Waits until frame `index` is decoded (screenshots, tests, the benchmark); nullopt on timeout.
    [[nodiscard]] std::optional<VideoFrame> waitFor(std::int64_t index, std::chrono::milliseconds timeout);
    [[nodiscard]] std::int64_t requested() const;
    [[nodiscard]] std::optional<Error> lastError() const;

    [[nodiscard]] Rational frameRate() const { return rate_; }
    [[nodiscard]] Micros duration() const { return duration_; }
    [[nodiscard]] std::int64_t frameCount() const { return frameCount_; }
    [[nodiscard]] int width() const { return width_; }
    [[nodiscard]] int height() const { return height_; }

private:
    void loop();

    VideoSource source_;
    Rational rate_;
    Micros duration_ = 0;
    std::int64_t frameCount_ = 0;
    int width_ = 0, height_ = 0;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::int64_t wanted_ = -1;     // the latest request
    std::int64_t inFlight_ = -1;   // what the worker decodes now
    std::optional<VideoFrame> ready_;
    std::uint64_t readySerial_ = 0, takenSerial_ = 0;
    std::optional<Error> error_;
    bool lastRequestDone_ = false;  // the frame in ready_ answers the current request
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace kotsu::annotate
