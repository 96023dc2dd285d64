#include "capture/probe.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/av/input_file.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/log_capture.hpp"

extern "C" {
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

namespace fs = std::filesystem;

namespace kotsu::capture {

namespace {

// Bounds on what libav may read before it answers, so a huge or hostile file cannot stall ingest:
// the probe looks at most at the first 5 MB / 5 s of a file, the decode check at 2000 packets.
constexpr const char* kProbeSize = "5000000";
constexpr const char* kAnalyzeDuration = "5000000";
constexpr int kMaxCheckPackets = 2000;

Status checkRegularFile(const std::string& path) {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Error::make(path, "no such file");
    if (fs::is_directory(st)) return Error::make(path, "is a directory, not a media file");
    if (!fs::is_regular_file(st)) return Error::make(path, "is not a regular file");
    auto size = fs::file_size(path, ec);
    if (ec) return Error::make(path, "cannot read: " + ec.message());
    if (size == 0) return Error::make(path, "is empty (0 bytes)");
    return {};
}

Result<av::InputFile> openMedia(const std::string& path) {
    KOTSU_TRY(checkRegularFile(path));
    av::LogCapture log;
    av::Dictionary opts;
    opts.set("probesize", kProbeSize).set("analyzeduration", kAnalyzeDuration);
    auto in = av::InputFile::open(path, nullptr, std::move(opts));
    if (!in) {
        Error e = in.error();
        if (auto said = log.summary(); !said.empty()) e.message += ": " + said;
        return e;
    }
    return in;
}

bool isAppleMetadataTrack(const AVStream* st) {
    return st->codecpar->codec_tag == MKTAG('m', 'e', 'b', 'x');
}

struct MainStreams {
    int video = -1;
    int audio = -1;
};

// The main video: not cover art, not an Apple metadata track; a default-flagged stream first, then
// the largest picture, then the first.
MainStreams chooseStreams(AVFormatContext* ctx) {
    MainStreams m;
    long long bestScore = -1;
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream* st = ctx->streams[i];
        if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) continue;
        if ((st->disposition & AV_DISPOSITION_ATTACHED_PIC) || isAppleMetadataTrack(st)) continue;
        long long score = static_cast<long long>(st->codecpar->width) * st->codecpar->height;
        if (st->disposition & AV_DISPOSITION_DEFAULT) score += 1LL << 40;
        if (score > bestScore) {
            bestScore = score;
            m.video = static_cast<int>(i);
        }
    }
    int a = av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, m.video, nullptr, 0);
    if (a >= 0 && !isAppleMetadataTrack(ctx->streams[a])) m.audio = a;
    return m;
}

std::string nameOr(const char* name, const char* fallback = "unknown") { return name ? name : fallback; }

const char* fieldOrderName(AVFieldOrder f) {
    switch (f) {
        case AV_FIELD_PROGRESSIVE: return "progressive";
        case AV_FIELD_TT: return "tt";
        case AV_FIELD_BB: return "bb";
        case AV_FIELD_TB: return "tb";
        case AV_FIELD_BT: return "bt";
        default: return "unknown";
    }
}

// Display matrix → degrees clockwise to show the picture upright, snapped to 0/90/180/270.
int rotationOf(const AVStream* st) {
    size_t size = 0;
    const uint8_t* sd = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!sd || size < 9 * sizeof(int32_t)) return 0;
    // av_display_rotation_get answers counter-clockwise degrees.
    double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(sd));
    if (std::isnan(ccw)) return 0;
    long snapped = std::lround(-ccw / 90.0) * 90;
    return static_cast<int>(((snapped % 360) + 360) % 360);
}

std::string tag(const AVDictionary* d, const char* key) {
    const AVDictionaryEntry* e = av_dict_get(d, key, nullptr, 0);
    return e && e->value ? e->value : "";
}

void fillVideo(ProbeFacts& p, const AVStream* st) {
    const AVCodecParameters* c = st->codecpar;
    p.hasVideo = true;
    p.videoCodec = nameOr(avcodec_get_name(c->codec_id));
    p.videoProfile = nameOr(avcodec_profile_name(c->codec_id, c->profile), "");
    p.width = c->width;
    p.height = c->height;
    p.frameRate = {st->r_frame_rate.num, st->r_frame_rate.den ? st->r_frame_rate.den : 1};
    p.avgFrameRate = {st->avg_frame_rate.num, st->avg_frame_rate.den ? st->avg_frame_rate.den : 1};
    p.rotation = rotationOf(st);
    // 0:1 means "unknown" to libav; nothing says otherwise, so the pixels are square.
    AVRational sar = st->sample_aspect_ratio.num > 0 ? st->sample_aspect_ratio : c->sample_aspect_ratio;
    p.sampleAspect = sar.num > 0 && sar.den > 0 ? Rational{sar.num, sar.den} : Rational{1, 1};
    p.fieldOrder = fieldOrderName(c->field_order);
    auto fmt = static_cast<AVPixelFormat>(c->format);
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(fmt);
    p.pixelFormat = desc ? desc->name : "unknown";
    p.bitDepth = desc ? desc->comp[0].depth : (c->bits_per_raw_sample > 0 ? c->bits_per_raw_sample : 8);
    p.colorRange = nameOr(av_color_range_name(c->color_range));
    p.colorTransfer = nameOr(av_color_transfer_name(c->color_trc));
    p.colorPrimaries = nameOr(av_color_primaries_name(c->color_primaries));
    p.colorSpace = nameOr(av_color_space_name(c->color_space));
    p.videoFrames = st->nb_frames > 0 ? st->nb_frames : 0;
}

void fillAudio(ProbeFacts& p, const AVStream* st) {
    const AVCodecParameters* c = st->codecpar;
    p.hasAudio = true;
    p.audioCodec = nameOr(avcodec_get_name(c->codec_id));
    p.sampleRate = c->sample_rate;
    p.channels = c->ch_layout.nb_channels;
    if (c->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || c->ch_layout.nb_channels == 0) {
        p.channelLayout = "unknown";
    } else {
        char buf[128] = {0};
        p.channelLayout = av_channel_layout_describe(&c->ch_layout, buf, sizeof buf) > 0 ? buf : "unknown";
    }
}

std::string describeStream(const AVStream* st) {
    return "stream " + std::to_string(st->index) + " (" + nameOr(avcodec_get_name(st->codecpar->codec_id)) + " " +
           nameOr(av_get_media_type_string(st->codecpar->codec_type)) + ")";
}

// A copy cut short keeps its header (moov first) but loses the samples it promises: compare the
// container's index with the file's size.
Status checkIndexWithinFile(const av::InputFile& in, const std::vector<int>& streams) {
    std::error_code ec;
    auto fileSize = static_cast<std::int64_t>(fs::file_size(in.path(), ec));
    if (ec) return Error::make(in.path(), "cannot read: " + ec.message());
    for (int i : streams) {
        AVStream* st = in.stream(i);
        int n = avformat_index_get_entries_count(st);
        std::int64_t end = 0;
        for (int k = 0; k < n; ++k) {
            const AVIndexEntry* e = avformat_index_get_entry(st, k);
            if (e) end = std::max<std::int64_t>(end, e->pos + e->size);
        }
        if (end > fileSize)
            return Error::make(in.path(), "truncated: " + describeStream(st) + " needs " + std::to_string(end) +
                                              " bytes but the file has only " + std::to_string(fileSize));
    }
    return {};
}

}  // namespace

std::string normalizeCreationTime(const std::string& tag) {
    // YYYY-MM-DD[T ]HH:MM:SS[.frac][Z]
    auto digitsAt = [&](size_t at, size_t n) {
        if (tag.size() < at + n) return false;
        return std::all_of(tag.begin() + static_cast<long>(at), tag.begin() + static_cast<long>(at + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    bool looksLikeDateTime = tag.size() >= 19 && digitsAt(0, 4) && tag[4] == '-' && digitsAt(5, 2) && tag[7] == '-' &&
                             digitsAt(8, 2) && (tag[10] == 'T' || tag[10] == ' ') && digitsAt(11, 2) && tag[13] == ':' &&
                             digitsAt(14, 2) && tag[16] == ':' && digitsAt(17, 2);
    if (!looksLikeDateTime) return tag;
    std::string out = tag.substr(0, 10) + "T" + tag.substr(11, 8);
    std::string rest = tag.substr(19);
    std::string frac;
    if (!rest.empty() && rest[0] == '.') {
        size_t k = 1;
        while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9') ++k;
        frac = rest.substr(0, k);
        rest = rest.substr(k);
        if (frac.find_first_not_of(".0") == std::string::npos) frac.clear();  // ".000000" says nothing
    }
    return out + frac + rest;
}

Result<ProbeFacts> probeFile(const std::string& path) {
    auto in = openMedia(path);
    if (!in) return in.error();
    AVFormatContext* ctx = in->ctx();
    ProbeFacts p;
    p.container = ctx->iformat && ctx->iformat->name ? ctx->iformat->name : "unknown";
    p.duration = ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0 ? ctx->duration : 0;
    p.startOffset = ctx->start_time != AV_NOPTS_VALUE ? ctx->start_time : 0;  // AV_TIME_BASE is microseconds
    auto m = chooseStreams(ctx);
    if (m.video >= 0) fillVideo(p, in->stream(m.video));
    if (m.audio >= 0) fillAudio(p, in->stream(m.audio));
    if (!p.hasVideo && !p.hasAudio)
        return Error::make(path, "has no video or audio stream (" + std::to_string(ctx->nb_streams) +
                                     " other stream(s) in " + p.container + ")");
    std::string created = tag(ctx->metadata, "creation_time");
    if (created.empty() && m.video >= 0) created = tag(in->stream(m.video)->metadata, "creation_time");
    if (created.empty() && m.audio >= 0) created = tag(in->stream(m.audio)->metadata, "creation_time");
    p.creationTime = normalizeCreationTime(created);
    // Session time 0: the first picture (edit lists, B-frames and a late or early sound allowed for).
    if (auto origin = av::findTimelineOrigin(path)) p.timelineOrigin = *origin;
    return p;
}

Status verifyDecodes(const std::string& path, const ProbeFacts& facts, int frames) {
    // Spans the open too: a demuxer may already fail while it looks for stream parameters.
    av::LogCapture log;
    auto in = openMedia(path);
    if (!in) return in.error();
    auto m = chooseStreams(in->ctx());
    if ((m.video >= 0) != facts.hasVideo || (m.audio >= 0) != facts.hasAudio)
        return Error::make(path, "streams differ from the probe (was the file replaced?)");

    for (int i : {m.video, m.audio}) {
        if (i < 0) continue;
        const AVStream* st = in->stream(i);
        if (!avcodec_find_decoder(st->codecpar->codec_id))
            return Error::make(path, describeStream(st) + ": this FFmpeg has no decoder for " +
                                         nameOr(avcodec_get_name(st->codecpar->codec_id)) + ", so it cannot be used");
    }
    {
        std::vector<int> indices;
        for (int i : {m.video, m.audio})
            if (i >= 0) indices.push_back(i);
        KOTSU_TRY(checkIndexWithinFile(*in, indices));
    }

    // Per stream: packets read, frames decoded.
    struct Track {
        int index;
        int packets = 0;
        int frames = 0;
    };
    Track video{m.video}, audio{m.audio};
    av::ReaderOptions ro;
    ro.video = m.video >= 0;
    ro.videoStream = m.video;
    ro.audio = m.audio >= 0 ? av::AudioStreams::Best : av::AudioStreams::None;
    ro.audioStream = m.audio;
    ro.origin = 0;  // times do not matter here
    // One thread: errors stay on this thread (LogCapture sees them) and a few frames need no more.
    ro.videoThreads = ro.audioThreads = 1;
    // A damaged packet is not yet a verdict: later ones (the next keyframe) may decode.
    ro.maxDamaged = kMaxCheckPackets;
    ro.maxPackets = kMaxCheckPackets;
    ro.onPacket = [&](const AVPacket& p) { ++(p.stream_index == video.index ? video : audio).packets; };
    auto reader = av::MediaReader::open(std::move(in).value(), std::move(ro));
    if (!reader) return reader.error();

    auto enough = [&](const Track& t) { return t.index < 0 || t.frames >= frames; };
    std::optional<Error> readError;
    av::Frame frame;
    av::MediaKind kind;
    while (!enough(video) || !enough(audio)) {
        auto flow = reader->readFrame(frame, kind);
        if (flow == av::Flow::End) break;
        if (flow == av::Flow::Failed) {
            readError = reader->error();
            break;
        }
        ++(kind == av::MediaKind::Video ? video : audio).frames;
    }
    for (const Track& t : {video, audio}) {
        if (t.index < 0 || t.frames > 0) continue;
        const AVStream* st = reader->stream(t.index);
        std::string why;
        int code = 0;
        if (t.packets == 0) {
            why = readError || !log.lines().empty() ? "no packet can be read" : "the file holds no packets for it";
            if (readError) code = readError->code;
        } else {
            why = "no frame decodes from " + std::to_string(t.packets) + " packet(s)";
            if (reader->damaged() > 0) code = reader->lastDamage().code;
            else if (readError) code = readError->code;
        }
        if (auto said = log.summary(); !said.empty()) why += ": " + said;
        return Error{code, path, describeStream(st) + " does not decode: " + why};
    }
    return {};
}

}  // namespace kotsu::capture
