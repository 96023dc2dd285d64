// The devices a recording came from (kotsu capture): their offsets on the session clock.
#include "core/catalog/catalog.hpp"

namespace kotsu::catalog {

Status Catalog::putCaptureDevice(const CaptureDevice& d) {
    auto st = db_.prepare(
        "INSERT INTO capture_devices(asset_id, device, kind, offset_us, first_frame_us, started_at) VALUES(?,?,?,?,?,?)"
        " ON CONFLICT(asset_id, device) DO UPDATE SET kind=excluded.kind, offset_us=excluded.offset_us,"
        " first_frame_us=excluded.first_frame_us, started_at=excluded.started_at");
    if (!st) return st.error();
    st->bind(1, d.assetId).bind(2, d.device).bind(3, d.kind).bind(4, d.offset).bind(5, d.firstFrame).bind(6, d.startedAt);
    return st->run();
}

Result<std::vector<CaptureDevice>> Catalog::captureDevices(Id sessionId) {
    auto st = db_.prepare(
        "SELECT d.asset_id, d.device, d.kind, d.offset_us, d.first_frame_us, d.started_at FROM capture_devices d"
        " JOIN assets a ON a.id = d.asset_id WHERE a.session_id=? ORDER BY d.asset_id, d.kind DESC, d.device");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<CaptureDevice> out;
    while (st->step()) {
        CaptureDevice d;
        d.assetId = st->int64(0);
        d.device = st->text(1);
        d.kind = st->text(2);
        d.offset = st->int64(3);
        d.firstFrame = st->int64(4);
        d.startedAt = st->text(5);
        out.push_back(std::move(d));
    }
    if (st->failed()) return db_.error("cannot list capture devices");
    return out;
}

}  // namespace kotsu::catalog
