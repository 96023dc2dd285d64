#pragma once
// An opened media file (or lavfi graph / device) to demux packets from.
#include <memory>
#include <string>

#include "core/av/dictionary.hpp"
#include "core/av/frame.hpp"
#include "core/error.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

namespace kotsu::av {

class InputFile {
public:
    // format: nullptr to probe, or e.g. "lavfi" for generated sources.
    static Result<InputFile> open(const std::string& path, const char* format = nullptr, Dictionary options = {});

    InputFile(InputFile&&) noexcept = default;
    InputFile& operator=(InputFile&&) noexcept = default;

    [[nodiscard]] AVFormatContext* ctx() const { return ctx_.get(); }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] AVStream* stream(int i) const { return ctx_->streams[i]; }
    // -1 when there is none.
    [[nodiscard]] int bestStream(AVMediaType type) const;

    // Flow::Got with a packet, Flow::End at the end of the file, Flow::Failed with error().
    [[nodiscard]] Flow read(Packet& pkt);
    [[nodiscard]] const Error& error() const { return err_; }
    // Seeks to the keyframe at or before `ts` (in the stream's time base; stream -1 = AV_TIME_BASE).
    [[nodiscard]] Status seek(int stream, std::int64_t ts);

private:
    InputFile() = default;
    struct Close {
        void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
    };
    std::unique_ptr<AVFormatContext, Close> ctx_;
    std::string path_;
    Error err_;
};

}  // namespace kotsu::av
