#include "transcode/video_pipe.hpp"

namespace kotsu::transcode {

VideoStreamFacts videoStreamFacts(const AVStream* st) {
    VideoStreamFacts f;
    f.timeBase = st->time_base;
    f.rotation = streamRotation(st);
    AVRational sar = st->sample_aspect_ratio.num ? st->sample_aspect_ratio : st->codecpar->sample_aspect_ratio;
    if (sar.num > 0 && sar.den > 0) f.sampleAspect = {sar.num, sar.den};
    f.fieldOrder = st->codecpar->field_order;
    return f;
}

Status VideoPipe::push(av::Frame& frame, const Sink& sink) {
    if (!graph_) {
        VideoSource src;
        src.width = frame->width;
        src.height = frame->height;
        src.pixelFormat = frame->format;
        src.timeBase = facts_.timeBase;
        src.rotation = facts_.rotation;
        // The container's aspect ratio wins over the bitstream's, as in av_guess_sample_aspect_ratio.
        if (facts_.sampleAspect.valid())
            src.sampleAspect = facts_.sampleAspect;
        else if (frame->sample_aspect_ratio.num > 0 && frame->sample_aspect_ratio.den > 0)
            src.sampleAspect = {frame->sample_aspect_ratio.num, frame->sample_aspect_ratio.den};
        bool streamSaysInterlaced = facts_.fieldOrder == AV_FIELD_TT || facts_.fieldOrder == AV_FIELD_BB ||
                                    facts_.fieldOrder == AV_FIELD_TB || facts_.fieldOrder == AV_FIELD_BT;
        src.flaggedPerFrame = frame->interlaced_frame != 0;
        src.interlaced = streamSaysInterlaced || src.flaggedPerFrame;
        src.colorRange = frame->color_range;
        src.colorSpace = frame->colorspace;
        src.colorTransfer = frame->color_trc;
        src.colorPrimaries = frame->color_primaries;
        src.constantRate = facts_.constantRate;
        src.prefiltered = facts_.prefiltered;
        auto g = av::FilterGraph::create(videoChainSpec(src, target_), {videoInput(src)},
                                         {{"out", "", false}}, 1, videoChainInserts(target_));
        if (!g) return Error::av(g.error().code, path_, "video filters: " + g.error().message);
        graph_.emplace(std::move(g).value());
    }
    if (auto st = graph_->push(0, &frame); !st) return Error::av(st.error().code, path_, "cannot filter a video frame");
    return drain(sink);
}

Status VideoPipe::finish(std::int64_t endPts, const Sink& sink) {
    if (!graph_) return {};
    if (auto st = graph_->close(0, endPts); !st) return Error::av(st.error().code, path_, "cannot end the video");
    return drain(sink);
}

Status VideoPipe::drain(const Sink& sink) {
    while (true) {
        auto f = graph_->pull(0, out_);
        if (f == av::Flow::Failed) return Error::av(graph_->error().code, path_, "video filters failed");
        if (f != av::Flow::Got) return {};
        KOTSU_TRY(sink(out_));
    }
}

}  // namespace kotsu::transcode
