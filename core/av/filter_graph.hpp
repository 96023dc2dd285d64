#pragma once
// A libavfilter graph described once by a spec string with named buffer inputs and sink outputs.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/av/frame.hpp"
#include "core/error.hpp"

extern "C" {
#include <libavfilter/avfilter.h>
}

namespace kotsu::av {

struct FilterPad {
    std::string label;  // the link label in the spec, e.g. "in" for "[in]"
    std::string args;   // buffer/abuffer args, e.g. "video_size=1920x1080:pix_fmt=0:time_base=1/30:pixel_aspect=1/1"
    bool audio = false;
};

// A filter made through the API: its options are set one by one (av_opt_set), never parsed from a
// string, so a value may hold any character (paths with ' : , [ ] \ and spaces).
struct FilterNode {
    std::string filter;                                       // e.g. "ass"
    std::vector<std::pair<std::string, std::string>> options;  // e.g. {"filename", "/a/Tanaka's lathe/b.ass"}
};

// Filters made through the API that run from the spec's open output [from] into its open input [to],
// e.g. spec "[in]scale=640:-2[a];[b]format=yuv420p[out]" with {"a", "b", {ass}}.
struct FilterInsert {
    std::string from;
    std::string to;
    std::vector<FilterNode> filters;
};

// The arguments of a graph's buffer (picture) and abuffer (sound) inputs, built in one place.
[[nodiscard]] FilterPad videoInput(std::string label, int width, int height, int pixelFormat, AVRational timeBase,
                                   AVRational sampleAspect = {1, 1});
// Sound like `frame`; a layout given only as a channel count is taken as that count's default layout.
[[nodiscard]] FilterPad audioInput(std::string label, const AVFrame* frame, AVRational timeBase);
[[nodiscard]] FilterPad audioInput(std::string label, int sampleRate, int sampleFormat, const AVChannelLayout& layout,
                                   AVRational timeBase);

class FilterGraph {
public:
    // spec uses [label] for each input and output, e.g. "[in]scale=640:-2[out]".
    // `inserts` are linked in after the spec is parsed, before the graph is configured.
    static Result<FilterGraph> create(const std::string& spec, const std::vector<FilterPad>& inputs,
                                      const std::vector<FilterPad>& outputs, int threads = 0,
                                      const std::vector<FilterInsert>& inserts = {});

    FilterGraph(FilterGraph&&) noexcept = default;
    FilterGraph& operator=(FilterGraph&&) noexcept = default;

    // frame == nullptr closes that input.
    [[nodiscard]] Status push(size_t input, Frame* frame);
    // Closes an input at `pts` (in that input's time base), so filters such as fps know where the
    // last frame ends rather than where it starts.
    [[nodiscard]] Status close(size_t input, std::int64_t pts);
    [[nodiscard]] Flow pull(size_t output, Frame& frame);
    [[nodiscard]] AVFilterContext* sink(size_t output) const { return sinks_[output]; }
    [[nodiscard]] AVRational outputTimeBase(size_t output) const;
    [[nodiscard]] const Error& error() const { return err_; }
    // Sets the audio sink's frame size (encoders such as AAC want exactly 1024 samples a frame).
    void setAudioFrameSize(size_t output, int samples);
    // Sends a command to every filter that accepts it (e.g. "volume", "volume", "0.5").
    [[nodiscard]] Status command(const std::string& target, const std::string& cmd, const std::string& arg);

private:
    FilterGraph() = default;
    struct Free {
        void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
    };
    std::unique_ptr<AVFilterGraph, Free> graph_;
    std::vector<AVFilterContext*> sources_;
    std::vector<AVFilterContext*> sinks_;
    Error err_;
};

}  // namespace kotsu::av
