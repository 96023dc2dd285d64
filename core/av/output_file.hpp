#pragma once
// A media file being written: streams, header, interleaved packets, trailer.
#include <cstdint>
#include <functional>
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
    // Bytes go to `sink` instead of a file (a writer thread that owns the file and fdatasyncs it):
    // the muxer never touches the disk. `sink` returns false to fail the write (e.g. disk full).
    using ByteSink = std::function<bool(const std::uint8_t* data, int size)>;
    static Result<OutputFile> toSink(const std::string& name, const char* format, ByteSink sink);

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

    // A chapter [start, end) in `tb` with a UTF-8 title (before writeHeader; mp4 writes a chapter track).
    [[nodiscard]] Status addChapter(std::int64_t id, AVRational tb, std::int64_t start, std::int64_t end,
                                    const std::string& title);
    // Copies the input's stream metadata key (e.g. "timecode") onto an output stream when present.
    void copyMetadata(int streamIndex, const AVStream* from, const std::string& key);

    [[nodiscard]] Status writeHeader(Dictionary options = {});
    // Ends the current fragment (fragmented MP4: `frag_custom`) and pushes the bytes out of the
    // AVIO buffer, so they reach the sink now rather than when 64 KiB have gathered.
    [[nodiscard]] Status flushFragment();
    // Rescales pkt from `from` to the stream's time base and writes it interleaved.
    [[nodiscard]] Status write(Packet& pkt, int streamIndex, AVRational from);
    [[nodiscard]] Status finish();  // trailer + close
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    OutputFile() = default;
    struct Free {
        void operator()(AVFormatContext* c) const;
    };
    // toSink: the callback the custom AVIO context writes through; declared first, so it outlives ctx_
    // (whose close flushes through it).
    std::unique_ptr<ByteSink> sink_;
    std::unique_ptr<AVFormatContext, Free> ctx_;
    std::string path_;
    bool headerWritten_ = false;
    bool finished_ = false;
};

}  // namespace kotsu::av
