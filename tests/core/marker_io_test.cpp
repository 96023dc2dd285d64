// Marker exchange formats (JSON and CSV) and the rules markers obey.
#include <gtest/gtest.h>

#include "core/marker_io.hpp"
#include "core/marker_rules.hpp"

using namespace kotsu;

namespace {

std::vector<Marker> sample() {
    std::vector<Marker> ms(3);
    ms[0].kind = MarkerKind::Step;
    ms[0].in = 2'000'000;
    ms[0].out = 11'500'000;
    ms[0].title = "段取り確認";
    ms[0].note = "ボルトの並びを目で追う, \"しっかり\"";
    ms[0].warning = "手袋を着用";
    ms[0].tags = {"準備", "a,b"};
    ms[1].kind = MarkerKind::Knack;
    ms[1].in = 4'000'001;
    ms[1].out = 6'000'000;
    ms[1].title = "音\nが変わる";
    ms[2].kind = MarkerKind::Step;
    ms[2].in = 12'500'000;
    ms[2].out = 31'250'000;
    ms[2].title = "仮締め";
    return ms;
}

void expectSame(const std::vector<Marker>& a, const std::vector<Marker>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].kind, b[i].kind);
        EXPECT_EQ(a[i].in, b[i].in);
        EXPECT_EQ(a[i].out, b[i].out);
        EXPECT_EQ(a[i].title, b[i].title);
        EXPECT_EQ(a[i].note, b[i].note);
        EXPECT_EQ(a[i].warning, b[i].warning);
    }
}

}  // namespace

TEST(MarkerIo, ReadsTheDocumentedJson) {
    auto ms = parseMarkersJson(R"({"markers": [{"kind": "step", "in": "00:00:02.000", "out": "00:00:11.500",
        "title": "段取り確認", "note": "ボルトの並びを目で追う", "warning": "手袋を着用", "tags": ["準備"]},
        {"kind": "tag", "in": 12.5}]})", "m.json");
    ASSERT_TRUE(ms.ok()) << ms.error().what();
    ASSERT_EQ(ms->size(), 2u);
    EXPECT_EQ((*ms)[0].in, 2'000'000);
    EXPECT_EQ((*ms)[0].out, 11'500'000);
    EXPECT_EQ((*ms)[0].tags, std::vector<std::string>{"準備"});
    EXPECT_EQ((*ms)[1].kind, MarkerKind::Tag);
    EXPECT_EQ((*ms)[1].out, 12'500'000);
}

TEST(MarkerIo, JsonRoundTrip) {
    auto back = parseMarkersJson(writeMarkersJson(sample()), "x.json");
    ASSERT_TRUE(back.ok()) << back.error().what();
    expectSame(sample(), *back);
    EXPECT_EQ((*back)[0].tags, sample()[0].tags);
}

TEST(MarkerIo, CsvRoundTrip) {
    auto back = parseMarkersCsv(writeMarkersCsv(sample()), "x.csv");
    ASSERT_TRUE(back.ok()) << back.error().what();
    expectSame(sample(), *back);
}

TEST(MarkerIo, ErrorsNameTheEntry) {
    auto bad = parseMarkersJson(R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "stpe", "in": 3}]})", "f.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().what().find("markers[1]"), std::string::npos) << bad.error().what();
    auto badTime = parseMarkersCsv("kind,in,out,title\nstep,1,2,a\nstep,00:61:00,3,b\n", "f.csv");
    ASSERT_FALSE(badTime.ok());
    EXPECT_NE(badTime.error().what().find("row 3"), std::string::npos) << badTime.error().what();
    EXPECT_FALSE(parseMarkersJson("{not json", "f.json").ok());
}

TEST(MarkerRules, AcceptsAValidSet) { EXPECT_TRUE(validateMarkers(sample(), 40'000'000).ok()); }

TEST(MarkerRules, RejectsWhatBreaksTheRules) {
    auto ms = sample();
    ms[2].in = 10'000'000;  // overlaps the first step
    auto r = validateMarkers(ms, 40'000'000);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("overlaps"), std::string::npos);
    EXPECT_NE(r.error().what().find("仮締め"), std::string::npos);

    ms = sample();
    ms[1].in = 11'000'000;
    ms[1].out = 12'000'000;  // knack sticking out of its step
    EXPECT_FALSE(validateMarkers(ms, 40'000'000).ok());

    ms = sample();
    EXPECT_FALSE(validateMarkers(ms, 30'000'000).ok()) << "outside the media";

    ms = sample();
    ms[0].out = ms[0].in;
    EXPECT_FALSE(validateMarkers(ms, 40'000'000).ok()) << "out must be after in";
}
