#include "core/av/output_file.hpp"

extern "C" {
#include <libavutil/display.h>
}

namespace kotsu::av {

namespace {

int writeToSink(void* opaque, std::uint8_t* buf, int size) {
    auto* s = static_cast<std::function<bool(const std::uint8_t*, int)>*>(opaque);
    return (*s)(buf, size) ? size : AVERROR(EIO);
}

void freeCustomIo(AVIOContext*& pb) {
    if (!pb) return;
    avio_flush(pb);
    av_freep(&pb->buffer);
    avio_context_free(&pb);
}

}  // namespace

void OutputFile::Free::operator()(AVFormatContext* c) const {
    if (!c) return;
    if (c->flags & AVFMT_FLAG_CUSTOM_IO) freeCustomIo(c->pb);
    else if (c->pb && !(c->oformat->flags & AVFMT_NOFILE)) avio_closep(&c->pb);
    avformat_free_context(c);
}

Result<OutputFile> OutputFile::toSink(const std::string& name, const char* format, ByteSink sink) {
    AVFormatContext* raw = nullptr;
    int rc = avformat_alloc_output_context2(&raw, nullptr, format, name.c_str());
    if (rc < 0 || !raw) return Error::av(rc, name, "cannot choose an output format");
    OutputFile out;
    out.ctx_.reset(raw);
    out.path_ = name;
    out.sink_ = std::make_unique<ByteSink>(std::move(sink));
    constexpr int kBuffer = 64 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBuffer));
    if (!buffer) return Error::make(name, "out of memory");
    raw->pb = avio_alloc_context(buffer, kBuffer, 1, out.sink_.get(), nullptr, writeToSink, nullptr);
    if (!raw->pb) {
        av_free(buffer);
        return Error::make(name, "out of memory");
    }
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    raw->flush_packets = 1;
    return out;
}

Status OutputFile::addChapter(std::int64_t id, AVRational tb, std::int64_t start, std::int64_t end,
                              const std::string& title) {
    auto* ch = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
    if (!ch) return Error::make(path_, "out of memory");
    ch->id = id;
    ch->time_base = tb;
    ch->start = start;
    ch->end = end;
    av_dict_set(&ch->metadata, "title", title.c_str(), 0);
    void* grown = av_realloc_array(ctx_->chapters, ctx_->nb_chapters + 1, sizeof(AVChapter*));
    if (!grown) {
        av_dict_free(&ch->metadata);
        av_free(ch);
        return Error::make(path_, "out of memory");
    }
    ctx_->chapters = static_cast<AVChapter**>(grown);
    ctx_->chapters[ctx_->nb_chapters++] = ch;
    return {};
}

void OutputFile::copyMetadata(int streamIndex, const AVStream* from, const std::string& key) {
    if (auto* e = av_dict_get(from->metadata, key.c_str(), nullptr, 0)) setMetadata(streamIndex, key, e->value);
}

Status OutputFile::flushFragment() {
    int rc = av_write_frame(ctx_.get(), nullptr);
    if (rc < 0) return Error::av(rc, path_, "cannot end a fragment");
    avio_flush(ctx_->pb);
    if (ctx_->pb->error < 0) return Error::av(ctx_->pb->error, path_, "cannot write a fragment");
    return {};
}

Result<OutputFile> OutputFile::create(const std::string& path, const char* format) {
    AVFormatContext* raw = nullptr;
    int rc = avformat_alloc_output_context2(&raw, nullptr, format, path.c_str());
    if (rc < 0 || !raw) return Error::av(rc, path, "cannot choose an output format");
    OutputFile out;
    out.ctx_.reset(raw);
    out.path_ = path;
    if (!(raw->oformat->flags & AVFMT_NOFILE)) {
        rc = avio_open(&raw->pb, path.c_str(), AVIO_FLAG_WRITE);
        if (rc < 0) return Error::av(rc, path, "cannot create the file");
    }
    return out;
}

OutputFile::~OutputFile() = default;

Result<int> OutputFile::addStream(const Encoder& enc) {
    AVStream* st = avformat_new_stream(ctx_.get(), nullptr);
    if (!st) return Error::make(path_, "cannot add a stream");
    int rc = avcodec_parameters_from_context(st->codecpar, enc.ctx());
    if (rc < 0) return Error::av(rc, path_, "cannot copy encoder parameters");
    st->time_base = enc.ctx()->time_base;
    return st->index;
}

Result<int> OutputFile::addStreamLike(const AVStream* in) {
    AVStream* st = avformat_new_stream(ctx_.get(), nullptr);
    if (!st) return Error::make(path_, "cannot add a stream");
    int rc = avcodec_parameters_copy(st->codecpar, in->codecpar);
    if (rc < 0) return Error::av(rc, path_, "cannot copy stream parameters");
    st->codecpar->codec_tag = 0;
    st->time_base = in->time_base;
    return st->index;
}

Status OutputFile::setRotation(int streamIndex, int degrees) {
    auto* matrix = static_cast<int32_t*>(av_malloc(sizeof(int32_t) * 9));
    if (!matrix) return Error::make(path_, "out of memory");
    // av_display_rotation_set takes CLOCKWISE degrees (libavutil/display.h), while
    // av_display_rotation_get answers counter-clockwise: set(90) reads back as -90, which is what
    // an iPhone held upright writes (ffprobe "rotation=-90") and what players turn 90° clockwise.
    av_display_rotation_set(matrix, degrees);
    int rc = av_stream_add_side_data(ctx_->streams[streamIndex], AV_PKT_DATA_DISPLAYMATRIX,
                                     reinterpret_cast<uint8_t*>(matrix), sizeof(int32_t) * 9);
    if (rc < 0) {
        av_free(matrix);
        return Error::av(rc, path_, "cannot set the rotation");
    }
    return {};
}

void OutputFile::setMetadata(int streamIndex, const std::string& key, const std::string& value) {
    av_dict_set(&ctx_->streams[streamIndex]->metadata, key.c_str(), value.c_str(), 0);
}

Status OutputFile::writeHeader(Dictionary options) {
    int rc = avformat_write_header(ctx_.get(), options.out());
    if (rc < 0) return Error::av(rc, path_, "cannot write the header");
    headerWritten_ = true;
    return {};
}

Status OutputFile::write(Packet& pkt, int streamIndex, AVRational from) {
    pkt->stream_index = streamIndex;
    av_packet_rescale_ts(pkt.get(), from, ctx_->streams[streamIndex]->time_base);
    int rc = av_interleaved_write_frame(ctx_.get(), pkt.get());
    if (rc < 0) return Error::av(rc, path_, "cannot write a packet");
    return {};
}

Status OutputFile::finish() {
    if (finished_) return {};
    finished_ = true;
    if (headerWritten_) {
        int rc = av_write_trailer(ctx_.get());
        if (rc < 0) return Error::av(rc, path_, "cannot finish the file");
    }
    if (ctx_->flags & AVFMT_FLAG_CUSTOM_IO) {
        avio_flush(ctx_->pb);
        if (ctx_->pb->error < 0) return Error::av(ctx_->pb->error, path_, "cannot write the end of the file");
    } else if (ctx_->pb && !(ctx_->oformat->flags & AVFMT_NOFILE)) {
        int rc = avio_closep(&ctx_->pb);
        if (rc < 0) return Error::av(rc, path_, "cannot close the file");
    }
    return {};
}

}  // namespace kotsu::av
