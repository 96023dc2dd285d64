#include "transcode/still.hpp"

#include <fstream>
#include <optional>

#include "core/av/codec.hpp"
#include "core/av/filter_graph.hpp"
#include "core/av/input_file.hpp"
#include "core/files.hpp"
#include "transcode/jpeg_encoder.hpp"

extern "C" {
#include <libavutil/mathematics.h>
}

namespace kotsu::transcode {

namespace {

Result<av::Frame> frameAt(av::InputFile& in, int v, av::Decoder& dec, Micros at) {
    AVStream* st = in.stream(v);
    std::int64_t origin = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    std::int64_t target = origin + av_rescale_q(at, {1, 1000000}, st->time_base);
    KOTSU_TRY(in.seek(v, target));
    av::Packet pkt;
    av::Frame frame;
    std::optional<av::Frame> last;
    bool eof = false;
    while (true) {
        if (!eof) {
            auto f = in.read(pkt);
            if (f == av::Flow::Failed) return in.error();
            if (f == av::Flow::End) {
                eof = true;
                (void)dec.send(nullptr);
            } else if (f == av::Flow::Got && pkt->stream_index == v) {
                if (dec.send(&pkt) == av::Flow::Failed) return dec.error();
            } else {
                continue;
            }
        }
        while (true) {
            auto r = dec.receive(frame);
            if (r == av::Flow::Failed) return dec.error();
            if (r != av::Flow::Got) {
                if (r == av::Flow::End || eof) {
                    if (last) return std::move(*last);
                    return Error::make(in.path(), "no picture at " + formatTime(at));
                }
                break;
            }
            if (frame->best_effort_timestamp >= target) return frame.ref();
            last = frame.ref();
        }
    }
}

}  // namespace

Status writeStill(const std::string& video, Micros at, const std::filesystem::path& jpeg, int width) {
    auto in = av::InputFile::open(video);
    if (!in) return in.error();
    int v = in->bestStream(AVMEDIA_TYPE_VIDEO);
    if (v < 0) return Error::make(video, "no video stream for a picture");
    auto dec = av::Decoder::open(in->stream(v), video, 1);
    if (!dec) return dec.error();
    auto frame = frameAt(*in, v, *dec, at);
    if (!frame) return frame.error();
    const AVFrame* f = frame->get();
    std::string args = "video_size=" + std::to_string(f->width) + "x" + std::to_string(f->height) +
                       ":pix_fmt=" + std::to_string(f->format) + ":time_base=1/25:pixel_aspect=1/1";
    auto graph = av::FilterGraph::create("[in]scale=" + std::to_string(width) + ":-2,format=yuvj420p[out]",
                                         {{"in", args, false}}, {{"out", "", false}});
    if (!graph) return graph.error();
    KOTSU_TRY(graph->push(0, &*frame));
    KOTSU_TRY(graph->push(0, nullptr));
    av::Frame scaled;
    if (graph->pull(0, scaled) != av::Flow::Got) return Error::make(video, "cannot scale the picture");
    auto enc = openJpegEncoder(scaled->width, scaled->height, 3, jpeg.string());
    if (!enc) return enc.error();
    scaled->pts = 0;
    scaled->pict_type = AV_PICTURE_TYPE_NONE;
    if (enc->send(&scaled) == av::Flow::Failed) return enc->error();
    (void)enc->send(nullptr);
    av::Packet pkt;
    if (enc->receive(pkt) != av::Flow::Got) return Error::make(jpeg.string(), "cannot encode the picture");
    return writeFileAtomic(jpeg, std::string_view(reinterpret_cast<const char*>(pkt->data), static_cast<size_t>(pkt->size)));
}

}  // namespace kotsu::transcode
