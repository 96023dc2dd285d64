// `kotsu tag` tags (PC clock) placed on a camera file at ingest: by its creation time, corrected by a
// "sync" tag aligned with the clap found in the camera's sound — within one frame.
#include <gtest/gtest.h>

#include "capture/record/tag_placement.hpp"
#include "capture/record/tags.hpp"
#include "demo/synth.hpp"
#include "tests/capture/record_fixture.hpp"
#include "tests/cli/cli_support.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

// A 10 s camera file whose sound has a clap (a 4 ms burst) at `clapAt` over quiet hum.
fs::path cameraWithClap(const fs::path& dir, double clapAt, const std::string& created) {
    demo::SynthSpec s;
    s.video = "testsrc2=size=320x240:rate=30";
    char expr[256];
    std::snprintf(expr, sizeof expr,
                  "aevalsrc=exprs='0.01*sin(2*PI*150*t)+if(between(t\\,%.4f\\,%.4f)\\,0.8*sin(2*PI*2500*t)\\,0)':s=48000",
                  clapAt, clapAt + 0.004);
    s.audio = expr;
    s.audioChannels = 1;
    s.duration = 10'000'000;
    s.creationTime = created;
    auto p = dir / "CAM0001.MP4";
    auto ok = demo::synthesize(s, p);
    EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().what());
    return p;
}

TEST(TagAlignment, FindsTheClapWithinAFrame) {
    ScratchDir dir("clap-find");
    auto cam = cameraWithClap(dir.path(), 6.0, "2026-12-01T10:00:00.000000Z");
    auto clap = record::findClap(cam.string(), 6'400'000);
    ASSERT_TRUE(clap.ok()) << clap.error().what();
    ASSERT_TRUE(clap->has_value());
    EXPECT_NEAR(**clap / 1e6, 6.0, 1.0 / 30);
    auto none = record::findClap(cam.string(), 2'000'000, 1'000'000);  // only hum there
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    EXPECT_EQ(record::parseCreationTime("2026-12-01T10:00:00.5Z").value() % 1'000'000, 500'000);
}

TEST(TagAlignment, TagsLandOnTheCameraFileBySyncClap) {
    ScratchDir dir("clap-ingest");
    const auto created = *record::parseCreationTime("2026-12-01T10:00:00Z");
    auto cam = cameraWithClap(dir.path(), 6.0, "2026-12-01T10:00:00.000000Z");
    auto lib = Library::init(dir / "lib");
    ASSERT_TRUE(lib.ok());
    // The PC clock says the camera started 1.7 s later than its own clock did, and the crew tapped
    // "sync" 0.25 s after the clap: both errors come out through the clap.
    const std::int64_t pcSkew = 1'700'000;
    const std::int64_t started = created + pcSkew - 3'000'000;  // kotsu tag started 3 s before the camera
    auto take = record::newTagTake(*lib, "外部カメラ", started);
    ASSERT_TRUE(take.ok());
    Micros now = 0;
    auto bus = record::TagBus::open(take->folder / record::kTagFile, [&] { return now; });
    ASSERT_TRUE(bus.ok());
    now = 3'000'000 + 6'000'000 + 250'000;  // the clap (file 6.0 s) + the tap's delay
    ASSERT_TRUE((*bus)->add("同期", "sync", 0, "key").ok());
    now = 3'000'000 + 8'000'000 + 250'000;  // a knack at file 8.0 s, tapped as late
    ASSERT_TRUE((*bus)->add("コツ", "knack", 0, "key").ok());
    bus->reset();

    auto r = kotsuCli("ingest '" + cam.string() + "' --session 外部カメラ --library '" + lib->root.string() + "'", dir.path());
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("alignment: sync clap"), std::string::npos) << r.out;
    auto cat = catalog::Catalog::open(lib->catalogPath().string());
    ASSERT_TRUE(cat.ok());
    auto session = cat->findSession("外部カメラ");
    ASSERT_TRUE(session.ok() && *session);
    auto markers = cat->markers((*session)->id);
    ASSERT_TRUE(markers.ok());
    ASSERT_EQ(markers->size(), 1u);  // the sync tag itself is not a marker
    EXPECT_EQ((*markers)[0].kind, MarkerKind::Knack);
    auto assets = cat->assets((*session)->id);
    ASSERT_TRUE(assets.ok() && assets->size() == 1);
    const double expected = 8.0 - (*assets)[0].probe.timelineOrigin.value_or(0) / 1e6;
    const double error = (*markers)[0].in / 1e6 - expected;
    std::printf("clap alignment error: %.1f ms\n", error * 1000);
    EXPECT_NEAR(error, 0.0, 1.0 / 30);  // within one frame
}

TEST(TagAlignment, WithoutASyncTagTheClockOffsetPlacesTheTags) {
    ScratchDir dir("clock-offset");
    const auto created = *record::parseCreationTime("2026-12-01T10:00:00Z");
    auto cam = cameraWithClap(dir.path(), 6.0, "2026-12-01T10:00:00.000000Z");
    auto lib = Library::init(dir / "lib");
    ASSERT_TRUE(lib.ok());
    auto take = record::newTagTake(*lib, "offset", created - 2'400'000 + 1'000'000);
    ASSERT_TRUE(take.ok());
    Micros now = 4'000'000;  // `kotsu tag` started 1 s after the camera (PC clock); the tag 4 s later
    auto bus = record::TagBus::open(take->folder / record::kTagFile, [&] { return now; });
    ASSERT_TRUE(bus.ok());
    ASSERT_TRUE((*bus)->add("手順", "step", 0, "key").ok());
    bus->reset();
    // The camera's clock runs 2.4 s ahead of the PC's: camera clock + (-2.4 s) = PC clock.
    auto r = kotsuCli("ingest '" + cam.string() + "' --session offset --clock-offset -2.4 --library '" +
                          lib->root.string() + "'",
                      dir.path());
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("alignment: creation time + clock offset -2.400 s"), std::string::npos) << r.out;
    auto cat = catalog::Catalog::open(lib->catalogPath().string());
    auto session = cat->findSession("offset");
    ASSERT_TRUE(session.ok() && *session);
    auto markers = cat->markers((*session)->id);
    ASSERT_TRUE(markers.ok());
    ASSERT_EQ(markers->size(), 1u);
    // Tag on the PC clock: created - 2.4 + 1 + 4 s; the file starts at created - 2.4 on the PC clock: 5.0 s in.
    EXPECT_NEAR((*markers)[0].in / 1e6, 5.0, 0.05);
}

}  // namespace
}  // namespace kotsu::test
