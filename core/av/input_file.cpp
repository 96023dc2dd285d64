#include "core/av/input_file.hpp"

#include "core/av/device.hpp"

namespace kotsu::av {

Result<InputFile> InputFile::open(const std::string& path, const char* format, Dictionary options) {
    registerDevices();
    const AVInputFormat* fmt = nullptr;
    if (format) {
        fmt = av_find_input_format(format);
        if (!fmt) return Error::make(path, std::string("input format '") + format + "' is not available");
    }
    AVFormatContext* raw = nullptr;
    int rc = avformat_open_input(&raw, path.c_str(), fmt, options.out());
    if (rc < 0) {
        if (rc == AVERROR_INVALIDDATA) return Error::av(rc, path, "not a media file this FFmpeg can read");
        return Error::av(rc, path, "cannot open");
    }
    InputFile in;
    in.ctx_.reset(raw);
    in.path_ = path;
    rc = avformat_find_stream_info(raw, nullptr);
    if (rc < 0) return Error::av(rc, path, "cannot read stream information");
    return in;
}

int InputFile::bestStream(AVMediaType type) const {
    int i = av_find_best_stream(ctx_.get(), type, -1, -1, nullptr, 0);
    if (i < 0) return -1;
    // Cover art is a video stream of one picture: not a video.
    if (type == AVMEDIA_TYPE_VIDEO && (ctx_->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC)) return -1;
    return i;
}

Flow InputFile::read(Packet& pkt) {
    pkt.unref();
    int rc = av_read_frame(ctx_.get(), pkt.get());
    if (rc == AVERROR_EOF) return Flow::End;
    if (rc == AVERROR(EAGAIN)) return Flow::Again;
    if (rc < 0) {
        err_ = Error::av(rc, path_, "cannot read a packet");
        return Flow::Failed;
    }
    return Flow::Got;
}

Status InputFile::seek(int stream, std::int64_t ts) {
    int rc = av_seek_frame(ctx_.get(), stream, ts, AVSEEK_FLAG_BACKWARD);
    if (rc < 0) return Error::av(rc, path_, "cannot seek");
    return {};
}

}  // namespace kotsu::av
