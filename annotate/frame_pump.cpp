#include "annotate/frame_pump.hpp"

namespace kotsu::annotate {

FramePump::FramePump(VideoSource source)
    : source_(std::move(source)),
      rate_(source_.frameRate()),
      duration_(source_.duration()),
      frameCount_(source_.frameCount()),
      width_(source_.width()),
      height_(source_.height()) {
    worker_ = std::thread([this] { loop(); });
}

FramePump::~FramePump() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

void FramePump::request(std::int64_t index) {
    {
        std::lock_guard lock(mu_);
        if (index == wanted_) return;
        wanted_ = index;
        lastRequestDone_ = false;
    }
    cv_.notify_all();
}

std::int64_t FramePump::requested() const {
    std::lock_guard lock(mu_);
    return wanted_;
}

std::optional<VideoFrame> FramePump::take() {
    std::lock_guard lock(mu_);
    if (!ready_ || readySerial_ == takenSerial_) return std::nullopt;
    takenSerial_ = readySerial_;
    return ready_;
}

std::optional<VideoFrame> FramePump::waitFor(std::int64_t index, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (wanted_ != index) {
        wanted_ = index;
        lastRequestDone_ = false;
        cv_.notify_all();
    }
    // A request past the end is answered with the last frame, which carries its own index.
    bool ok = cv_.wait_for(lock, timeout, [&] {
        return error_ || (ready_ && inFlight_ == -1 && wanted_ == index && lastRequestDone_);
    });
    if (!ok || !ready_) return std::nullopt;
    takenSerial_ = readySerial_;
    return ready_;
}

std::optional<Error> FramePump::lastError() const {
    std::lock_guard lock(mu_);
    return error_;
}

void FramePump::loop() {
    std::int64_t done = -1;
    while (true) {
        std::int64_t want;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stop_ || (wanted_ >= 0 && wanted_ != done); });
            if (stop_) return;
            want = wanted_;
            inFlight_ = want;
            lastRequestDone_ = false;
        }
        auto f = source_.frame(want);
        {
            std::lock_guard lock(mu_);
            inFlight_ = -1;
            done = want;
            lastRequestDone_ = wanted_ == want;
            if (f) {
                ready_ = std::move(f).value();
                ++readySerial_;
                error_.reset();
            } else {
                error_ = f.error();
            }
        }
        cv_.notify_all();
    }
}

}  // namespace kotsu::annotate
