#pragma once
// Decoder and Encoder: an AVCodecContext with its send/receive loop.
#include <functional>
#include <memory>
#include <string>

#include "core/av/dictionary.hpp"
#include "core/av/frame.hpp"
#include "core/error.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace kotsu::av {

struct CodecContextFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFree>;

class Decoder {
public:
    // threads: 0 = libav's choice (all cores). configure() may set more fields before it opens.
    static Result<Decoder> open(const AVStream* stream, const std::string& path, int threads = 0,
                                const std::function<void(AVCodecContext*)>& configure = {});

    Decoder(Decoder&&) noexcept = default;
    Decoder& operator=(Decoder&&) noexcept = default;

    [[nodiscard]] AVCodecContext* ctx() const { return ctx_.get(); }
    // nullptr flushes. Flow::Again means: receive first, then send again.
    [[nodiscard]] Flow send(const Packet* pkt);
    [[nodiscard]] Flow receive(Frame& frame);
    [[nodiscard]] const Error& error() const { return err_; }
    void flushBuffers() { avcodec_flush_buffers(ctx_.get()); }

private:
    Decoder() = default;
    CodecContextPtr ctx_;
    std::string path_;
    Error err_;
};

// The picture every H.264 output of kotsu carries: WIDTH×HEIGHT 8-bit 4:2:0, square pixels, BT.709
// limited range, time base 1/FPS.
void setBt709Picture(AVCodecContext* c, int width, int height, AVRational fps);

class Encoder {
public:
    // configure() sets size, pixel format, time base, rates... on the context before it opens.
    static Result<Encoder> open(const std::string& codecName, const std::function<void(AVCodecContext*)>& configure,
                                Dictionary options = {}, const std::string& path = {});

    Encoder(Encoder&&) noexcept = default;
    Encoder& operator=(Encoder&&) noexcept = default;

    [[nodiscard]] AVCodecContext* ctx() const { return ctx_.get(); }
    [[nodiscard]] Flow send(const Frame* frame);  // nullptr flushes
    [[nodiscard]] Flow receive(Packet& pkt);
    [[nodiscard]] const Error& error() const { return err_; }

private:
    Encoder() = default;
    CodecContextPtr ctx_;
    std::string path_;
    Error err_;
};

}  // namespace kotsu::av
