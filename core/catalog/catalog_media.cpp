// Sessions, assets and renditions.
#include <cstdlib>

#include "core/catalog/catalog.hpp"
#include "core/catalog/text_checks.hpp"

namespace kotsu::catalog {

namespace {

constexpr const char* kSessionCols = "id, title, worker, task, site, recorded_at, crew, language, created_at";

Session readSession(Statement& st) {
    Session s;
    s.id = st.int64(0);
    s.title = st.text(1);
    s.worker = st.text(2);
    s.task = st.text(3);
    s.site = st.text(4);
    s.recordedAt = st.text(5);
    s.crew = st.text(6);
    s.language = st.text(7);
    s.createdAt = st.text(8);
    return s;
}

constexpr const char* kAssetCols =
    "id, session_id, role, original_name, path, checksum, size, container, duration_us, start_us, video_codec,"
    " video_profile, width, height, fps_num, fps_den, avg_fps_num, avg_fps_den, rotation, sar_num, sar_den,"
    " field_order, pixel_format, color_range, color_transfer, color_primaries, color_space, bit_depth,"
    " video_frames, audio_codec, sample_rate, channels, channel_layout, creation_time, ingested_at,"
    " timeline_origin_us";

Asset readAsset(Statement& st) {
    Asset a;
    int c = 0;
    a.id = st.int64(c++);
    a.sessionId = st.int64(c++);
    a.role = st.text(c++);
    a.originalName = st.text(c++);
    a.path = st.text(c++);
    a.checksum = st.text(c++);
    a.size = st.int64(c++);
    auto& p = a.probe;
    p.container = st.text(c++);
    p.duration = st.int64(c++);
    p.startOffset = st.int64(c++);
    p.videoCodec = st.text(c++);
    p.videoProfile = st.text(c++);
    p.width = st.int32(c++);
    p.height = st.int32(c++);
    p.frameRate.num = st.int32(c++);
    p.frameRate.den = st.int32(c++);
    p.avgFrameRate.num = st.int32(c++);
    p.avgFrameRate.den = st.int32(c++);
    p.rotation = st.int32(c++);
    p.sampleAspect.num = st.int32(c++);
    p.sampleAspect.den = st.int32(c++);
    p.fieldOrder = st.text(c++);
    p.pixelFormat = st.text(c++);
    p.colorRange = st.text(c++);
    p.colorTransfer = st.text(c++);
    p.colorPrimaries = st.text(c++);
    p.colorSpace = st.text(c++);
    p.bitDepth = st.int32(c++);
    p.videoFrames = st.int64(c++);
    p.audioCodec = st.text(c++);
    p.sampleRate = st.int32(c++);
    p.channels = st.int32(c++);
    p.channelLayout = st.text(c++);
    p.creationTime = st.text(c++);
    a.ingestedAt = st.text(c++);
    if (!st.isNull(c)) p.timelineOrigin = st.int64(c);
    ++c;
    p.hasVideo = !p.videoCodec.empty();
    p.hasAudio = !p.audioCodec.empty();
    return a;
}

}  // namespace

Result<Session> Catalog::createSession(const Session& s) {
    if (s.title.empty()) return Error::make("session", "a session needs a title (--session \"…\")");
    KOTSU_TRY(checkText(s));
    auto st = db_.prepare(
        "INSERT INTO sessions(title, worker, task, site, recorded_at, crew, language) VALUES(?,?,?,?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, s.title).bind(2, s.worker).bind(3, s.task).bind(4, s.site).bind(5, s.recordedAt).bind(6, s.crew).bind(
        7, s.language.empty() ? std::string("ja") : s.language);
    if (auto r = st->run(); !r) return Error::make(s.title, "cannot create session: " + r.error().message);
    return session(db_.lastInsertId());
}

Status Catalog::updateSession(const Session& s) {
    KOTSU_TRY(checkText(s));
    auto st = db_.prepare(
        "UPDATE sessions SET title=?, worker=?, task=?, site=?, recorded_at=?, crew=?, language=? WHERE id=?");
    if (!st) return st.error();
    st->bind(1, s.title).bind(2, s.worker).bind(3, s.task).bind(4, s.site).bind(5, s.recordedAt).bind(6, s.crew).bind(
        7, s.language).bind(8, s.id);
    return st->run();
}

Result<Session> Catalog::session(Id id) {
    auto st = db_.prepare(std::string("SELECT ") + kSessionCols + " FROM sessions WHERE id=?");
    if (!st) return st.error();
    st->bind(1, id);
    if (!st->step()) return Error::make("session " + std::to_string(id), "no such session");
    return readSession(*st);
}

Result<std::optional<Session>> Catalog::findSession(const std::string& titleOrId) {
    auto st = db_.prepare(std::string("SELECT ") + kSessionCols + " FROM sessions WHERE title=?");
    if (!st) return st.error();
    st->bind(1, titleOrId);
    if (st->step()) return std::optional<Session>(readSession(*st));
    char* end = nullptr;
    long long id = std::strtoll(titleOrId.c_str(), &end, 10);
    if (!titleOrId.empty() && end && *end == '\0') {
        auto byId = session(id);
        if (byId) return std::optional<Session>(byId.value());
    }
    return std::optional<Session>();
}

Result<std::vector<Session>> Catalog::sessions() {
    auto st = db_.prepare(std::string("SELECT ") + kSessionCols + " FROM sessions ORDER BY id");
    if (!st) return st.error();
    std::vector<Session> out;
    while (st->step()) out.push_back(readSession(*st));
    if (st->failed()) return db_.error("cannot list sessions");
    return out;
}

Result<Asset> Catalog::addAsset(const Asset& a) {
    KOTSU_TRY(requireUtf8(a.originalName, "the file name of " + a.path + " (rename the file)"));
    auto st = db_.prepare(
        "INSERT INTO assets(session_id, role, original_name, path, checksum, size, container, duration_us, start_us,"
        " video_codec, video_profile, width, height, fps_num, fps_den, avg_fps_num, avg_fps_den, rotation, sar_num,"
        " sar_den, field_order, pixel_format, color_range, color_transfer, color_primaries, color_space, bit_depth,"
        " video_frames, audio_codec, sample_rate, channels, channel_layout, creation_time, timeline_origin_us)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    const auto& p = a.probe;
    int c = 1;
    auto b = [&](const auto& v) { st->bind(c++, v); };
    b(a.sessionId);
    b(a.role);
    b(a.originalName);
    b(a.path);
    b(a.checksum);
    b(a.size);
    b(p.container);
    b(p.duration);
    b(p.startOffset);
    b(p.videoCodec);
    b(p.videoProfile);
    b(p.width);
    b(p.height);
    b(p.frameRate.num);
    b(p.frameRate.den);
    b(p.avgFrameRate.num);
    b(p.avgFrameRate.den);
    b(p.rotation);
    b(p.sampleAspect.num);
    b(p.sampleAspect.den);
    b(p.fieldOrder);
    b(p.pixelFormat);
    b(p.colorRange);
    b(p.colorTransfer);
    b(p.colorPrimaries);
    b(p.colorSpace);
    b(p.bitDepth);
    b(p.videoFrames);
    b(p.audioCodec);
    b(p.sampleRate);
    b(p.channels);
    b(p.channelLayout);
    b(p.creationTime);
    b(p.timelineOrigin);
    if (auto r = st->run(); !r) return Error::make(a.originalName, "cannot record asset: " + r.error().message);
    return asset(db_.lastInsertId());
}

Result<Asset> Catalog::asset(Id id) {
    auto st = db_.prepare(std::string("SELECT ") + kAssetCols + " FROM assets WHERE id=?");
    if (!st) return st.error();
    st->bind(1, id);
    if (!st->step()) return Error::make("asset " + std::to_string(id), "no such asset");
    return readAsset(*st);
}

Result<std::optional<Asset>> Catalog::assetByChecksum(const std::string& checksum) {
    auto st = db_.prepare(std::string("SELECT ") + kAssetCols + " FROM assets WHERE checksum=?");
    if (!st) return st.error();
    st->bind(1, checksum);
    if (st->step()) return std::optional<Asset>(readAsset(*st));
    return std::optional<Asset>();
}

Result<std::vector<Asset>> Catalog::assets(Id sessionId) {
    auto st = db_.prepare(std::string("SELECT ") + kAssetCols + " FROM assets WHERE session_id=? ORDER BY id");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<Asset> out;
    while (st->step()) out.push_back(readAsset(*st));
    if (st->failed()) return db_.error("cannot list assets");
    return out;
}

Result<std::optional<Asset>> Catalog::mainAsset(Id sessionId) {
    auto st = db_.prepare(std::string("SELECT ") + kAssetCols +
                          " FROM assets WHERE session_id=? ORDER BY role!='main', video_codec='', id LIMIT 1");
    if (!st) return st.error();
    st->bind(1, sessionId);
    if (st->step()) return std::optional<Asset>(readAsset(*st));
    return std::optional<Asset>();
}

Result<Micros> Catalog::sessionDuration(Id sessionId) {
    auto main = mainAsset(sessionId);
    if (!main) return main.error();
    return *main ? (*main)->probe.duration : Micros{0};
}

Status Catalog::putRendition(const Rendition& r) {
    auto st = db_.prepare(
        "INSERT INTO renditions(asset_id, profile, path, width, height, duration_us, voice_lufs, voice_tp, voice_lra,"
        " work_lufs, work_tp, work_lra) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(asset_id, profile) DO UPDATE SET path=excluded.path, width=excluded.width,"
        " height=excluded.height, duration_us=excluded.duration_us, voice_lufs=excluded.voice_lufs,"
        " voice_tp=excluded.voice_tp, voice_lra=excluded.voice_lra, work_lufs=excluded.work_lufs,"
        " work_tp=excluded.work_tp, work_lra=excluded.work_lra,"
        " created_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (!st) return st.error();
    st->bind(1, r.assetId).bind(2, r.profile).bind(3, r.path).bind(4, r.width).bind(5, r.height).bind(6, r.duration);
    auto bindLoud = [&](int at, const std::optional<Loudness>& l) {
        if (l) {
            st->bind(at, l->integrated).bind(at + 1, l->truePeak).bind(at + 2, l->range);
        } else {
            st->bindNull(at).bindNull(at + 1).bindNull(at + 2);
        }
    };
    bindLoud(7, r.voice);
    bindLoud(10, r.workSound);
    return st->run();
}

Result<std::vector<Rendition>> Catalog::renditions(Id assetId) {
    auto st = db_.prepare(
        "SELECT id, asset_id, profile, path, width, height, duration_us, voice_lufs, voice_tp, voice_lra,"
        " work_lufs, work_tp, work_lra, created_at FROM renditions WHERE asset_id=? ORDER BY profile");
    if (!st) return st.error();
    st->bind(1, assetId);
    std::vector<Rendition> out;
    while (st->step()) {
        Rendition r;
        r.id = st->int64(0);
        r.assetId = st->int64(1);
        r.profile = st->text(2);
        r.path = st->text(3);
        r.width = st->int32(4);
        r.height = st->int32(5);
        r.duration = st->int64(6);
        if (!st->isNull(7)) r.voice = Loudness{st->real(7), st->real(8), st->real(9)};
        if (!st->isNull(10)) r.workSound = Loudness{st->real(10), st->real(11), st->real(12)};
        r.createdAt = st->text(13);
        out.push_back(std::move(r));
    }
    if (st->failed()) return db_.error("cannot list renditions");
    return out;
}

}  // namespace kotsu::catalog
