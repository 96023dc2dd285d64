#include "transcode/still.hpp"

#include <fstream>
#include <optional>

#include "core/av/filter_graph.hpp"
#include "core/av/media_reader.hpp"
#include "core/files.hpp"
#include "transcode/jpeg_encoder.hpp"

extern "C" {
#include <libavutil/mathematics.h>
}

namespace kotsu::transcode {

namespace {

// The picture shown at session time `at`.
Result<av::Frame> frameAt(av::MediaReader& in, Micros at) {
    KOTSU_TRY(in.seekExact(at));
    av::Frame frame;
    av::MediaKind kind;
    if (in.readFrame(frame, kind) != av::Flow::Got) return Error::make(in.path(), "no picture at " + formatTime(at));
    return frame;
}

}  // namespace

Status writeStill(const std::string& video, Micros at, const std::filesystem::path& jpeg, int width) {
    av::ReaderOptions ro;
    ro.audio = av::AudioStreams::None;
    ro.videoThreads = 1;
    auto in = av::MediaReader::open(video, std::move(ro));
    if (!in) return in.error();
    if (in->videoIndex() < 0) return Error::make(video, "no video stream for a picture");
    auto frame = frameAt(*in, at);
    if (!frame) return frame.error();
    const AVFrame* f = frame->get();
    auto graph = av::FilterGraph::create("[in]scale=" + std::to_string(width) + ":-2,format=yuvj420p[out]",
                                         {av::videoInput("in", f->width, f->height, f->format, {1, 25})},
                                         {{"out", "", false}});
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
