#include "core/json_io.hpp"

namespace kotsu {

using nlohmann::json;

namespace {

// Counts nesting only; any event deeper than the limit stops the SAX parse.
struct DepthCheck : nlohmann::json_sax<json> {
    int maxDepth;
    int depth = 0;
    bool tooDeep = false;
    std::string syntax;
    explicit DepthCheck(int max) : maxDepth(max) {}
    bool enter() {
        if (++depth > maxDepth) tooDeep = true;
        return !tooDeep;
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return enter(); }
    bool key(string_t&) override { return true; }
    bool end_object() override { return --depth, true; }
    bool start_array(std::size_t) override { return enter(); }
    bool end_array() override { return --depth, true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        syntax = e.what();
        return false;
    }
};

}  // namespace

Result<json> parseJson(std::string_view text, const std::string& fileName, int maxDepth) {
    DepthCheck check(maxDepth);
    bool ok = json::sax_parse(text, &check);
    if (check.tooDeep) return Error::make(fileName, "nested deeper than " + std::to_string(maxDepth) + " levels");
    if (!ok) return Error::make(fileName, "not valid JSON: " + check.syntax);
    return json::parse(text, nullptr, false);
}

std::string jsonKind(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "a list";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true/false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "a whole number";
        case json::value_t::number_float: return "a number";
        default: return "binary data";
    }
}

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
                {"author", m.author},
                {"angle", m.angle.empty() ? "main" : m.angle}};
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
