#pragma once
// THE way kotsu reads media: open a file, choose streams, read packets or decoded frames with one
// policy for damaged packets, seek, and get every timestamp already on the session timeline.
//
// The session timeline's zero is the presentation time of the file's first video frame (its first
// audio sample when it has no picture) — `findTimelineOrigin`, computed once at ingest and stored
// with the probe facts (`ProbeFacts::timelineOrigin`). A reader shifts every packet and frame by it,
// so audio that starts before the picture comes out with negative timestamps (to be trimmed) and
// audio that starts later with positive ones (to be padded): callers never see file time.
//
// Damaged packets: a packet the decoder rejects as invalid data (or the demuxer cannot read in the
// middle of a file) is skipped and counted, as players do; past `maxDamaged` the read fails and says
// how many were skipped. `damaged()` tells callers to say so.
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/av/codec.hpp"
#include "core/av/dictionary.hpp"
#include "core/av/frame.hpp"
#include "core/av/input_file.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::av {

enum class AudioStreams { None, Best, All };

struct ReaderOptions {
    bool video = true;                         // the best video stream (cover art is not video)
    int videoStream = -1;                      // with video: this stream index instead
    AudioStreams audio = AudioStreams::Best;   // which audio streams
    int audioStream = -1;                      // with AudioStreams::Best: this stream index instead
    bool decode = true;                        // false: packets only (stream copy, clip cutting)
    // File time (µs) of session time 0; unset: found from the file (findTimelineOrigin).
    std::optional<Micros> origin;
    int videoThreads = 0;                      // 0: libav's choice (all cores)
    int audioThreads = 1;
    // Cheaper video decoding where the picture is not needed at full quality (analysis): pictures
    // nothing refers to are skipped, and so is deblocking.
    bool fastVideoDecode = false;
    // With fastVideoDecode: every B picture is skipped, reference or not (a first look at a file:
    // H.264 encoders such as x264 refer to B pictures only from other B pictures). A P picture that
    // did refer to one decodes from the picture before it, a change the caller looks at again.
    // Without fastVideoDecode: the reader may be told to skip them (skipPictures(Skip::AllB)).
    // Either way the decoder's complaints about the pictures it was not given go to the verbose log.
    bool skipAllB = false;
    // Every picture, without deblocking (analysis that needs every frame's time, not its finish).
    bool skipDeblocking = false;
    int maxDamaged = 200;
    // A check rather than playback: after this many packets (0: no bound) readFrame drains the
    // decoders and ends, whether or not a stream has given a frame yet.
    int maxPackets = 0;
    // Sees every packet of a chosen stream (session-timeline timestamps) before readFrame decodes it.
    std::function<void(const AVPacket&)> onPacket;
    const char* format = nullptr;              // e.g. "lavfi" for generated sources
    Dictionary formatOptions;
};

enum class MediaKind { Video, Audio };

class MediaReader {
public:
    static Result<MediaReader> open(const std::string& path, ReaderOptions opts = {});
    // Reads a file already opened (and looked at) by the caller; opts.format and formatOptions unused.
    static Result<MediaReader> open(InputFile in, ReaderOptions opts = {});

    MediaReader(MediaReader&&) noexcept = default;
    MediaReader& operator=(MediaReader&&) noexcept = default;

    [[nodiscard]] const std::string& path() const { return in_->path(); }
    [[nodiscard]] const AVFormatContext* format() const { return in_->ctx(); }
    [[nodiscard]] int videoIndex() const { return v_; }
    [[nodiscard]] int audioIndex() const { return audio_.empty() ? -1 : audio_.front(); }
    [[nodiscard]] const std::vector<int>& audioIndices() const { return audio_; }
    [[nodiscard]] AVStream* stream(int i) const { return in_->stream(i); }
    [[nodiscard]] const AVCodecContext* videoCodec() const { return vdec_ ? vdec_->ctx() : nullptr; }
    // Which video pictures are not decoded, from the next packet on: a reader seeking to a frame
    // skips them on its way there. None by default (fastVideoDecode: NonReference, or AllB with
    // skipAllB). AllB only where the pictures that matter do not refer to B pictures.
    enum class Skip { None, NonReference, AllB };
    void skipPictures(Skip which);
    [[nodiscard]] const AVCodecContext* audioCodec() const { return adec_ ? adec_->ctx() : nullptr; }
    // File time (µs) of session time 0, and the same in a stream's time base.
    [[nodiscard]] Micros origin() const { return origin_; }
    [[nodiscard]] std::int64_t originTicks(int stream) const;
    // The file's length on the session timeline (container duration less the origin's lead), ≥ 0.
    [[nodiscard]] Micros duration() const;

    // The next packet of a chosen stream, pts/dts shifted onto the session timeline (stream time base).
    [[nodiscard]] Flow readPacket(Packet& pkt);
    // The next decoded frame of a chosen stream; `kind` says which. frame->pts is the best-effort
    // timestamp on the session timeline (stream time base), estimated from the previous frame when the
    // file has none. Flow::End once every decoder is drained.
    [[nodiscard]] Flow readFrame(Frame& frame, MediaKind& kind);
    // Repositions at the keyframe at or before session time `t` (of the video stream, else the first
    // audio stream) and flushes the decoders: the next frames start there, not at `t`.
    [[nodiscard]] Status seek(Micros t);
    // Frame-exact: repositions so that the next video frame readFrame hands out is the picture shown
    // at session time `t` (the last one starting at or before it; the first picture for t < 0; the
    // last for t past the end). Sound decoded on the way there is dropped.
    [[nodiscard]] Status seekExact(Micros t);

    // Where the latest picture read ends (its pts + duration, stream time base, session timeline); 0
    // before any. After the last frame: the end of the video, which the fps filter needs to know.
    [[nodiscard]] std::int64_t videoEnd() const;

    [[nodiscard]] const Error& error() const { return err_; }
    [[nodiscard]] int damaged() const { return damaged_; }
    [[nodiscard]] const Error& lastDamage() const { return lastDamage_; }  // why the last one was skipped
    // Turns a time on the session timeline into microseconds from a stream's timestamps.
    [[nodiscard]] Micros toMicros(std::int64_t ts, int stream) const;

private:
    MediaReader() = default;
    [[nodiscard]] bool chosen(int stream) const;
    [[nodiscard]] Decoder* decoderFor(int stream);
    [[nodiscard]] Flow nextPacket(Packet& pkt);  // from the file, damaged reads counted
    [[nodiscard]] Flow receive(Decoder& dec, Frame& frame);
    [[nodiscard]] bool countDamaged(const Error& why);
    void placeFrame(Frame& frame, int stream);

    std::optional<InputFile> in_;
    ReaderOptions opts_;
    int v_ = -1;
    std::vector<int> audio_;
    Micros origin_ = 0;
    std::optional<Decoder> vdec_, adec_;
    std::deque<Frame> held_;  // pictures seekExact decoded ahead, handed out first
    bool fileEnded_ = false, vflushed_ = false, aflushed_ = false;
    std::int64_t lastVideoPts_ = AV_NOPTS_VALUE, lastAudioPts_ = AV_NOPTS_VALUE;
    std::int64_t lastVideoDur_ = 0, lastAudioDur_ = 0;
    int damaged_ = 0;
    int packets_ = 0;  // read by readFrame, for maxPackets
    Error err_, lastDamage_;
};

// The presentation time (µs of file time) of the first video frame, or of the first audio sample when
// the file has no picture: decodes from the start until the first frame comes out (edit lists,
// B-frames with negative DTS and discarded priming samples all taken into account).
[[nodiscard]] Result<Micros> findTimelineOrigin(const std::string& path, const char* format = nullptr);

}  // namespace kotsu::av
