#pragma once
// Two cameras of one session, as `kotsu capture` leaves them: a main camera (numbered frames,
// tests/annotate/media_fixture.hpp, with sound) and a hand camera with other pictures (its frames
// number from kHandNumberBase, no microphone) whose first frame came kHandStart after the main's on
// the capture clock (the capture_devices rows the recorder writes). Both ingested through the
// normal verified ingest with their roles.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "capture/ingest.hpp"
#include "core/library.hpp"
#include "demo/synth.hpp"
#include "tests/annotate/media_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {

inline constexpr int kHandNumberBase = 300;      // the hand camera's frame k shows k + 300
inline constexpr Micros kHandStart = 1'000'000;  // its first picture at session time 1 s
inline constexpr Micros kMainLength = 4'000'000;
inline constexpr Micros kHandLength = 3'000'000;  // session time 1 s – 4 s

inline demo::SynthSpec handcamSpec(Micros duration) {
    demo::SynthSpec s = numberedSpec(duration, 30, 480, 270);
    const std::string from = "floor(N/", to = "floor((N+" + std::to_string(kHandNumberBase) + ")/";
    s.video.replace(s.video.find(from), from.size(), to);
    s.audio.clear();  // a hand camera without a microphone
    return s;
}

struct TwoCameras {
    std::unique_ptr<ScratchDir> dir;
    Library lib;
    Session session;
    Asset main, handcam;
    std::filesystem::path mainFile, handFile;  // the generated files (the library holds copies)
};

inline void makeTwoCameras(TwoCameras& out, const std::string& name) {
    out.dir = std::make_unique<ScratchDir>(name);
    auto lib = Library::init(out.dir->path() / "lib");
    ASSERT_TRUE(lib.ok()) << lib.error().what();
    out.lib = *lib;
    out.mainFile = out.dir->path() / "main.mp4";
    out.handFile = out.dir->path() / "handcam.mp4";
    ASSERT_TRUE(demo::synthesize(numberedSpec(kMainLength, 30, 320, 180), out.mainFile).ok());
    ASSERT_TRUE(demo::synthesize(handcamSpec(kHandLength), out.handFile).ok());
    auto cat = out.lib.openCatalog();
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    for (const char* role : {"main", "handcam"}) {
        capture::IngestRequest req;
        req.sessionTitle = "二台のカメラ";
        req.role = role;
        const auto& file = std::string(role) == "main" ? out.mainFile : out.handFile;
        auto reps = capture::ingest(out.lib, *cat, req, {file.string()});
        ASSERT_EQ(reps.size(), 1u);
        ASSERT_TRUE(reps[0].ok) << reps[0].error.what();
        out.session = reps[0].session;
        (std::string(role) == "main" ? out.main : out.handcam) = reps[0].asset;
    }
    // The recorder's rows: each device's first frame on the capture clock.
    ASSERT_TRUE(cat->putCaptureDevice({out.main.id, "lavfi:main", "video", 0, 500'000, "2026-12-02T09:00:00"}).ok());
    ASSERT_TRUE(cat->putCaptureDevice({out.handcam.id, "lavfi:hand", "video", 0, 500'000 + kHandStart, "2026-12-02T09:00:00"}).ok());
}

}  // namespace kotsu::test
