#pragma once
// One output's video filter chain (video_chain.hpp), built on the first decoded frame so it sees the
// real pixel format, size, colour and interlacing, and closed at the stream's true end so the
// constant-rate output is as long as the source.
#include <functional>
#include <optional>
#include <string>

#include "core/av/filter_graph.hpp"
#include "core/av/frame.hpp"
#include "core/error.hpp"
#include "transcode/video_chain.hpp"

namespace kotsu::transcode {

// What the stream (not its frames) says about the picture.
struct VideoStreamFacts {
    AVRational timeBase{1, 90000};
    int rotation = 0;
    Rational sampleAspect{0, 1};   // 0/1: unknown, the frames say
    int fieldOrder = 0;            // AVFieldOrder
    Rational constantRate{0, 1};   // frames come at this constant rate (0 = unknown)
    bool prefiltered = false;      // frames from the shared first stage (see VideoSource)
};

[[nodiscard]] VideoStreamFacts videoStreamFacts(const AVStream* st);

class VideoPipe {
public:
    using Sink = std::function<Status(av::Frame&)>;
    VideoPipe(VideoStreamFacts facts, VideoTarget target, std::string path)
        : facts_(facts), target_(std::move(target)), path_(std::move(path)) {}

    // Filters one decoded frame (pts in the stream's time base); hands every ready frame to `sink`.
    [[nodiscard]] Status push(av::Frame& frame, const Sink& sink);
    // The stream ended at `endPts` (stream time base): flushes the rest.
    [[nodiscard]] Status finish(std::int64_t endPts, const Sink& sink);
    // The time base of frames given to the sink (1/fps).
    [[nodiscard]] AVRational outputTimeBase() const {
        return graph_ ? graph_->outputTimeBase(0) : AVRational{target_.fps.den, target_.fps.num};
    }

private:
    Status drain(const Sink& sink);
    VideoStreamFacts facts_;
    VideoTarget target_;
    std::string path_;
    std::optional<av::FilterGraph> graph_;
    av::Frame out_;
};

}  // namespace kotsu::transcode
