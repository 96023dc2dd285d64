// Catalog migrations, each tested from a fixture database an older kotsu would have left behind
// (tests/fixtures/catalog_vN.sql): data survives, the schema gains what the migration adds.
#include <gtest/gtest.h>

#include <fstream>

#include "core/catalog/catalog.hpp"
#include "tests/core/catalog_support.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
using kotsu::test::hasTable;
using kotsu::test::loadFixture;
using kotsu::test::scalar;

namespace {

bool anyHit(const std::vector<SearchHit>& hits, const std::string& kind, Id item) {
    for (const auto& h : hits)
        if (h.kind == kind && h.itemId == item) return true;
    return false;
}

}  // namespace

TEST(CatalogMigration, MigrationsAreNumberedOneByOne) {
    EXPECT_EQ(catalog::latestSchemaVersion(), 10);  // 10: a step's angle
    int expected = 1;
    for (const auto& m : catalog::migrations()) EXPECT_EQ(m.version, expected++) << "migrations are numbered 1, 2, 3…";
}

TEST(CatalogMigration, FromVersion1KeepsEveryRow) {
    test::ScratchDir dir("migrate-v1");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v1.sql");
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), catalog::latestSchemaVersion());

    auto ss = cat->sessions();
    ASSERT_TRUE(ss.ok());
    ASSERT_EQ(ss->size(), 2u);
    EXPECT_EQ((*ss)[0].title, "フランジのボルト締め");
    EXPECT_EQ((*ss)[0].worker, "佐藤");
    EXPECT_EQ((*ss)[0].site, "第2工場");
    EXPECT_EQ((*ss)[0].recordedAt, "2026-04-01T09:00:00Z");
    EXPECT_EQ((*ss)[1].language, "en");

    auto as = cat->assets(1);
    ASSERT_TRUE(as.ok());
    ASSERT_EQ(as->size(), 1u);
    const auto& a = (*as)[0];
    EXPECT_EQ(a.checksum, "0123456789abcdef0123456789abcdef");
    EXPECT_EQ(a.probe.rotation, 90);
    EXPECT_EQ(a.probe.frameRate, (Rational{30000, 1001}));
    EXPECT_EQ(a.probe.duration, 61'500'000);
    EXPECT_EQ(a.probe.channelLayout, "stereo");
    EXPECT_TRUE(a.probe.hasVideo && a.probe.hasAudio);

    auto ms = cat->markers(1);
    ASSERT_TRUE(ms.ok());
    ASSERT_EQ(ms->size(), 2u);
    EXPECT_EQ((*ms)[0].title, "ボルトを対角線の順に締める");
    EXPECT_EQ((*ms)[0].warning, "手袋をはめる");
    EXPECT_EQ((*ms)[1].kind, MarkerKind::Knack);
    EXPECT_EQ(cat->cues(1, "ja")->size(), 1u);
    EXPECT_EQ(cat->suggestions(1)->at(0).state, "accepted");
    EXPECT_TRUE(cat->integrityCheck().ok());
}

TEST(CatalogMigration, Version2IndexesRowsWrittenBeforeIt) {
    test::ScratchDir dir("migrate-v1-search");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v1.sql");
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_TRUE(hasTable(cat->db(), "search_index"));
    auto hits = cat->search("対角線");
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(anyHit(*hits, "marker", 1));
    EXPECT_TRUE(anyHit(*hits, "caption", 1));
    EXPECT_TRUE(anyHit(*cat->search("佐藤"), "session", 1));
    EXPECT_TRUE(anyHit(*cat->search("crosswise"), "caption", 2));
    // The triggers keep the index current for rows written after the migration.
    Marker m;
    m.sessionId = 2;
    m.kind = MarkerKind::Safety;
    m.in = 0;
    m.out = 1'000'000;
    m.title = "保護メガネを着用";
    ASSERT_TRUE(cat->addMarker(m).ok());
    EXPECT_FALSE(cat->search("保護メガネ")->empty());
}

TEST(CatalogMigration, Version3AddsViewsAndStories) {
    test::ScratchDir dir("migrate-v2");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v2.sql");
    {
        auto raw = catalog::Database::open(db.string());
        ASSERT_TRUE(raw.ok());
        EXPECT_EQ(*catalog::schemaVersion(*raw), 2);
        EXPECT_FALSE(hasTable(*raw, "views"));
    }
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), catalog::latestSchemaVersion());
    for (const char* t : {"views", "stories", "story_items"}) EXPECT_TRUE(hasTable(cat->db(), t)) << t;
    EXPECT_EQ(cat->sessions()->size(), 3u);
    auto hits = cat->search("開先");
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(anyHit(*hits, "caption", 3));
    EXPECT_TRUE(anyHit(*cat->search("高橋"), "session", 3));
    EXPECT_TRUE(cat->integrityCheck().ok());
}

TEST(CatalogMigration, Version4LeavesOlderAssetsWithoutAnOriginAndKeepsNewOnes) {
    test::ScratchDir dir("migrate-v4");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v2.sql");
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    auto as = cat->assets(1);
    ASSERT_TRUE(as.ok());
    ASSERT_FALSE(as->empty());
    EXPECT_FALSE((*as)[0].probe.timelineOrigin.has_value()) << "unknown before: readers find it from the file";
    Asset a = (*as)[0];
    a.path = "media/other.mp4";
    a.checksum = "fedcba9876543210fedcba9876543210";
    a.probe.timelineOrigin = 533'333;
    auto added = cat->addAsset(a);
    ASSERT_TRUE(added.ok()) << added.error().what();
    ASSERT_TRUE(added->probe.timelineOrigin.has_value());
    EXPECT_EQ(*added->probe.timelineOrigin, 533'333);
}

TEST(CatalogMigration, Version5KeepsEveryMarkerAndCueAndNeverHandsOutARemovedId) {
    test::ScratchDir dir("migrate-v5");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v4.sql");
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), catalog::latestSchemaVersion());
    // Every row, under its old id.
    auto ms = cat->markers(3);
    ASSERT_TRUE(ms.ok());
    ASSERT_EQ(ms->size(), 2u);
    EXPECT_EQ((*ms)[0].id, 3);
    EXPECT_EQ((*ms)[0].title, "開先を削る");
    EXPECT_EQ((*ms)[1].id, 4);
    EXPECT_EQ((*ms)[1].note, "保護メガネを必ず着用");
    EXPECT_EQ(cat->markers(1)->size(), 2u);
    EXPECT_EQ(cat->cues(1, "en")->at(0).text, "Tighten crosswise");
    EXPECT_EQ(cat->cues(3, "ja")->at(0).id, 3);
    EXPECT_NE(scalar(cat->db(), "SELECT sql FROM sqlite_master WHERE name='markers'").find("AUTOINCREMENT"),
              std::string::npos);
    EXPECT_EQ(scalar(cat->db(), "SELECT count(*) FROM sqlite_master WHERE type='trigger'"), "13") << "migration 6's";
    EXPECT_TRUE(cat->integrityCheck().ok());

    // The highest marker removed: a plain INTEGER PRIMARY KEY would give its id to the next one.
    ASSERT_TRUE(cat->removeMarker(3, 4).ok());
    Marker m;
    m.sessionId = 3;
    m.kind = MarkerKind::Tag;
    m.in = m.out = 2'000'000;
    m.title = "研磨角度";
    auto added = cat->addMarker(m);
    ASSERT_TRUE(added.ok()) << added.error().what();
    EXPECT_EQ(added->id, 5);
    Cue c{0, 4'000'000, 5'000'000, "仕上げ"};
    ASSERT_TRUE(cat->removeCue(3).ok());
    EXPECT_EQ(cat->addCue(3, "ja", c)->id, 4);

    // The search triggers and the foreign keys work on the rebuilt tables.
    EXPECT_TRUE(anyHit(*cat->search("研磨角度"), "marker", 5));
    EXPECT_FALSE(anyHit(*cat->search("火花に注意"), "marker", 4));
    EXPECT_TRUE(anyHit(*cat->search("対角線"), "marker", 1)) << "rows indexed before the rebuild stay findable";
    EXPECT_EQ(scalar(cat->db(), "SELECT marker_id IS NULL FROM views WHERE id=1"), "1") << "ON DELETE SET NULL";
    EXPECT_EQ(scalar(cat->db(), "PRAGMA foreign_keys"), "1") << "back on after the migrations";
    auto bad = cat->db().exec("INSERT INTO markers(session_id, kind, in_us, out_us) VALUES(99, 'tag', 0, 0)");
    EXPECT_FALSE(bad.ok()) << "no such session: refused";
    EXPECT_TRUE(cat->integrityCheck().ok());
}

TEST(CatalogMigration, Version5KeepsAViewingRecordsMarker) {
    test::ScratchDir dir("migrate-v5-views");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v4.sql");
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    // Dropping the old table with foreign keys on would have set this to NULL.
    EXPECT_EQ(scalar(cat->db(), "SELECT marker_id FROM views WHERE id=1"), "4");
}

TEST(CatalogMigration, RunsOneStepAtATime) {
    test::ScratchDir dir("migrate-steps");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v1.sql");
    auto raw = catalog::Database::open(db.string());
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(catalog::migrate(*raw, 2).ok());
    EXPECT_EQ(*catalog::schemaVersion(*raw), 2);
    EXPECT_TRUE(hasTable(*raw, "search_index"));
    EXPECT_FALSE(hasTable(*raw, "stories"));
    ASSERT_TRUE(catalog::migrate(*raw, 3).ok());
    EXPECT_EQ(*catalog::schemaVersion(*raw), 3);
    EXPECT_TRUE(hasTable(*raw, "stories"));
    ASSERT_TRUE(catalog::migrate(*raw).ok());
    EXPECT_EQ(*catalog::schemaVersion(*raw), catalog::latestSchemaVersion());
    ASSERT_TRUE(catalog::migrate(*raw).ok());  // nothing left to do
    EXPECT_EQ(*catalog::schemaVersion(*raw), catalog::latestSchemaVersion());
}

TEST(CatalogMigration, AFailingMigrationLeavesTheVersionAndSchemaAsTheyWere) {
    test::ScratchDir dir("migrate-fail");
    auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v1.sql");
    {
        auto raw = catalog::Database::open(db.string());
        ASSERT_TRUE(raw.ok());
        // Something in the way of migration 2 (a table by the name it creates).
        ASSERT_TRUE(raw->exec("CREATE TABLE search_index(x)").ok());
        auto s = catalog::migrate(*raw);
        ASSERT_FALSE(s.ok());
        EXPECT_NE(s.error().message.find("migration 2"), std::string::npos) << s.error().what();
        EXPECT_EQ(*catalog::schemaVersion(*raw), 1);
        // None of migration 2's triggers stayed behind.
        EXPECT_EQ(scalar(*raw, "SELECT count(*) FROM sqlite_master WHERE type='trigger'"), "0");
        EXPECT_EQ(scalar(*raw, "SELECT count(*) FROM sessions"), "2");
    }
}

TEST(CatalogMigration, RefusesACatalogFromANewerKotsu) {
    test::ScratchDir dir("migrate-newer");
    auto db = dir / "catalog.db";
    {
        auto raw = catalog::Database::open(db.string());
        ASSERT_TRUE(raw.ok());
        ASSERT_TRUE(raw->exec("PRAGMA user_version = 99").ok());
    }
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_FALSE(cat.ok());
    EXPECT_NE(cat.error().message.find("newer"), std::string::npos) << cat.error().what();
}

TEST(CatalogMigration, RefusesAFileThatIsNotSqlite) {
    test::ScratchDir dir("migrate-notdb");
    auto db = dir / "catalog.db";
    std::ofstream(db) << "this is a shopping list, not a catalog\n";
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_FALSE(cat.ok());
    EXPECT_NE(cat.error().what().find("catalog.db"), std::string::npos) << cat.error().what();
}

TEST(CatalogMigration, Version6IndexesEveryRowByKeyAndKeepsFindingThem) {
    test::ScratchDir dir("migrate-v6");
    auto db = dir / "catalog.db";
    {
        // A catalog as kotsu left it at version 5, with rows in it.
        auto raw = catalog::Database::open(db.string());
        ASSERT_TRUE(raw.ok());
        ASSERT_TRUE(catalog::migrate(*raw, 5).ok());
        ASSERT_TRUE(raw->exec("INSERT INTO sessions(id, title, worker) VALUES(7, 'フランジ締結', '佐藤');"
                              "INSERT INTO markers(id, session_id, kind, in_us, out_us, title) VALUES(3, 7, 'step', 0, 1000000, '仮締め');"
                              "INSERT INTO cues(id, session_id, lang, start_us, end_us, text) VALUES(9, 7, 'ja', 0, 1000000, '締め付ける音');")
                        .ok());
    }
    auto cat = catalog::Catalog::open(db.string(), false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), catalog::latestSchemaVersion());
    EXPECT_EQ(scalar(cat->db(), "SELECT group_concat(key) FROM (SELECT key FROM search_docs ORDER BY key)"), "14,29,39")
        << "id × 4 + kind: marker 3 → 14, session 7 → 29, caption 9 → 39";
    EXPECT_TRUE(anyHit(*cat->search("締"), "marker", 3));
    EXPECT_TRUE(anyHit(*cat->search("締"), "caption", 9));
    EXPECT_TRUE(anyHit(*cat->search("佐藤"), "session", 7));
    EXPECT_TRUE(anyHit(*cat->search("締め付ける"), "caption", 9));
    EXPECT_TRUE(cat->db().exec("INSERT INTO search_index(search_index, rank) VALUES('integrity-check', 1)").ok());
    EXPECT_TRUE(cat->integrityCheck().ok());
}
