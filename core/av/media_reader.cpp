#include "core/av/media_reader.hpp"

#include <algorithm>

#include "core/av/log_capture.hpp"

extern "C" {
#include <libavutil/mathematics.h>
}

namespace kotsu::av {

namespace {

constexpr AVRational kMicrosTb{1, 1000000};

using Skip = MediaReader::Skip;
// MediaReader::Skip as libavcodec's skip_frame.
AVDiscard discardFor(Skip which) {
    return which == Skip::AllB ? AVDISCARD_BIDIR : which == Skip::NonReference ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
}

// Enough packets to reach the first picture of any sane file (a long open GOP, interleaved audio).
constexpr int kOriginPacketBound = 4000;

std::int64_t frameDuration(const AVFrame* f, const AVStream* st) {
    if (f->pkt_duration > 0) return f->pkt_duration;
    if (st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO && f->sample_rate > 0)
        return av_rescale_q(f->nb_samples, AVRational{1, f->sample_rate}, st->time_base);
    AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (fr.num > 0 && fr.den > 0) return av_rescale_q(1, av_inv_q(fr), st->time_base);
    return 0;
}

bool isDamage(int code) { return code == AVERROR_INVALIDDATA || code == AVERROR(EIO) || code == AVERROR_BUG; }

}  // namespace

Result<MediaReader> MediaReader::open(const std::string& path, ReaderOptions opts) {
    auto in = InputFile::open(path, opts.format, std::move(opts.formatOptions));
    if (!in) return in.error();
    return open(std::move(in).value(), std::move(opts));
}

Result<MediaReader> MediaReader::open(InputFile in, ReaderOptions opts) {
    const std::string path = in.path();
    MediaReader r;
    r.in_.emplace(std::move(in));
    r.opts_ = std::move(opts);
    AVFormatContext* ctx = r.in_->ctx();
    if (r.opts_.video) {
        const int v = r.opts_.videoStream;
        if (v >= static_cast<int>(ctx->nb_streams) || (v >= 0 && ctx->streams[v]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO))
            return Error::make(path, "stream " + std::to_string(v) + " is not a video stream");
        r.v_ = v >= 0 ? v : r.in_->bestStream(AVMEDIA_TYPE_VIDEO);
    }
    if (r.opts_.audio == AudioStreams::Best) {
        int a = r.opts_.audioStream >= 0 ? r.opts_.audioStream : r.in_->bestStream(AVMEDIA_TYPE_AUDIO);
        if (a >= static_cast<int>(ctx->nb_streams) || (a >= 0 && ctx->streams[a]->codecpar->codec_type != AVMEDIA_TYPE_AUDIO))
            return Error::make(path, "stream " + std::to_string(a) + " is not an audio stream");
        if (a >= 0) r.audio_.push_back(a);
    } else if (r.opts_.audio == AudioStreams::All) {
        for (unsigned i = 0; i < ctx->nb_streams; ++i)
            if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) r.audio_.push_back(static_cast<int>(i));
    }
    if (r.v_ < 0 && r.audio_.empty()) return Error::make(path, "no video or audio stream to read");
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        ctx->streams[i]->discard = r.chosen(static_cast<int>(i)) ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    if (r.opts_.origin) {
        r.origin_ = *r.opts_.origin;
    } else if (r.opts_.format) {
        // Generated sources and devices are read once: their own start is the origin.
        r.origin_ = ctx->start_time != AV_NOPTS_VALUE ? ctx->start_time : 0;
    } else {
        auto o = findTimelineOrigin(path);
        if (!o) return o.error();
        r.origin_ = *o;
    }

    if (r.opts_.decode) {
        if (r.v_ >= 0) {
            const bool fast = r.opts_.fastVideoDecode, rough = fast || r.opts_.skipDeblocking;
            const bool allB = r.opts_.skipAllB;
            auto d = Decoder::open(r.in_->stream(r.v_), path, r.opts_.videoThreads, [fast, rough, allB](AVCodecContext* c) {
                // Pictures no other picture refers to (or every B picture) are skipped, and so is
                // deblocking: for analysis.
                if (fast) c->skip_frame = discardFor(allB ? Skip::AllB : Skip::NonReference);
                // Skipping B pictures others refer to makes the decoder complain about what it
                // was not given ("mmco: unref short failure", "Could not find ref"): expected
                // here, so those lines go to the verbose log, not the user's terminal.
                if (allB) c->log_level_offset = AV_LOG_VERBOSE - AV_LOG_ERROR;
                if (rough) {
                    c->skip_loop_filter = AVDISCARD_ALL;
                    c->flags2 |= AV_CODEC_FLAG2_FAST;
                }
            });
            if (!d) return d.error();
            r.vdec_.emplace(std::move(d).value());
        }
        if (!r.audio_.empty()) {
            auto d = Decoder::open(r.in_->stream(r.audio_.front()), path, r.opts_.audioThreads);
            if (!d) return d.error();
            r.adec_.emplace(std::move(d).value());
        }
    }
    return r;
}

void MediaReader::skipPictures(Skip which) {
    if (vdec_) vdec_->ctx()->skip_frame = discardFor(which);
}

bool MediaReader::chosen(int stream) const {
    return stream == v_ || std::find(audio_.begin(), audio_.end(), stream) != audio_.end();
}

std::int64_t MediaReader::originTicks(int stream) const {
    return av_rescale_q(origin_, kMicrosTb, in_->stream(stream)->time_base);
}

Micros MediaReader::toMicros(std::int64_t ts, int stream) const {
    return av_rescale_q(ts, in_->stream(stream)->time_base, kMicrosTb);
}

std::int64_t MediaReader::videoEnd() const {
    return lastVideoPts_ == AV_NOPTS_VALUE ? 0 : lastVideoPts_ + lastVideoDur_;
}

Micros MediaReader::duration() const {
    const AVFormatContext* ctx = in_->ctx();
    if (ctx->duration <= 0) return 0;
    Micros start = ctx->start_time != AV_NOPTS_VALUE ? ctx->start_time : 0;
    return std::max<Micros>(0, start + ctx->duration - origin_);
}

bool MediaReader::countDamaged(const Error& why) {
    ++damaged_;
    lastDamage_ = why;
    if (damaged_ <= opts_.maxDamaged) return true;
    err_ = Error::av(why.code, path(),
                     "too many damaged packets (" + std::to_string(damaged_) + " skipped; last: " + why.message + ")");
    return false;
}

Flow MediaReader::nextPacket(Packet& pkt) {
    while (true) {
        auto f = in_->read(pkt);
        if (f == Flow::Again) continue;
        if (f != Flow::Failed) return f;
        // A demuxer that cannot read a packet in the middle of a file: skip it, as players do.
        if (!isDamage(in_->error().code)) {
            err_ = in_->error();
            return Flow::Failed;
        }
        if (!countDamaged(in_->error())) return Flow::Failed;
    }
}

Flow MediaReader::readPacket(Packet& pkt) {
    while (true) {
        auto f = nextPacket(pkt);
        if (f != Flow::Got) return f;
        const int s = pkt->stream_index;
        if (!chosen(s)) continue;
        const std::int64_t shift = originTicks(s);
        if (pkt->pts != AV_NOPTS_VALUE) pkt->pts -= shift;
        if (pkt->dts != AV_NOPTS_VALUE) pkt->dts -= shift;
        return Flow::Got;
    }
}

void MediaReader::placeFrame(Frame& frame, int stream) {
    const AVStream* st = in_->stream(stream);
    const bool video = stream == v_;
    std::int64_t& last = video ? lastVideoPts_ : lastAudioPts_;
    std::int64_t& lastDur = video ? lastVideoDur_ : lastAudioDur_;
    std::int64_t pts = frame->best_effort_timestamp;
    if (pts != AV_NOPTS_VALUE) pts -= originTicks(stream);
    else pts = last == AV_NOPTS_VALUE ? 0 : last + lastDur;  // no timestamps: count on from the last one
    frame->pts = pts;
    frame->best_effort_timestamp = pts;
    if (last == AV_NOPTS_VALUE || pts > last) {
        last = pts;
        lastDur = std::max<std::int64_t>(0, frameDuration(frame.get(), st));
    }
}

Flow MediaReader::receive(Decoder& dec, Frame& frame) {
    while (true) {
        auto f = dec.receive(frame);
        if (f != Flow::Failed) return f;
        // A picture that fails to reconstruct (damaged references) is dropped; decoding goes on.
        if (!isDamage(dec.error().code)) {
            err_ = dec.error();
            return Flow::Failed;
        }
        if (!countDamaged(dec.error())) return Flow::Failed;
    }
}

Flow MediaReader::readFrame(Frame& frame, MediaKind& kind) {
    if (!opts_.decode) {
        err_ = Error::make(path(), "reader opened for packets only");
        return Flow::Failed;
    }
    if (!held_.empty()) {
        frame = std::move(held_.front());
        held_.pop_front();
        kind = MediaKind::Video;
        return Flow::Got;
    }
    Packet pkt;
    while (true) {
        // Frames already decoded come first, video before audio.
        if (vdec_ && !vflushed_) {
            auto f = receive(*vdec_, frame);
            if (f == Flow::Failed) return f;
            if (f == Flow::Got) {
                placeFrame(frame, v_);
                kind = MediaKind::Video;
                return f;
            }
            if (f == Flow::End || (f == Flow::Again && fileEnded_)) vflushed_ = true;
        }
        if (adec_ && !aflushed_) {
            auto f = receive(*adec_, frame);
            if (f == Flow::Failed) return f;
            if (f == Flow::Got) {
                placeFrame(frame, audio_.front());
                kind = MediaKind::Audio;
                return f;
            }
            if (f == Flow::End || (f == Flow::Again && fileEnded_)) aflushed_ = true;
        }
        if (fileEnded_) return Flow::End;  // both decoders drained
        auto f = opts_.maxPackets > 0 && packets_ >= opts_.maxPackets ? Flow::End : readPacket(pkt);
        if (f == Flow::Failed) return f;
        if (f == Flow::End) {
            fileEnded_ = true;
            if (vdec_) (void)vdec_->send(nullptr);
            if (adec_) (void)adec_->send(nullptr);
            continue;
        }
        ++packets_;
        const int s = pkt->stream_index;
        Decoder* dec = s == v_ ? (vdec_ ? &*vdec_ : nullptr) : (adec_ && s == audio_.front() ? &*adec_ : nullptr);
        if (!dec) continue;
        if (opts_.onPacket) opts_.onPacket(*pkt.get());
        // Put back on file time for the decoder: frames are shifted once, in placeFrame.
        const std::int64_t shift = originTicks(s);
        if (pkt->pts != AV_NOPTS_VALUE) pkt->pts += shift;
        if (pkt->dts != AV_NOPTS_VALUE) pkt->dts += shift;
        auto sent = dec->send(&pkt);
        if (sent == Flow::Failed) {
            // A damaged packet is skipped, as players do; the stream goes on.
            if (!isDamage(dec->error().code)) {
                err_ = dec->error();
                return Flow::Failed;
            }
            if (!countDamaged(dec->error())) return Flow::Failed;
        }
        // Flow::Again cannot happen here: every frame was received before this packet was read.
    }
}

Status MediaReader::seek(Micros t) {
    const int s = v_ >= 0 ? v_ : audio_.front();
    KOTSU_TRY(in_->seek(s, av_rescale_q(t + origin_, kMicrosTb, in_->stream(s)->time_base)));
    if (vdec_) vdec_->flushBuffers();
    if (adec_) adec_->flushBuffers();
    fileEnded_ = vflushed_ = aflushed_ = false;
    lastVideoPts_ = lastAudioPts_ = AV_NOPTS_VALUE;
    held_.clear();
    return {};
}

Status MediaReader::seekExact(Micros t) {
    if (v_ < 0 || !vdec_) return Error::make(path(), "no picture to seek to");
    KOTSU_TRY(seek(t));
    const std::int64_t target = av_rescale_q(t, kMicrosTb, in_->stream(v_)->time_base);
    std::optional<Frame> shown;
    Frame frame;
    MediaKind kind;
    while (true) {
        auto f = readFrame(frame, kind);
        if (f == Flow::Failed) return err_;
        if (f == Flow::End) break;
        if (kind != MediaKind::Video) continue;
        if (frame->pts > target && shown) {
            // One picture too far: the one before is shown at t; both are handed out next, in order.
            held_.push_back(std::move(*shown));
            held_.push_back(std::move(frame));
            return {};
        }
        shown = std::move(frame);
        frame = Frame();
        if ((*shown)->pts > target) break;  // t before the first picture: the first one
    }
    if (!shown) return Error::make(path(), "no picture at " + formatTime(t));
    held_.push_back(std::move(*shown));  // the last picture (t past the end), or the first
    return {};
}

Result<Micros> findTimelineOrigin(const std::string& path, const char* format) {
    // Damage met here is reported by whoever reads the file for real, not twice.
    LogCapture quiet;
    auto in = InputFile::open(path, format);
    if (!in) return in.error();
    AVFormatContext* ctx = in->ctx();
    int s = in->bestStream(AVMEDIA_TYPE_VIDEO);
    if (s < 0) s = in->bestStream(AVMEDIA_TYPE_AUDIO);
    if (s < 0) return Error::make(path, "no video or audio stream to place on a timeline");
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        ctx->streams[i]->discard = static_cast<int>(i) == s ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    AVStream* st = in->stream(s);
    // What the container says, for a stream whose first frame does not decode.
    Micros fallback = st->start_time != AV_NOPTS_VALUE ? av_rescale_q(st->start_time, st->time_base, kMicrosTb)
                      : ctx->start_time != AV_NOPTS_VALUE ? ctx->start_time
                                                           : 0;
    // One thread: frame threading would hold the first picture back behind later packets.
    auto dec = Decoder::open(st, path, 1);
    if (!dec) return fallback;
    Packet pkt;
    Frame frame;
    auto first = [&]() -> std::optional<Micros> {
        if (dec->receive(frame) != Flow::Got) return std::nullopt;
        std::int64_t ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
        return ts == AV_NOPTS_VALUE ? fallback : av_rescale_q(ts, st->time_base, kMicrosTb);
    };
    for (int n = 0; n < kOriginPacketBound; ++n) {
        auto f = in->read(pkt);
        if (f == Flow::Again) continue;
        if (f == Flow::End) break;
        if (f == Flow::Failed) {
            if (isDamage(in->error().code)) continue;
            return fallback;
        }
        if (pkt->stream_index != s) continue;
        (void)dec->send(&pkt);  // damaged packets are passed over here too
        if (auto t = first()) return *t;
    }
    (void)dec->send(nullptr);
    if (auto t = first()) return *t;
    return fallback;
}

}  // namespace kotsu::av
