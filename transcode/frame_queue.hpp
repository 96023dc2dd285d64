#pragma once
// A bounded hand-over of decoded frames from the decoding thread to one output's thread. Frames are
// references to the decoder's buffers (no pixel copies); the bound keeps memory flat when an encoder
// is slower than the decoder.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "core/av/frame.hpp"

namespace kotsu::transcode {

struct FrameItem {
    enum class Kind { Video, Audio, End } kind = Kind::Video;
    int track = 0;            // audio: the output's track index
    av::Frame frame;          // Video/Audio
    std::int64_t endPts = 0;  // End: where the video stream ends, in the video stream's time base
};

class FrameQueue {
public:
    explicit FrameQueue(size_t capacity) : capacity_(capacity) {}

    // false when the queue was aborted (the consumer failed or the work was cancelled).
    bool push(FrameItem item) {
        std::unique_lock lock(mutex_);
        notFull_.wait(lock, [&] { return aborted_ || items_.size() < capacity_; });
        if (aborted_) return false;
        items_.push_back(std::move(item));
        notEmpty_.notify_one();
        return true;
    }

    // nullopt when aborted.
    std::optional<FrameItem> pop() {
        std::unique_lock lock(mutex_);
        notEmpty_.wait(lock, [&] { return aborted_ || !items_.empty(); });
        if (aborted_) return std::nullopt;
        FrameItem item = std::move(items_.front());
        items_.pop_front();
        notFull_.notify_one();
        return item;
    }

    void abort() {
        std::lock_guard lock(mutex_);
        aborted_ = true;
        items_.clear();
        notFull_.notify_all();
        notEmpty_.notify_all();
    }

private:
    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable notFull_, notEmpty_;
    std::deque<FrameItem> items_;
    bool aborted_ = false;
};

}  // namespace kotsu::transcode
