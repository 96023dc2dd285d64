// A session's angles: its cameras, each placed on the session timeline (no SQL of its own: the
// assets and the capture devices' first frames, migration 8).
#include <algorithm>

#include "core/catalog/catalog.hpp"

namespace kotsu::catalog {

namespace {

// The first video frame of an asset on the capture clock, when `kotsu capture` recorded it.
std::optional<Micros> firstFrameOf(const std::vector<CaptureDevice>& devices, Id assetId) {
    for (const auto& d : devices)
        if (d.assetId == assetId && d.kind == "video" && d.firstFrame >= 0) return d.firstFrame;
    return std::nullopt;
}

}  // namespace

Result<std::vector<Angle>> Catalog::angles(Id sessionId) {
    auto main = mainAsset(sessionId);
    if (!main) return main.error();
    std::vector<Angle> out;
    if (!*main || !(*main)->probe.hasVideo) return out;
    out.push_back(Angle{"main", **main, 0});
    auto assets = this->assets(sessionId);
    if (!assets) return assets.error();
    auto devices = captureDevices(sessionId);
    if (!devices) return devices.error();
    const auto mainFirst = firstFrameOf(*devices, (*main)->id);
    for (const auto& a : *assets) {
        if (a.id == (*main)->id || !a.probe.hasVideo || a.role == "main" || a.role == "audio") continue;
        if (std::any_of(out.begin(), out.end(), [&](const Angle& x) { return x.name == a.role; })) continue;
        Angle angle{a.role, a, 0};
        if (auto first = firstFrameOf(*devices, a.id); first && mainFirst) angle.start = *first - *mainFirst;
        out.push_back(std::move(angle));
    }
    return out;
}

Result<Angle> Catalog::angle(Id sessionId, const std::string& name) {
    auto all = angles(sessionId);
    if (!all) return all.error();
    const std::string wanted = name.empty() ? "main" : name;
    for (const auto& a : *all)
        if (a.name == wanted) return a;
    if (all->empty()) return Error::make("session " + std::to_string(sessionId), "has no video to cut from");
    std::string names;
    for (const auto& a : *all) names += (names.empty() ? "" : ", ") + a.name;
    return Error::make("session " + std::to_string(sessionId),
                       "has no " + wanted + " angle (no such video asset; its angles: " + names + ")");
}

}  // namespace kotsu::catalog
