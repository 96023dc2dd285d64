#pragma once
// An OutputSink on its own thread, fed through a bounded FrameQueue by one or more producers (the
// decoding thread; a shared first video stage). The sink is finished when every producer has sent
// its End; the video end time comes from whichever End carries one. A sink that fails calls
// `onFailure` (the transcoder stops every other thread with it), so no thread waits for an End that
// will never come.
#include <functional>
#include <memory>
#include <thread>

#include "transcode/frame_queue.hpp"
#include "transcode/output_sink.hpp"

extern "C" {
#include <libavutil/error.h>
}

namespace kotsu::transcode {

// Enough decoded frames in flight to keep every encoder busy, few enough to keep memory flat.
inline constexpr size_t kQueueDepth = 12;
// An End item that says nothing about where the video ends (from a producer of audio only).
inline constexpr std::int64_t kNoVideoEnd = INT64_MIN;

class SinkThread {
public:
    SinkThread(std::unique_ptr<OutputSink> sink, int producers, std::function<void()> onFailure = {})
        : sink_(std::move(sink)), producers_(producers), onFailure_(std::move(onFailure)) {
        thread_ = std::thread([this] { run(); });
    }
    ~SinkThread() {
        queue_.abort();
        if (thread_.joinable()) thread_.join();
    }
    SinkThread(const SinkThread&) = delete;
    SinkThread& operator=(const SinkThread&) = delete;

    // false when the sink has failed or was aborted (its status tells which once joined).
    bool push(FrameItem item) { return queue_.push(std::move(item)); }
    void abort() { queue_.abort(); }
    void join() {
        if (thread_.joinable()) thread_.join();
    }
    [[nodiscard]] const Status& status() const { return status_; }
    [[nodiscard]] OutputSink& sink() { return *sink_; }

private:
    void run() {
        std::int64_t videoEnd = kNoVideoEnd;
        int ends = 0;
        while (auto item = queue_.pop()) {
            Status st;
            switch (item->kind) {
                case FrameItem::Kind::Video: st = sink_->video(item->frame); break;
                case FrameItem::Kind::Audio: st = sink_->audio(item->track, item->frame); break;
                case FrameItem::Kind::End:
                    if (item->endPts != kNoVideoEnd) videoEnd = item->endPts;
                    if (++ends < producers_) continue;
                    st = sink_->finish(videoEnd == kNoVideoEnd ? 0 : videoEnd);
                    break;
            }
            if (!st) {
                status_ = st;
                queue_.abort();
                if (onFailure_) onFailure_();
                return;
            }
            if (ends >= producers_) return;
        }
        if (status_.ok()) status_ = Error::av(AVERROR_EXIT, "", "cancelled");
    }

    std::unique_ptr<OutputSink> sink_;
    int producers_;
    std::function<void()> onFailure_;
    FrameQueue queue_{kQueueDepth};
    Status status_;
    std::thread thread_;
};

}  // namespace kotsu::transcode
