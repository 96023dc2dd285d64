#include "core/av/frame.hpp"

#include <new>

namespace kotsu::av {

Packet::Packet() : p_(av_packet_alloc()) {
    if (!p_) throw std::bad_alloc();
}

Packet Packet::ref() const {
    Packet out;
    if (av_packet_ref(out.get(), get()) < 0) throw std::bad_alloc();
    return out;
}

Frame::Frame() : f_(av_frame_alloc()) {
    if (!f_) throw std::bad_alloc();
}

Frame Frame::ref() const {
    Frame out;
    if (av_frame_ref(out.get(), get()) < 0) throw std::bad_alloc();
    return out;
}

}  // namespace kotsu::av
