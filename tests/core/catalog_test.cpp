// The catalog: WAL and foreign keys on, transactions that roll back, typed queries, and search
// that finds Japanese (trigram for three characters and more, LIKE for two-character names).
#include <gtest/gtest.h>

#include "core/catalog/catalog.hpp"
#include "core/library.hpp"
#include "tests/core/catalog_support.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
using kotsu::test::scalar;

namespace {

class CatalogTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto c = catalog::Catalog::open((dir_ / "catalog.db").string(), true);
        ASSERT_TRUE(c.ok()) << c.error().what();
        cat_.emplace(std::move(c).value());
    }
    catalog::Catalog& cat() { return *cat_; }

    Session makeSession(const std::string& title, const std::string& worker = "", const std::string& task = "") {
        Session s;
        s.title = title;
        s.worker = worker;
        s.task = task;
        auto r = cat().createSession(s);
        EXPECT_TRUE(r.ok()) << r.error().what();
        return r.ok() ? *r : Session{};
    }

    Asset makeAsset(Id session, const std::string& checksum) {
        Asset a;
        a.sessionId = session;
        a.originalName = checksum + ".mp4";
        a.path = "media/" + checksum + ".mp4";
        a.checksum = checksum;
        a.size = 42;
        a.probe.videoCodec = "h264";
        a.probe.rotation = 270;
        a.probe.channelLayout = "unknown";
        return a;
    }

    test::ScratchDir dir_{"catalog"};
    std::optional<catalog::Catalog> cat_;
};

bool hitFor(const std::vector<SearchHit>& hits, const std::string& kind, Id id) {
    for (const auto& h : hits)
        if (h.kind == kind && h.itemId == id) return true;
    return false;
}

}  // namespace

TEST_F(CatalogTest, OpensInWalModeWithForeignKeysOn) {
    EXPECT_EQ(scalar(cat().db(), "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(scalar(cat().db(), "PRAGMA foreign_keys"), "1");
    EXPECT_EQ(*cat().schemaVersion(), catalog::latestSchemaVersion());
    EXPECT_TRUE(cat().integrityCheck().ok());
}

TEST_F(CatalogTest, RefusesAnAssetOfAMissingSession) {
    auto r = cat().addAsset(makeAsset(999, "00000000000000000000000000000001"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("FOREIGN KEY"), std::string::npos) << r.error().what();
}

TEST_F(CatalogTest, ATransactionNotCommittedRollsBack) {
    {
        catalog::Transaction tx(cat().db());
        ASSERT_TRUE(tx.begun().ok());
        makeSession("Abandoned");
        EXPECT_TRUE(cat().findSession("Abandoned")->has_value());  // visible inside the transaction
    }
    EXPECT_FALSE(cat().findSession("Abandoned")->has_value());
    {
        catalog::Transaction tx(cat().db());
        makeSession("Kept");
        ASSERT_TRUE(tx.commit().ok());
    }
    EXPECT_TRUE(cat().findSession("Kept")->has_value());
    EXPECT_TRUE(cat().integrityCheck().ok());
}

TEST_F(CatalogTest, AFailureInsideATransactionUndoesItsEarlierWrites) {
    auto s = makeSession("Flange");
    ASSERT_TRUE(cat().addAsset(makeAsset(s.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).ok());
    {
        catalog::Transaction tx(cat().db());
        ASSERT_TRUE(cat().addAsset(makeAsset(s.id, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).ok());
        auto dup = cat().addAsset(makeAsset(s.id, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));  // same checksum
        ASSERT_FALSE(dup.ok());
        // Caller gives up: no commit.
    }
    auto as = cat().assets(s.id);
    ASSERT_EQ(as->size(), 1u);
    EXPECT_FALSE(cat().assetByChecksum("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")->has_value());
}

TEST_F(CatalogTest, SessionTitlesAreUniqueAndFoundByTitleOrId) {
    auto s = makeSession("フランジのボルト締め", "佐藤", "フランジ組立");
    Session again;
    again.title = "フランジのボルト締め";
    EXPECT_FALSE(cat().createSession(again).ok());
    auto byTitle = cat().findSession("フランジのボルト締め");
    ASSERT_TRUE(byTitle.ok() && byTitle->has_value());
    EXPECT_EQ((*byTitle)->worker, "佐藤");
    auto byId = cat().findSession(std::to_string(s.id));
    ASSERT_TRUE(byId.ok() && byId->has_value());
    EXPECT_EQ((*byId)->title, "フランジのボルト締め");
    EXPECT_FALSE(cat().findSession("nope")->has_value());
    EXPECT_FALSE(cat().createSession(Session{}).ok());  // a session needs a title
}

TEST_F(CatalogTest, AssetsKeepTheirProbeFacts) {
    auto s = makeSession("Probe facts");
    auto a = makeAsset(s.id, "cccccccccccccccccccccccccccccccc");
    a.probe.frameRate = {30000, 1001};
    a.probe.avgFrameRate = {90000, 3013};
    a.probe.startOffset = -7000;
    a.probe.fieldOrder = "tt";
    a.probe.sampleAspect = {4, 3};
    a.probe.creationTime = "2019-07-24T08:25:57Z";
    auto added = cat().addAsset(a);
    ASSERT_TRUE(added.ok()) << added.error().what();
    auto back = cat().assetByChecksum(a.checksum);
    ASSERT_TRUE(back.ok() && back->has_value());
    const auto& p = (*back)->probe;
    EXPECT_EQ(p.rotation, 270);
    EXPECT_EQ(p.frameRate, (Rational{30000, 1001}));
    EXPECT_EQ(p.avgFrameRate, (Rational{90000, 3013}));
    EXPECT_EQ(p.startOffset, -7000);
    EXPECT_EQ(p.fieldOrder, "tt");
    EXPECT_EQ(p.sampleAspect, (Rational{4, 3}));
    EXPECT_EQ(p.creationTime, "2019-07-24T08:25:57Z");
    EXPECT_TRUE(p.hasVideo);
    EXPECT_FALSE(p.hasAudio);
}

TEST_F(CatalogTest, SearchFindsJapaneseByTrigram) {
    auto s = makeSession("フランジのボルト締め", "佐藤", "フランジ組立");
    Marker m;
    m.sessionId = s.id;
    m.kind = MarkerKind::Knack;
    m.in = 3'000'000;
    m.out = 5'000'000;
    m.title = "ボルトを対角線の順に締める";
    m.note = "音が変わったら止める";
    auto added = cat().addMarker(m);
    ASSERT_TRUE(added.ok());
    Cue c{0, 1'000'000, 2'000'000, "トルクレンチがカチッと鳴る"};
    ASSERT_TRUE(cat().addCue(s.id, "ja", c).ok());

    auto hits = cat().search("対角線");
    ASSERT_TRUE(hits.ok());
    ASSERT_TRUE(hitFor(*hits, "marker", added->id));
    for (const auto& h : *hits) {
        if (h.kind == "marker") {
            EXPECT_EQ(h.time, 3'000'000);
        }
    }
    EXPECT_FALSE(cat().search("カチッと")->empty());
    EXPECT_TRUE(hitFor(*cat().search("フランジ組立"), "session", s.id));
    EXPECT_TRUE(cat().search("溶接")->empty());
}

TEST_F(CatalogTest, SearchFindsTwoCharacterNames) {
    auto s = makeSession("Flange bolt tightening", "佐藤", "Flange assembly");
    makeSession("Valve lapping", "鈴木");
    auto hits = cat().search("佐藤");
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].sessionId, s.id);
    EXPECT_EQ((*hits)[0].kind, "session");
}

TEST_F(CatalogTest, SearchWordsMustAllMatch) {
    makeSession("Flange bolt tightening", "佐藤", "Flange assembly");
    makeSession("Flange welding", "高橋");
    EXPECT_EQ(cat().search("flange")->size(), 2u);  // ASCII letters in any case
    EXPECT_EQ(cat().search("Flange 佐藤")->size(), 1u);
    EXPECT_TRUE(cat().search("Flange 鈴木")->empty());
    EXPECT_FALSE(cat().search("   ").ok());
}

TEST_F(CatalogTest, SearchTreatsWildcardsAsText) {
    makeSession("Torque to 100% (M12)");
    makeSession("Something else");
    EXPECT_EQ(cat().search("100%")->size(), 1u);
    EXPECT_TRUE(cat().search("%")->size() == 1u);
    EXPECT_TRUE(cat().search("_")->empty());
}

TEST_F(CatalogTest, IntegrityCheckPassesOnAFreshLibrary) {
    test::ScratchDir lib("catalog-library");
    auto l = Library::init(lib.path());
    ASSERT_TRUE(l.ok()) << l.error().what();
    auto c = l->openCatalog();
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->integrityCheck().ok());
    EXPECT_TRUE(std::filesystem::is_directory(l->mediaDir()));
    EXPECT_TRUE(std::filesystem::is_directory(l->cacheDir()));
}

TEST_F(CatalogTest, TextThatIsNotUtf8NeverEntersTheCatalog) {
    Session bad;
    bad.title = "\x8e\xe8\x8f\x87";  // 手順 in CP932
    auto s = cat().createSession(bad);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().what().find("the session's title"), std::string::npos) << s.error().what();
    EXPECT_NE(s.error().what().find("UTF-8"), std::string::npos);
    auto good = makeSession("手順");
    Marker m;
    m.sessionId = good.id;
    m.kind = MarkerKind::Step;
    m.in = 0;
    m.out = 1'000'000;
    m.title = "仮締め";
    m.tags = {"ok", "\x83\x5c"};
    EXPECT_FALSE(cat().addMarker(m).ok());
    EXPECT_FALSE(cat().replaceMarkers(good.id, {m}).ok());
    m.tags = {"ok"};
    auto added = cat().addMarker(m);
    ASSERT_TRUE(added.ok());
    added->note = "\x82\xa0";
    EXPECT_FALSE(cat().updateMarker(*added).ok());
    Cue c;
    c.start = 0;
    c.end = 1'000'000;
    c.text = "\x93\xfa\x96\x7b";
    EXPECT_FALSE(cat().replaceCues(good.id, "ja", {c}).ok());
    EXPECT_FALSE(cat().addCue(good.id, "ja", c).ok());
    EXPECT_EQ(cat().markers(good.id)->size(), 1u);
    EXPECT_EQ(cat().markers(good.id)->at(0).note, "");
    EXPECT_TRUE(cat().cues(good.id, "ja")->empty());
}
