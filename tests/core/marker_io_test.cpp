// Marker exchange formats (JSON and CSV) and the rules markers obey.
#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>


#include "core/marker_io.hpp"
#include "core/marker_rules.hpp"
#include "tests/support/test_support.hpp"

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
    auto back = parseMarkersCsv(writeMarkersCsv(sample()).value(), "x.csv");
    ASSERT_TRUE(back.ok()) << back.error().what();
    expectSame(sample(), *back);
    EXPECT_EQ((*back)[0].tags, sample()[0].tags);
}

// Found by fuzzing: a tags cell that is not CSV fell back to commas only and kept a line break inside a
// tag, which the writer's quoting then split into two tags.
TEST(MarkerIo, ATagIsOneLineWhateverTheCell) {
    auto ms = parseMarkersCsv("kind,in,out,tags\nstep,1,2,\"\"\"x\ny,z\"\n", "x.csv");  // the cell: "x⏎y,z
    ASSERT_TRUE(ms.ok()) << ms.error().what();
    ASSERT_EQ(ms->size(), 1u);
    EXPECT_EQ((*ms)[0].tags.size(), 3u);
    for (const auto& t : (*ms)[0].tags) EXPECT_EQ(t.find('\n'), std::string::npos) << t;
    auto back = parseMarkersCsv(writeMarkersCsv(*ms).value(), "y.csv");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ((*back)[0].tags, (*ms)[0].tags);
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

TEST(MarkerIo, WrongTypesAndDeepNestingAreOneLineErrors) {
    auto r = parseMarkersJson(R"({"markers":[{"kind":7,"in":1,"out":2}]})", "m.json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("markers[0]: \"kind\" is a whole number, expected a string"), std::string::npos)
        << r.error().what();
    r = parseMarkersJson(R"({"markers":[{"in":1,"out":2,"title":["a"]}]})", "m.json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("\"title\" is a list"), std::string::npos) << r.error().what();
    std::string deep = "{\"markers\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}";
    r = parseMarkersJson(deep, "deep.json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("nested deeper than 64 levels"), std::string::npos) << r.error().what();
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

namespace {
std::filesystem::path scratchFile(const test::ScratchDir& dir, const std::string& name, const std::string& bytes) {
    auto p = dir / name;
    test::writeBytes(p, bytes);
    return p;
}
const std::string kJapaneseCsv = "kind,in,out,title,note,warning,tags\nstep,1,5,手順の確認,ボルトを締める,手袋,準備\n";
}  // namespace

TEST(MarkerIo, ReadsExcelCsvInEveryEncodingAndSaysWhich) {
    test::ScratchDir dir("marker-io-encodings");
    const std::pair<std::string, TextEncoding> files[] = {
        {kJapaneseCsv, TextEncoding::Utf8},
        {"\xEF\xBB\xBF" + kJapaneseCsv, TextEncoding::Utf8Bom},
        {test::encodeAs("CP932", kJapaneseCsv), TextEncoding::Cp932},
        {test::encodeAs("UTF-16LE", "\uFEFF" + kJapaneseCsv), TextEncoding::Utf16Le},
        {test::encodeAs("UTF-16BE", "\uFEFF" + kJapaneseCsv), TextEncoding::Utf16Be},
    };
    int n = 0;
    for (const auto& [bytes, encoding] : files) {
        auto read = readMarkersFile(scratchFile(dir, "m" + std::to_string(n++) + ".csv", bytes));
        ASSERT_TRUE(read.ok()) << read.error().what();
        EXPECT_EQ(read->encoding, encoding) << encodingName(encoding);
        ASSERT_EQ(read->markers.size(), 1u);
        EXPECT_EQ(read->markers[0].title, "手順の確認");
        EXPECT_EQ(read->markers[0].note, "ボルトを締める");
        EXPECT_EQ(read->markers[0].tags, std::vector<std::string>{"準備"});
    }
}

TEST(MarkerIo, ReadsExcelUnicodeTextWithTabs) {
    test::ScratchDir dir("marker-io-tabs");
    auto tsv = test::encodeAs("UTF-16LE", "\uFEFFkind\tin\tout\ttitle\r\nstep\t1\t5\t手順, その一\r\n");
    auto read = readMarkersFile(scratchFile(dir, "unicode.txt.csv", tsv));
    ASSERT_TRUE(read.ok()) << read.error().what();
    ASSERT_EQ(read->markers.size(), 1u);
    EXPECT_EQ(read->markers[0].title, "手順, その一");
}

TEST(MarkerIo, RandomBytesAreRefusedWithTheFileLineAndAHint) {
    test::ScratchDir dir("marker-io-random");
    auto file = scratchFile(dir, "broken.csv", "kind,in,out,title\nstep,1,2,\x80\xfe\xff\x81\xa0\n");
    auto read = readMarkersFile(file);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.error().what().find("broken.csv"), std::string::npos) << read.error().what();
    EXPECT_NE(read.error().what().find("line 2"), std::string::npos) << read.error().what();
    EXPECT_NE(read.error().what().find("in Excel, save as \"CSV UTF-8\""), std::string::npos) << read.error().what();
}

TEST(MarkerIo, CsvForExcelHasABomAndCp932RoundTrips) {
    test::ScratchDir dir("marker-io-export");
    auto utf8 = writeMarkersCsv(sample());
    ASSERT_TRUE(utf8.ok());
    EXPECT_EQ(utf8->substr(0, 3), "\xEF\xBB\xBF");
    auto back = readMarkersFile(scratchFile(dir, "utf8.csv", *utf8));
    ASSERT_TRUE(back.ok()) << back.error().what();
    EXPECT_EQ(back->encoding, TextEncoding::Utf8Bom);
    expectSame(sample(), back->markers);

    auto cp932 = writeMarkersCsv(sample(), TextEncoding::Cp932);
    ASSERT_TRUE(cp932.ok()) << cp932.error().what();
    EXPECT_NE(cp932->find("\x92\x69\x8e\xe6\x82\xe8"), std::string::npos) << "段取り in CP932";
    back = readMarkersFile(scratchFile(dir, "sjis.csv", *cp932));
    ASSERT_TRUE(back.ok()) << back.error().what();
    EXPECT_EQ(back->encoding, TextEncoding::Cp932);
    expectSame(sample(), back->markers);
    EXPECT_EQ(back->markers[0].tags, sample()[0].tags);
}

TEST(MarkerIo, Cp932ExportNamesTheMarkerWithACharacterItLacks) {
    auto ms = sample();
    ms[2].id = 42;
    ms[2].note = "しっかり🙂";
    auto r = writeMarkersCsv(ms, TextEncoding::Cp932);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("marker 42 '仮締め'"), std::string::npos) << r.error().what();
}

TEST(MarkerIo, FormulaCellsAreNeutralisedAndComeBackAsTyped) {
    auto ms = sample();
    ms[0].title = "=HYPERLINK(\"http://x\",\"押す\")";
    ms[0].note = "+81 3";
    ms[0].warning = "-危険";
    ms[0].tags = {"@home", "'=already", "a,b"};
    ms[2].title = "'quoted";
    auto csv = writeMarkersCsv(ms, TextEncoding::Utf8);
    ASSERT_TRUE(csv.ok());
    EXPECT_NE(csv->find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"押す\"\")\",'+81 3,'-危険,"), std::string::npos) << *csv;
    EXPECT_EQ(csv->find(",=HYPERLINK"), std::string::npos);
    EXPECT_NE(csv->find(",'quoted,"), std::string::npos) << "an apostrophe before plain text is left alone";
    auto back = parseMarkersCsv(*csv, "x.csv");
    ASSERT_TRUE(back.ok()) << back.error().what();
    expectSame(ms, *back);
    EXPECT_EQ((*back)[0].tags, ms[0].tags);
}

TEST(MarkerIo, TagsHoldingCommasSurviveACsvRoundTrip) {
    auto ms = sample();
    ms[0].tags = {"締結", "M12, 8.8", "\"引用\"", "plain"};
    auto back = parseMarkersCsv(writeMarkersCsv(ms).value(), "x.csv");
    ASSERT_TRUE(back.ok()) << back.error().what();
    EXPECT_EQ((*back)[0].tags, ms[0].tags);
    auto old = parseMarkersCsv("kind,in,out,title,note,warning,tags\nstep,1,2,a,,,\"準備, 確認\"\n", "old.csv");
    ASSERT_TRUE(old.ok());
    EXPECT_EQ((*old)[0].tags, (std::vector<std::string>{"準備", "確認"})) << "older files still read";
}

// Times outside 0 … 10^7 s are refused with the entry named — never a wrapped or undefined conversion.
TEST(MarkerIo, OutOfRangeTimesAreRefusedWithTheEntryNamed) {
    const char* bad[] = {
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in": 1e300, "out": 2}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in": -1, "out": 2}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in": 1, "out": 1e300}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in_us": 9223372036854775807, "out_us": 9223372036854775807}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in_us": 18446744073709551615}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in_us": -5, "in": 3}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in": "9999:00:00"}]})",
        R"({"markers": [{"kind": "step", "in": 1, "out": 2}, {"kind": "step", "in": 10000000.5}]})",
    };
    for (const char* text : bad) {
        auto r = parseMarkersJson(text, "f.json");
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_NE(r.error().what().find("markers[1]"), std::string::npos) << r.error().what();
    }
    // NaN cannot be written in JSON; a NaN double reaching the reader is refused the same way.
    nlohmann::json j = {{"markers", {{{"kind", "step"}, {"in", std::numeric_limits<double>::quiet_NaN()}}}}};
    auto nan = parseMarkersJson(j.dump(), "f.json");  // dump writes NaN as null
    ASSERT_FALSE(nan.ok());
    EXPECT_NE(nan.error().what().find("markers[0]"), std::string::npos);
    auto ok = parseMarkersJson(R"({"markers": [{"kind": "step", "in": 10000000, "in_us": 10000000000000}]})", "f.json");
    ASSERT_TRUE(ok.ok()) << ok.error().what();

    auto csv = parseMarkersCsv("kind,in,out,title\nstep,1,2,a\nstep,99999999,3,b\n", "f.csv");
    ASSERT_FALSE(csv.ok());
    EXPECT_NE(csv.error().what().find("row 3"), std::string::npos) << csv.error().what();
    EXPECT_FALSE(parseMarkersCsv("kind,in,out,title\nstep,9999:00:00,9999:00:01,b\n", "f.csv").ok());
}

TEST(MarkerIo, AStepsAngleRoundTripsAndTheMainIsLeftOut) {
    auto ms = parseMarkersJson(R"({"markers": [{"kind": "step", "in": 1, "out": 2, "title": "a", "angle": "handcam"},
                                               {"kind": "step", "in": 2, "out": 3, "title": "b", "angle": "main"},
                                               {"kind": "step", "in": 3, "out": 4, "title": "c"}]})",
                               "a.json");
    ASSERT_TRUE(ms.ok()) << ms.error().what();
    EXPECT_EQ((*ms)[0].angle, "handcam");
    EXPECT_EQ((*ms)[1].angle, "") << "main is the default";
    EXPECT_EQ((*ms)[2].angle, "");
    const std::string text = writeMarkersJson(*ms);
    EXPECT_NE(text.find("\"angle\": \"handcam\""), std::string::npos) << text;
    EXPECT_EQ(text.find("\"main\""), std::string::npos) << text;
    auto again = parseMarkersJson(text, "again.json");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ((*again)[0].angle, "handcam");
    auto bad = parseMarkersJson(R"({"markers": [{"kind": "step", "in": 1, "out": 2, "angle": 3}]})", "b.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().what(), "b.json: markers[0]: \"angle\" is a whole number, expected a string");
}
