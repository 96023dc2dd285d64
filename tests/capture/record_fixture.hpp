#pragma once
// Takes recorded from lavfi devices (the same code path as a camera and a microphone), for the
// recorder, recover and tag tests.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "capture/record/recorder.hpp"
#include "capture/record/tags.hpp"
#include "capture/record/take.hpp"
#include "core/catalog/catalog.hpp"
#include "core/library.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {

inline const char* kCamera = "lavfi:testsrc2=size=320x240:rate=30,realtime";
inline const char* kMicrophone = "lavfi:sine=frequency=440:sample_rate=48000,arealtime";

inline std::vector<record::DeviceRequest> lavfiDevices(std::vector<std::string> specs) {
    std::vector<record::DeviceRequest> out;
    for (const auto& s : specs) out.push_back({*av::parseDevice(s), ""});
    return out;
}

// The kotsu binary beside the tests.
inline std::string kotsuBinary() { return std::string(KOTSU_BINARY_DIR) + "/bin/kotsu"; }

// ffprobe referee: the chapters' titles and start times (s).
inline std::vector<std::pair<std::string, double>> probeChapters(const std::filesystem::path& file) {
    auto out = run("ffprobe -v error -show_chapters -of csv=p=0 '" + file.string() + "'");
    std::vector<std::pair<std::string, double>> chapters;
    std::size_t at = 0;
    while (at < out.size()) {
        auto nl = out.find('\n', at);
        std::string line = out.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? out.size() : nl + 1;
        // id,time_base,start,start_time,end,end_time,title
        std::vector<std::string> f;
        std::size_t p = 0;
        for (int i = 0; i < 6; ++i) {
            auto c = line.find(',', p);
            if (c == std::string::npos) break;
            f.push_back(line.substr(p, c - p));
            p = c + 1;
        }
        if (f.size() == 6) chapters.push_back({line.substr(p), std::stod(f[3])});
    }
    return chapters;
}

// What a take left in a library: the session's assets and recorded devices (test failures when absent).
struct SessionInLibrary {
    std::vector<Asset> assets;
    std::vector<CaptureDevice> devices;
    // The session time of the first frame of `kind` on asset `id` (-1: none).
    [[nodiscard]] Micros firstFrame(Id asset, const std::string& kind) const {
        for (const auto& d : devices)
            if (d.assetId == asset && d.kind == kind) return d.firstFrame;
        return -1;
    }
};
inline SessionInLibrary sessionInLibrary(const std::filesystem::path& lib, const std::string& title) {
    SessionInLibrary s;
    auto cat = catalog::Catalog::open((lib / "catalog.db").string());
    EXPECT_TRUE(cat.ok());
    if (!cat.ok()) return s;
    auto session = cat->findSession(title);
    EXPECT_TRUE(session.ok() && *session) << title;
    if (!session.ok() || !*session) return s;
    auto assets = cat->assets((*session)->id);
    auto devices = cat->captureDevices((*session)->id);
    EXPECT_TRUE(assets.ok() && devices.ok());
    if (assets.ok()) s.assets = *assets;
    if (devices.ok()) s.devices = *devices;
    return s;
}

}  // namespace kotsu::test
