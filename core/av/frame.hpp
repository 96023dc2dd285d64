#pragma once
// Move-only owners of AVPacket and AVFrame. ref() shares the data buffers (refcounted), clone()
// is the same as ref() plus a fresh struct; nothing else in kotsu frees libav objects.
#include <memory>

extern "C" {
#include <libavcodec/packet.h>
#include <libavutil/frame.h>
}

namespace kotsu::av {

class Packet {
public:
    Packet();
    Packet(Packet&&) noexcept = default;
    Packet& operator=(Packet&&) noexcept = default;
    [[nodiscard]] AVPacket* get() const { return p_.get(); }
    AVPacket* operator->() const { return p_.get(); }
    [[nodiscard]] Packet ref() const;
    void unref() { av_packet_unref(p_.get()); }

private:
    struct Free {
        void operator()(AVPacket* p) const { av_packet_free(&p); }
    };
    std::unique_ptr<AVPacket, Free> p_;
};

class Frame {
public:
    Frame();
    Frame(Frame&&) noexcept = default;
    Frame& operator=(Frame&&) noexcept = default;
    [[nodiscard]] AVFrame* get() const { return f_.get(); }
    AVFrame* operator->() const { return f_.get(); }
    [[nodiscard]] Frame ref() const;
    // A frame of `samples` samples with its own buffers (zeroed: silence in float formats).
    [[nodiscard]] static Frame audio(int sampleFormat, const AVChannelLayout& layout, int sampleRate, int samples);
    void unref() { av_frame_unref(f_.get()); }
    [[nodiscard]] bool empty() const { return !f_->buf[0] && !f_->data[0]; }

private:
    struct Free {
        void operator()(AVFrame* f) const { av_frame_free(&f); }
    };
    std::unique_ptr<AVFrame, Free> f_;
};

// The state of a send/receive loop: EAGAIN and EOF are states, not errors.
enum class Flow { Got, Again, End, Failed };

}  // namespace kotsu::av
