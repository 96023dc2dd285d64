#pragma once
// The shared first video stage when several outputs want pictures at the same rate: deinterlace,
// constant rate, colour conversion, rotation and the scale to the largest output happen once, and
// the smaller outputs scale from that picture instead of from the source (a 1080p source is scaled
// once to 720p, bicubic; 480p and 360p come from the 720p picture, bilinear, which swscale makes
// area-correct when downscaling). Its frames go on to the outputs' threads.
#include <vector>

#include "transcode/output_sink.hpp"
#include "transcode/sink_thread.hpp"
#include "transcode/video_pipe.hpp"

namespace kotsu::transcode {

class Prescaler final : public OutputSink {
public:
    // `width`×`height`: the picture (not the frame) of the largest output; `downstream` outlive this.
    Prescaler(VideoStreamFacts source, int width, int height, Rational fps, std::vector<SinkThread*> downstream,
              std::string path);

    // What the downstream outputs see: upright, square, progressive frames at `fps`.
    [[nodiscard]] static VideoStreamFacts outputFacts(Rational fps);

    [[nodiscard]] Status video(av::Frame& frame) override;
    [[nodiscard]] Status audio(int, av::Frame&) override { return {}; }
    [[nodiscard]] Status finish(std::int64_t videoEndPts) override;
    [[nodiscard]] Status commit() override { return {}; }

private:
    Status forward(av::Frame& frame);
    VideoPipe pipe_;
    Rational fps_;
    std::vector<SinkThread*> downstream_;
    std::int64_t lastPts_ = -1;
};

}  // namespace kotsu::transcode
