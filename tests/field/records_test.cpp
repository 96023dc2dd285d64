// Viewing records: played segments, the statement checks (kotsu's table per verb), storing by id
// (nothing twice, a bad batch stores nothing), per-step records and the follow-up rules on a fixed
// statement set, and migration 9 on a fresh catalog.
#include <gtest/gtest.h>

#include "core/files.hpp"
#include "field/followup.hpp"
#include "field/record_file.hpp"
#include "field/records.hpp"
#include "field/segments.hpp"
#include "field/xapi.hpp"
#include "tests/field/field_support.hpp"

using namespace kotsu;
using nlohmann::json;

TEST(Segments, UnionCountsWhatPlayedNotHowFarItGot) {
    auto s = field::parseSegments("0[.]1.5[,]3.9[.]4");
    ASSERT_TRUE(s);
    EXPECT_NEAR(field::coveredSeconds(*s, 4), 1.6, 1e-9);  // seeking to the end is not watching
    auto overlap = field::parseSegments("0[.]2[,]1[.]3[,]3[.]4");
    EXPECT_NEAR(field::coveredSeconds(*overlap, 4), 4, 1e-9);
    EXPECT_EQ(field::unionOf(*overlap).size(), 1u);
    EXPECT_TRUE(field::parseSegments("")->empty());
    for (const char* bad : {"0[.]", "1[.]0", "a[.]1", "0[.]1[,]", "0..1", "-1[.]2", "0[.]1e400"})
        EXPECT_FALSE(field::parseSegments(bad)) << bad;
}

TEST(Xapi, EachVerbCarriesWhatTheTableSays) {
    test::FieldLibrary fl("xapi-table");
    for (const auto& rule : field::verbRules()) {
        test::Playing p{"T1", fl.steps[0]};
        auto good = test::statement(p, std::string(rule.name), "0[.]1", 1, 2, 1);
        auto ok = field::checkStatement(good);
        ASSERT_TRUE(ok.ok()) << rule.name << ": " << ok.error().what();
        EXPECT_EQ(ok->record.verb, rule.name);
        EXPECT_EQ(ok->packageId, test::kUid);
        // every required extension, taken away, is named in the refusal
        for (auto need : rule.result) {
            auto bad = good;
            bad["result"]["extensions"].erase(std::string(field::kVideoExtension) + std::string(need));
            auto r = field::checkStatement(bad);
            ASSERT_FALSE(r.ok()) << rule.name << " without " << need;
            EXPECT_NE(r.error().message.find(std::string(need)), std::string::npos) << r.error().message;
        }
        for (auto need : rule.context) {
            auto bad = good;
            bad["context"]["extensions"].erase(std::string(field::kVideoExtension) + std::string(need));
            EXPECT_FALSE(field::checkStatement(bad).ok()) << rule.name << " without " << need;
        }
        if (rule.completion) {
            auto bad = good;
            bad["result"].erase("completion");
            EXPECT_FALSE(field::checkStatement(bad).ok());
        }
    }
}

TEST(Xapi, RefusesMalformedStatements) {
    test::Playing p{"T1", 1};
    auto good = test::statement(p, "played", "", 1);
    auto refuse = [&](auto edit, const char* what) {
        auto s = good;
        edit(s);
        auto r = field::checkStatement(s);
        EXPECT_FALSE(r.ok()) << what;
    };
    refuse([](json& s) { s["id"] = "not-a-uuid"; }, "id");
    refuse([](json& s) { s["actor"] = {{"mbox", "mailto:a@b"}}; }, "actor without account");
    refuse([](json& s) { s["verb"]["id"] = "http://example.com/liked"; }, "verb");
    refuse([](json& s) { s["object"]["id"] = "http://example.com/x"; }, "object");
    refuse([](json& s) { s["timestamp"] = "yesterday"; }, "timestamp");
    refuse([](json& s) { s["context"].erase("registration"); }, "registration");
    refuse([](json& s) { s["result"]["extensions"]["https://w3id.org/xapi/video/extensions/time"] = "soon"; }, "time");
    refuse([](json& s) { s["actor"]["account"]["name"] = std::string(200, 'x'); }, "long trainee");
    refuse([](json& s) { s["object"]["definition"]["name"] = {{"ja", std::string(20000, 'x')}}; }, "oversized");
    EXPECT_FALSE(field::checkStatement(std::string_view("{\"id\":")).ok());
}

TEST(Records, StoredByIdOnceAndABadBatchStoresNothing) {
    test::FieldLibrary fl("records-store");
    auto batch = test::playing({"T1", fl.steps[0]}, "0[.]4");
    auto r = field::storeStatements(*fl.cat, batch, "test");
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->added, 4);
    auto again = field::storeStatements(*fl.cat, batch, "test");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->added, 0);
    EXPECT_EQ(again->duplicates, 4);
    // one statement names an unknown step: the whole batch is refused
    auto mixed = test::playing({"T2", fl.steps[1], "s9"}, "0[.]4");
    mixed[2]["object"]["id"] = field::stepActivityId(test::kUid, "999");
    auto bad = field::storeStatements(*fl.cat, mixed, "upload.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("unknown step 999"), std::string::npos) << bad.error().message;
    mixed[2]["object"]["id"] = field::stepActivityId("ffffffffffffffffffffffffffffffff", std::to_string(fl.steps[1]));
    EXPECT_NE(field::storeStatements(*fl.cat, mixed, "x").error().message.find("unknown package"), std::string::npos);
    EXPECT_EQ(fl.cat->statements(0)->size(), 4u);
}

TEST(Records, AnImportFileMustBeARecordExport) {
    test::FieldLibrary fl("records-import");
    auto f = fl.dir / "manifest.json";
    ASSERT_TRUE(writeFileAtomic(f, "{\"format\":\"kotsu.package\",\"version\":1}").ok());
    auto r = field::readRecordFile(f);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("not a kotsu record export"), std::string::npos);
    json ok{{"format", "kotsu.records"}, {"version", 1}, {"statements", test::playing({"T1", fl.steps[0]}, "0[.]4")}};
    ASSERT_TRUE(writeFileAtomic(fl.dir / "e.json", ok.dump()).ok());
    auto good = field::readRecordFile(fl.dir / "e.json");
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good->size(), 4u);
}

// A fixed statement set gives a known report.
TEST(Followup, AFixedStatementSetGivesAKnownReport) {
    test::FieldLibrary fl("followup");
    ASSERT_TRUE(fl.cat->addToRoster(fl.session.id, {{"T1", "山田"}, {"T2", "佐藤"}, {"T3", "鈴木"}, {"T4", "高橋"}}).ok());
    std::vector<json> all;
    auto add = [&](test::Playing p, const std::string& segs) {
        for (auto& s : test::playing(p, segs)) all.push_back(s);
    };
    // T1: everything watched, but step 1 looped five times and mostly at slow motion
    add({"T1", fl.steps[0], "a1", "2026-11-20", 0, 5, 30, 40}, "0[.]4");
    add({"T1", fl.steps[1], "a2", "2026-11-20", 10}, "0[.]4");
    add({"T1", fl.steps[2], "a3", "2026-11-20", 20}, "0[.]4");
    // T2: steps 1 and 3 watched; the safety step (2) seeked to its end
    add({"T2", fl.steps[0], "b1", "2026-11-21", 0, 0, 0, 4}, "0[.]4");
    add({"T2", fl.steps[1], "b2", "2026-11-21", 10, 0, 0, 1}, "0[.]0.5[,]3.8[.]4");
    {
        test::Playing p{"T2", fl.steps[1], "b2", "2026-11-21", 30};
        all.push_back(test::statement(p, "seeked", "", 0, 0.5, 3.8));
    }
    add({"T2", fl.steps[2], "b3", "2026-11-21", 20, 0, 0, 4}, "0[.]4");
    // T4: started step 1 a month ago, never came back
    add({"T4", fl.steps[0], "d1", "2026-11-01", 0, 0, 0, 2}, "0[.]2");
    ASSERT_TRUE(field::storeStatements(*fl.cat, all, "fixed").ok());
    // the roster was made "now" by SQLite: report as of 30 days later, so T3 has waited long enough
    auto roster = fl.cat->roster(fl.session.id);
    ASSERT_TRUE(roster.ok());
    auto now = field::parseTimestamp((*roster)[0].assignedAt) + 30 * 86400;
    ASSERT_TRUE(fl.cat->addFollowupNote({0, "T2", fl.session.id, 2, "安全手順を現場で確認", "supervisor", ""}).ok());

    field::FollowupConfig cfg;
    auto report = field::followupReport(*fl.cat, cfg, {now, 0});
    ASSERT_TRUE(report.ok()) << report.error().what();
    std::vector<std::string> lines;
    for (const auto& f : *report) lines.push_back(f.rule + " " + f.trainee + " " + std::to_string(f.step));
    // the first line is T2's safety gap, with the supervisor's note
    ASSERT_GE(report->size(), 4u);
    EXPECT_EQ(lines[0], "safety-gap T2 2");
    EXPECT_EQ((*report)[0].notes.size(), 1u);
    EXPECT_NE((*report)[0].detail.find("%"), std::string::npos);
    auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
    EXPECT_TRUE(has("struggling T1 1"));
    EXPECT_TRUE(has("not-started T3 0"));
    EXPECT_TRUE(has("stalled T4 0"));
    EXPECT_FALSE(has("safety-gap T1 2"));
    EXPECT_FALSE(has("not-started T1 0"));
    // the whole report, in priority order (T4 never opened the safety step; T2 stopped 29 days ago)
    const std::vector<std::string> expected{"safety-gap T2 2", "safety-gap T4 2", "struggling T1 1",
                                            "stalled T2 0",    "not-started T3 0", "stalled T4 0"};
    EXPECT_EQ(lines, expected);

    // records: T2's safety step is 0.5 + 0.2 s of 4 s; T1 step 1 has 5 loops
    auto rows = fl.cat->statements(fl.session.id);
    auto steps = field::stepsOfSession(*fl.cat, fl.session.id);
    ASSERT_TRUE(steps.ok());
    EXPECT_TRUE((*steps)[1].safety);
    auto recs = field::summarize(*steps, fl.session.id, *rows, 0.9);
    for (const auto& r : recs) {
        if (r.trainee == "T2" && r.step.index == 2) {
            EXPECT_FALSE(r.watched);
            EXPECT_NEAR(r.coverage, 0.7 / 4, 1e-6);
            EXPECT_EQ(r.seeksBack, 0);
        }
        if (r.trainee == "T1" && r.step.index == 1) {
            EXPECT_TRUE(r.watched);
            EXPECT_EQ(r.loops, 5);
            EXPECT_EQ(r.views, 1);
        }
    }
}

TEST(Followup, ThresholdsAreData) {
    auto cfg = field::loadFollowupConfig();
    ASSERT_TRUE(cfg.ok()) << cfg.error().what();
    EXPECT_DOUBLE_EQ(cfg->watched, 0.9);
    EXPECT_EQ(cfg->struggleLoops, 3);
}

TEST(CatalogMigration9, FreshCatalogHasTheRecordTablesAndKeepsSettings) {
    test::FieldLibrary fl("migration9");
    EXPECT_EQ(*fl.cat->schemaVersion(), catalog::latestSchemaVersion());
    ASSERT_TRUE(fl.cat->setSiteSetting("serve-token", "a").ok());
    ASSERT_TRUE(fl.cat->setSiteSetting("serve-token", "b").ok());
    EXPECT_EQ(**fl.cat->siteSetting("serve-token"), "b");
    EXPECT_FALSE(*fl.cat->siteSetting("nothing"));
    auto p = fl.cat->packageByUid(test::kUid);
    ASSERT_TRUE(p.ok() && *p);
    EXPECT_EQ((*p)->sessionId, fl.session.id);
    ASSERT_TRUE(fl.cat->addToRoster(fl.session.id, {{"T1", "山田"}}).ok());
    ASSERT_TRUE(fl.cat->addToRoster(fl.session.id, {{"T1", ""}}).ok());  // a known id keeps its name
    auto r = fl.cat->roster(fl.session.id);
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].trainee.name, "山田");
    EXPECT_TRUE(fl.cat->integrityCheck().ok());
}

// An import file that is not a record export, however it is not: one message naming the file, no crash.
TEST(Records, ImportRefusesWhatIsNotARecordExport) {
    test::FieldLibrary fl("records-import-bad");
    struct Case { const char* name; std::string text; const char* says; };
    std::vector<Case> cases{
        {"empty.json", "", "not a kotsu record export"},
        {"text.json", "トルク表\n1,2,3\n", "not a kotsu record export"},
        {"array.json", "[1,2,3]", "not a kotsu record export"},
        {"deep.json", std::string(200000, '[') + std::string(200000, ']'), "nested deeper"},
        {"no-statements.json", "{\"format\":\"kotsu.records\",\"version\":1}", "no \"statements\""},
        {"future.json", "{\"format\":\"kotsu.records\",\"version\":7,\"statements\":[]}", "version"},
    };
    for (const auto& c : cases) {
        auto f = fl.dir / c.name;
        ASSERT_TRUE(writeFileAtomic(f, c.text).ok());
        auto r = field::readRecordFile(f);
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_NE(r.error().what().find(c.name), std::string::npos) << r.error().what();
        EXPECT_NE(r.error().what().find(c.says), std::string::npos) << r.error().what();
        EXPECT_EQ(r.error().what().find('\n'), std::string::npos) << r.error().what();
    }
    EXPECT_EQ(fl.cat->statements(0)->size(), 0u);
}
