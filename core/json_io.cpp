#include "core/json_io.hpp"

namespace kotsu {

using nlohmann::json;

json toJson(const Session& s) {
    return json{{"id", s.id},         {"title", s.title},     {"worker", s.worker},
                {"task", s.task},     {"site", s.site},       {"recorded_at", s.recordedAt},
                {"crew", s.crew},     {"language", s.language}, {"created_at", s.createdAt}};
}

json toJson(const ProbeFacts& p) {
    json j{{"container", p.container},
           {"duration", formatSeconds(p.duration)},
           {"duration_us", p.duration},
           {"start_offset_us", p.startOffset},
           {"timeline_origin_us", p.timelineOrigin ? json(*p.timelineOrigin) : json(nullptr)},
           {"creation_time", p.creationTime}};
    if (p.hasVideo) {
        j["video"] = json{{"codec", p.videoCodec},
                          {"profile", p.videoProfile},
                          {"width", p.width},
                          {"height", p.height},
                          {"frame_rate", std::to_string(p.frameRate.num) + "/" + std::to_string(p.frameRate.den)},
                          {"avg_frame_rate",
                           std::to_string(p.avgFrameRate.num) + "/" + std::to_string(p.avgFrameRate.den)},
                          {"rotation", p.rotation},
                          {"sample_aspect_ratio",
                           std::to_string(p.sampleAspect.num) + ":" + std::to_string(p.sampleAspect.den)},
                          {"field_order", p.fieldOrder},
                          {"pixel_format", p.pixelFormat},
                          {"bit_depth", p.bitDepth},
                          {"color_range", p.colorRange},
                          {"color_transfer", p.colorTransfer},
                          {"color_primaries", p.colorPrimaries},
                          {"color_space", p.colorSpace},
                          {"frames", p.videoFrames}};
    }
    if (p.hasAudio) {
        j["audio"] = json{{"codec", p.audioCodec},
                          {"sample_rate", p.sampleRate},
                          {"channels", p.channels},
                          {"channel_layout", p.channelLayout}};
    }
    return j;
}

json toJson(const Asset& a) {
    return json{{"id", a.id},          {"session_id", a.sessionId}, {"role", a.role},
                {"original_name", a.originalName}, {"path", a.path}, {"checksum", a.checksum},
                {"size", a.size},      {"ingested_at", a.ingestedAt}, {"probe", toJson(a.probe)}};
}

json toJson(const Loudness& l) {
    return json{{"integrated", l.integrated}, {"true_peak", l.truePeak}, {"range", l.range}};
}

json toJson(const Rendition& r) {
    json j{{"id", r.id},       {"asset_id", r.assetId}, {"profile", r.profile},
           {"path", r.path},   {"width", r.width},      {"height", r.height},
           {"duration_us", r.duration}, {"created_at", r.createdAt}};
    if (r.voice) j["loudness"]["voice"] = toJson(*r.voice);
    if (r.workSound) j["loudness"]["work_sound"] = toJson(*r.workSound);
    return j;
}

json toJson(const Marker& m) {
    return json{{"id", m.id},
                {"kind", toString(m.kind)},
                {"in", formatTime(m.in)},
                {"out", formatTime(m.out)},
                {"in_us", m.in},
                {"out_us", m.out},
                {"title", m.title},
                {"note", m.note},
                {"warning", m.warning},
                {"tags", m.tags},
                {"author", m.author}};
}

json toJson(const Suggestion& s) {
    return json{{"id", s.id},       {"time", double(s.time) / 1e6}, {"time_us", s.time},
                {"score", s.score}, {"reason", s.reason},           {"state", s.state}};
}

json toJson(const Cue& c) {
    return json{{"id", c.id},         {"start", formatTime(c.start)}, {"end", formatTime(c.end)},
                {"start_us", c.start}, {"end_us", c.end},             {"text", c.text}};
}

}  // namespace kotsu
