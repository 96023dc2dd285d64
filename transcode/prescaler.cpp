#include "transcode/prescaler.hpp"

namespace kotsu::transcode {

namespace {

VideoTarget firstStage(int width, int height, Rational fps) {
    VideoTarget t;
    t.width = width;
    t.height = height;
    t.fps = fps;
    t.pad = false;
    return t;
}

}  // namespace

Prescaler::Prescaler(VideoStreamFacts source, int width, int height, Rational fps,
                     std::vector<SinkThread*> downstream, std::string path)
    : pipe_(source, firstStage(width, height, fps), std::move(path)), fps_(fps), downstream_(std::move(downstream)) {}

VideoStreamFacts Prescaler::outputFacts(Rational fps) {
    VideoStreamFacts f;
    f.timeBase = {fps.den, fps.num};
    f.rotation = 0;
    f.sampleAspect = {1, 1};
    f.fieldOrder = AV_FIELD_PROGRESSIVE;
    f.constantRate = fps;
    f.prefiltered = true;
    return f;
}

Status Prescaler::forward(av::Frame& frame) {
    // Downstream reads pts in 1/fps.
    frame->pts = av_rescale_q(frame->pts, pipe_.outputTimeBase(), {fps_.den, fps_.num});
    lastPts_ = std::max(lastPts_, frame->pts);
    for (auto* d : downstream_) {
        FrameItem item;
        item.kind = FrameItem::Kind::Video;
        item.frame = frame.ref();
        // A failed output stops the run; its own error is the one reported.
        if (!d->push(std::move(item))) return Error::av(AVERROR_EXIT, "", "an output failed");
    }
    return {};
}

Status Prescaler::video(av::Frame& frame) {
    return pipe_.push(frame, [&](av::Frame& f) { return forward(f); });
}

Status Prescaler::finish(std::int64_t videoEndPts) {
    KOTSU_TRY(pipe_.finish(videoEndPts, [&](av::Frame& f) { return forward(f); }));
    for (auto* d : downstream_) {
        FrameItem item;
        item.kind = FrameItem::Kind::End;
        item.endPts = lastPts_ + 1;
        if (!d->push(std::move(item))) return Error::av(AVERROR_EXIT, "", "an output failed");
    }
    return {};
}

}  // namespace kotsu::transcode
