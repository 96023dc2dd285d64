#pragma once
// One rendition being written: its video chain and H.264 encoder, its AAC tracks, the MP4 muxer,
// all on the output's own thread. Written under a temporary name; commit() renames it into place.
#include <memory>
#include <optional>
#include <vector>

#include "core/av/codec.hpp"
#include "core/av/output_file.hpp"
#include "core/files.hpp"
#include "transcode/loudness.hpp"
#include "transcode/output_sink.hpp"
#include "transcode/speech_chain.hpp"
#include "transcode/transcoder.hpp"
#include "transcode/video_pipe.hpp"

namespace kotsu::transcode {

struct RenditionPlan {
    OutputSpec spec;
    bool hasVideo = false;
    VideoStreamFacts videoFacts;
    Rational fps{30, 1};
    std::vector<AudioTrackPlan> tracks;  // in track order; frames arrive in 1/48000 time base
};

class RenditionWriter final : public OutputSink {
public:
    [[nodiscard]] static Result<std::unique_ptr<RenditionWriter>> open(RenditionPlan plan);

    [[nodiscard]] Status video(av::Frame& frame) override;
    [[nodiscard]] Status audio(int track, av::Frame& frame) override;
    [[nodiscard]] Status finish(std::int64_t videoEndPts) override;
    [[nodiscard]] Status commit() override;
    // After finish(): size, length and the loudness measured on the written file.
    [[nodiscard]] const OutputResult& result() const { return result_; }

private:
    explicit RenditionWriter(RenditionPlan plan);
    Status setUp();
    Status encodeVideo(av::Frame* frame);
    Status encodeAudio(size_t track, av::Frame* frame);

    struct AudioOut {
        av::Encoder enc;
        int stream = -1;
        // Normalised tracks are measured on the output as it is written: their packets are decoded
        // again and metered, so no second read of the file is needed at the end.
        std::optional<av::Decoder> check;
        std::optional<LoudnessMeter> meter;
    };
    Status meter(AudioOut& a, const av::Packet* pkt);  // nullptr: the track ended
    RenditionPlan plan_;
    TempPath tmp_;
    std::optional<av::OutputFile> out_;
    std::optional<VideoPipe> pipe_;
    std::optional<av::Encoder> venc_;
    int vstream_ = -1;
    std::vector<AudioOut> audio_;
    std::vector<Micros> forced_;
    size_t nextForced_ = 0;
    av::Packet pkt_;
    Micros videoEnd_ = 0, audioEnd_ = 0;
    OutputResult result_;
};

// "ja" → "jpn": the MP4 language field wants ISO 639-2. Empty when unknown.
[[nodiscard]] std::string iso639_2(const std::string& language);

}  // namespace kotsu::transcode
