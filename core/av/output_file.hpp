#pragma once
// A media file being written: streams, header, interleaved packets, trailer.
#include <memory>
#include <string>

#include "core/av/codec.hpp"
#include "core/av/dictionary.hpp"
#include "core/av/frame.hpp"
#include "core/error.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

namespace kotsu::av {

class OutputFile {
public:
    // format: nullptr to guess from the name (".mp4"), or "mp4", "null"...
    static Result<OutputFile> create(const std::string& path, const char* format = nullptr);

    OutputFile(OutputFile&&) noexcept = default;
    OutputFile& operator=(OutputFile&&) noexcept = default;
    ~OutputFile();

    [[nodiscard]] AVFormatContext* ctx() const { return ctx_.get(); }
    // A stream carrying what `enc` produces; returns its index.
    [[nodiscard]] Result<int> addStream(const Encoder& enc);
    // A stream copying `in`'s parameters (remux without re-encoding).
    [[nodiscard]] Result<int> addStreamLike(const AVStream* in);
    [[nodiscard]] AVStream* stream(int i) const { return ctx_->streams[i]; }
    // Writes a display matrix on a video stream: players rotate the picture by `degrees` clockwise.
    [[nodiscard]] Status setRotation(int streamIndex, int degrees);

    // Stream metadata such as "handler_name", "title", "language" (before writeHeader).
    void setMetadata(int streamIndex, const std::string& key, const std::string& value);

    [[nodiscard]] Status writeHeader(Dictionary options = {});
    // Rescales pkt from `from` to the stream's time base and writes it interleaved.
    [[nodiscard]] Status write(Packet& pkt, int streamIndex, AVRational from);
    [[nodiscard]] Status finish();  // trailer + close
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    OutputFile() = default;
    struct Free {
        void operator()(AVFormatContext* c) const;
    };
    std::unique_ptr<AVFormatContext, Free> ctx_;
    std::string path_;
    bool headerWritten_ = false;
    bool finished_ = false;
};

}  // namespace kotsu::av
