#include "core/av/filter_graph.hpp"

#include <algorithm>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
}

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

namespace kotsu::av {

namespace {

std::string ratio(AVRational r) { return std::to_string(r.num) + "/" + std::to_string(r.den); }

}  // namespace

FilterPad videoInput(std::string label, int width, int height, int pixelFormat, AVRational timeBase,
                     AVRational sampleAspect) {
    if (sampleAspect.num <= 0 || sampleAspect.den <= 0) sampleAspect = {1, 1};
    return {std::move(label),
            "video_size=" + std::to_string(width) + "x" + std::to_string(height) + ":pix_fmt=" +
                std::to_string(pixelFormat) + ":time_base=" + ratio(timeBase) + ":pixel_aspect=" + ratio(sampleAspect),
            false};
}

FilterPad audioInput(std::string label, int sampleRate, int sampleFormat, const AVChannelLayout& layout,
                     AVRational timeBase) {
    AVChannelLayout explicitLayout{};
    if (layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&explicitLayout, std::max(1, layout.nb_channels));
    else av_channel_layout_copy(&explicitLayout, &layout);
    char name[128] = "";
    av_channel_layout_describe(&explicitLayout, name, sizeof name);
    av_channel_layout_uninit(&explicitLayout);
    const char* fmt = av_get_sample_fmt_name(static_cast<AVSampleFormat>(sampleFormat));
    return {std::move(label),
            "sample_rate=" + std::to_string(sampleRate) + ":sample_fmt=" + (fmt ? fmt : "fltp") +
                ":channel_layout=" + name + ":time_base=" + ratio(timeBase),
            true};
}

FilterPad audioInput(std::string label, const AVFrame* frame, AVRational timeBase) {
    return audioInput(std::move(label), frame->sample_rate, frame->format, frame->ch_layout, timeBase);
}

namespace {

struct InOutFree {
    void operator()(AVFilterInOut* io) const { avfilter_inout_free(&io); }
};

}  // namespace

Result<FilterGraph> FilterGraph::create(const std::string& spec, const std::vector<FilterPad>& inputs,
                                        const std::vector<FilterPad>& outputs, int threads,
                                        const std::vector<FilterInsert>& inserts) {
    FilterGraph g;
    g.graph_.reset(avfilter_graph_alloc());
    if (!g.graph_) return Error::make("filter graph", "out of memory");
    g.graph_->nb_threads = threads;

    AVFilterInOut* ins = nullptr;   // the spec's open inputs: fed by our buffer sources
    AVFilterInOut* outs = nullptr;  // the spec's open outputs: drained by our sinks
    int rc = avfilter_graph_parse2(g.graph_.get(), spec.c_str(), &ins, &outs);
    std::unique_ptr<AVFilterInOut, InOutFree> insOwner(ins), outsOwner(outs);
    if (rc < 0) return Error::av(rc, "filter graph", "cannot parse '" + spec + "'");

    for (const auto& pad : inputs) {
        AVFilterContext* src = nullptr;
        const AVFilter* f = avfilter_get_by_name(pad.audio ? "abuffer" : "buffer");
        rc = avfilter_graph_create_filter(&src, f, ("src_" + pad.label).c_str(), pad.args.c_str(), nullptr,
                                          g.graph_.get());
        if (rc < 0) return Error::av(rc, "filter graph", "bad input '" + pad.label + "' (" + pad.args + ")");
        bool linked = false;
        for (AVFilterInOut* io = ins; io; io = io->next) {
            if (io->name && pad.label == io->name) {
                rc = avfilter_link(src, 0, io->filter_ctx, static_cast<unsigned>(io->pad_idx));
                if (rc < 0) return Error::av(rc, "filter graph", "cannot link input '" + pad.label + "'");
                linked = true;
            }
        }
        if (!linked) return Error::make("filter graph", "the spec has no input [" + pad.label + "]");
        g.sources_.push_back(src);
    }
    for (const auto& pad : outputs) {
        AVFilterContext* sink = nullptr;
        const AVFilter* f = avfilter_get_by_name(pad.audio ? "abuffersink" : "buffersink");
        rc = avfilter_graph_create_filter(&sink, f, ("sink_" + pad.label).c_str(), nullptr, nullptr, g.graph_.get());
        if (rc < 0) return Error::av(rc, "filter graph", "cannot create output '" + pad.label + "'");
        bool linked = false;
        for (AVFilterInOut* io = outs; io; io = io->next) {
            if (io->name && pad.label == io->name) {
                rc = avfilter_link(io->filter_ctx, static_cast<unsigned>(io->pad_idx), sink, 0);
                if (rc < 0) return Error::av(rc, "filter graph", "cannot link output '" + pad.label + "'");
                linked = true;
            }
        }
        if (!linked) return Error::make("filter graph", "the spec has no output [" + pad.label + "]");
        g.sinks_.push_back(sink);
    }
    for (const auto& insert : inserts) {
        AVFilterContext* prev = nullptr;
        unsigned prevPad = 0;
        for (AVFilterInOut* io = outs; io; io = io->next)
            if (io->name && insert.from == io->name) prev = io->filter_ctx, prevPad = static_cast<unsigned>(io->pad_idx);
        if (!prev) return Error::make("filter graph", "the spec has no output [" + insert.from + "]");
        for (const auto& node : insert.filters) {
            const AVFilter* f = avfilter_get_by_name(node.filter.c_str());
            if (!f) return Error::make("filter graph", "no filter '" + node.filter + "' in this libavfilter");
            AVFilterContext* ctx = avfilter_graph_alloc_filter(g.graph_.get(), f, nullptr);
            if (!ctx) return Error::make("filter graph", "out of memory");
            for (const auto& [key, value] : node.options) {
                rc = av_opt_set(ctx, key.c_str(), value.c_str(), AV_OPT_SEARCH_CHILDREN);
                if (rc < 0) return Error::av(rc, "filter graph", node.filter + ": bad option '" + key + "'");
            }
            rc = avfilter_init_str(ctx, nullptr);
            if (rc < 0) return Error::av(rc, "filter graph", "cannot set up " + node.filter);
            rc = avfilter_link(prev, prevPad, ctx, 0);
            if (rc < 0) return Error::av(rc, "filter graph", "cannot link " + node.filter);
            prev = ctx;
            prevPad = 0;
        }
        bool linked = false;
        for (AVFilterInOut* io = ins; io; io = io->next) {
            if (io->name && insert.to == io->name) {
                rc = avfilter_link(prev, prevPad, io->filter_ctx, static_cast<unsigned>(io->pad_idx));
                if (rc < 0) return Error::av(rc, "filter graph", "cannot link into [" + insert.to + "]");
                linked = true;
            }
        }
        if (!linked) return Error::make("filter graph", "the spec has no input [" + insert.to + "]");
    }
    rc = avfilter_graph_config(g.graph_.get(), nullptr);
    if (rc < 0) return Error::av(rc, "filter graph", "cannot configure '" + spec + "'");
    return g;
}

Status FilterGraph::push(size_t input, Frame* frame) {
    int rc = av_buffersrc_add_frame_flags(sources_[input], frame ? frame->get() : nullptr,
                                          AV_BUFFERSRC_FLAG_KEEP_REF);
    if (rc < 0) return Error::av(rc, "filter graph", "cannot filter a frame");
    return {};
}

Status FilterGraph::close(size_t input, std::int64_t pts) {
    int rc = av_buffersrc_close(sources_[input], pts, AV_BUFFERSRC_FLAG_PUSH);
    if (rc < 0) return Error::av(rc, "filter graph", "cannot close an input");
    return {};
}

Flow FilterGraph::pull(size_t output, Frame& frame) {
    frame.unref();
    int rc = av_buffersink_get_frame(sinks_[output], frame.get());
    if (rc >= 0) return Flow::Got;
    if (rc == AVERROR(EAGAIN)) return Flow::Again;
    if (rc == AVERROR_EOF) return Flow::End;
    err_ = Error::av(rc, "filter graph", "cannot filter");
    return Flow::Failed;
}

AVRational FilterGraph::outputTimeBase(size_t output) const { return av_buffersink_get_time_base(sinks_[output]); }

void FilterGraph::setAudioFrameSize(size_t output, int samples) {
    av_buffersink_set_frame_size(sinks_[output], static_cast<unsigned>(samples));
}

Status FilterGraph::command(const std::string& target, const std::string& cmd, const std::string& arg) {
    int rc = avfilter_graph_send_command(graph_.get(), target.c_str(), cmd.c_str(), arg.c_str(), nullptr, 0, 0);
    if (rc < 0) return Error::av(rc, "filter graph", "command " + cmd + " failed");
    return {};
}

}  // namespace kotsu::av
