// Several cameras, one session: migration 10 (a step's angle on markers) and Catalog::angles, which
// places each camera on the session timeline from the capture devices' first frames (migration 8).
#include <gtest/gtest.h>

#include "core/catalog/catalog.hpp"
#include "tests/core/catalog_support.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
using kotsu::test::scalar;

namespace {

Asset videoAsset(Id session, const std::string& role, const std::string& hex, Micros origin, bool video = true) {
    Asset a;
    a.sessionId = session;
    a.role = role;
    a.originalName = role + ".mp4";
    a.path = "media/" + hex + ".mp4";
    a.checksum = hex;
    a.size = 1000;
    a.probe.duration = 3'000'000;
    a.probe.timelineOrigin = origin;
    a.probe.hasVideo = video;
    a.probe.videoCodec = video ? "h264" : "";
    a.probe.hasAudio = !video;
    a.probe.audioCodec = video ? "" : "aac";
    return a;
}

}  // namespace

TEST(CatalogAngles, Migration10AddsANullableAngleAndKeepsEveryMarker) {
    test::ScratchDir dir("migrate-v10");
    auto db = dir / "catalog.db";
    {
        // A catalog as kotsu left it at version 9, with a step in it.
        auto raw = catalog::Database::open(db.string());
        ASSERT_TRUE(raw.ok());
        ASSERT_TRUE(catalog::migrate(*raw, 9).ok());
        ASSERT_TRUE(raw->exec("INSERT INTO sessions(id, title) VALUES(4, '二台のカメラ');"
                              "INSERT INTO markers(id, session_id, kind, in_us, out_us, title) VALUES(8, 4, 'step', 0, 1000000, '仮締め');")
                        .ok());
    }
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), 10);
    auto ms = cat->markers(4);
    ASSERT_TRUE(ms.ok());
    ASSERT_EQ(ms->size(), 1u);
    EXPECT_EQ((*ms)[0].title, "仮締め");
    EXPECT_EQ((*ms)[0].angle, "") << "a marker from before the migration is cut from the main";
    EXPECT_EQ(scalar(cat->db(), "SELECT count(*) FROM markers WHERE angle IS NULL"), "1");

    Marker m = (*ms)[0];
    m.angle = "handcam";
    ASSERT_TRUE(cat->updateMarker(m).ok());
    EXPECT_EQ(cat->markers(4)->at(0).angle, "handcam");
    m.angle = "main";  // stored as NULL, read back as the main
    ASSERT_TRUE(cat->updateMarker(m).ok());
    EXPECT_EQ(scalar(cat->db(), "SELECT count(*) FROM markers WHERE angle IS NULL"), "1");
    EXPECT_FALSE(cat->db().exec("UPDATE markers SET angle='audio' WHERE id=8").ok()) << "the schema takes camera roles only";

    // Undo/redo brings a marker back with its angle.
    m.angle = "overview";
    ASSERT_TRUE(cat->removeMarker(4, 8).ok());
    ASSERT_TRUE(cat->restoreMarker(m).ok());
    EXPECT_EQ(cat->markers(4)->at(0).angle, "overview");
    EXPECT_TRUE(cat->integrityCheck().ok());
}

TEST(CatalogAngles, TheMainFirstThenOneAnglePerCameraPlacedByTheCaptureClock) {
    test::ScratchDir dir("angles");
    auto cat = catalog::Catalog::open((dir / "catalog.db").string());
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    Session s;
    s.title = "二台のカメラ";
    auto session = cat->createSession(s);
    ASSERT_TRUE(session.ok());
    const Id sid = session->id;
    auto hand = cat->addAsset(videoAsset(sid, "handcam", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 6'000'000));
    auto main = cat->addAsset(videoAsset(sid, "main", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 5'000'000));
    auto mic = cat->addAsset(videoAsset(sid, "audio", "cccccccccccccccccccccccccccccccc", 0, false));
    auto hand2 = cat->addAsset(videoAsset(sid, "handcam", "dddddddddddddddddddddddddddddddd", 0));
    ASSERT_TRUE(hand.ok() && main.ok() && mic.ok() && hand2.ok());

    // Ingested alone: every camera starts with the main.
    auto as = cat->angles(sid);
    ASSERT_TRUE(as.ok()) << as.error().what();
    ASSERT_EQ(as->size(), 2u) << "main and one handcam: no picture in the audio asset, one asset per role";
    EXPECT_EQ((*as)[0].name, "main");
    EXPECT_EQ((*as)[0].asset.id, main->id);
    EXPECT_EQ((*as)[1].name, "handcam");
    EXPECT_EQ((*as)[1].asset.id, hand->id);
    EXPECT_EQ((*as)[1].start, 0);

    // Recorded together by kotsu capture: the handcam's first frame came 1.25 s after the main's.
    ASSERT_TRUE(cat->putCaptureDevice({main->id, "lavfi:testsrc2", "video", -100, 5'000'000, "2026-12-02T09:00:00"}).ok());
    ASSERT_TRUE(cat->putCaptureDevice({main->id, "lavfi:sine", "audio", -100, 4'990'000, "2026-12-02T09:00:00"}).ok());
    ASSERT_TRUE(cat->putCaptureDevice({hand->id, "v4l2:/dev/video2", "video", 7, 6'250'000, "2026-12-02T09:00:00"}).ok());
    auto h = cat->angle(sid, "handcam");
    ASSERT_TRUE(h.ok()) << h.error().what();
    EXPECT_EQ(h->start, 1'250'000);
    ASSERT_TRUE(h->origin().has_value());
    EXPECT_EQ(*h->origin(), 6'000'000 - 1'250'000) << "file time of session time 0";
    auto m = cat->angle(sid, "");
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->name, "main");
    EXPECT_EQ(*m->origin(), 5'000'000);

    auto none = cat->angle(sid, "overview");
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("no overview angle"), std::string::npos) << none.error().message;
    EXPECT_NE(none.error().message.find("main, handcam"), std::string::npos) << none.error().message;
}
