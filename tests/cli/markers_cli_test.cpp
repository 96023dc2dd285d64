// `kotsu markers` and `kotsu captions` from the command line: round trips, validation, bad input
// that leaves the catalog untouched.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/files.hpp"
#include "tests/cli/cli_support.hpp"
#include "demo/synth.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

// The same markers after an import get new ids: compare `list --json` without the id lines.
std::string withoutIds(const std::string& json) {
    std::string out;
    std::istringstream in(json);
    for (std::string line; std::getline(in, line);)
        if (line.find("\"id\"") == std::string::npos) out += line + "\n";
    return out;
}

class MarkersCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::make_unique<test::ScratchDir>("markers-cli");
        lib_ = " --library '" + (dir_->path() / "lib").string() + "'";
        demo::SynthSpec spec;
        spec.video = "testsrc2=size=320x240:rate=30";
        spec.audio = "sine=frequency=300:sample_rate=48000";
        spec.duration = 40'000'000;
        ASSERT_TRUE(demo::synthesize(spec, dir_->path() / "take.mp4").ok());
        auto r = cli("ingest '" + (dir_->path() / "take.mp4").string() + "' --session 'フランジ締結' --worker 佐藤");
        ASSERT_EQ(r.code, 0) << r.err;
    }
    test::CliRun cli(const std::string& args) { return test::kotsuCli(args + lib_, dir_->path()); }
    fs::path write(const std::string& name, const std::string& text) {
        auto p = dir_->path() / name;
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
    std::string list() { return cli("markers フランジ締結 list --json").out; }

    std::unique_ptr<test::ScratchDir> dir_;
    std::string lib_;
};

}  // namespace

TEST_F(MarkersCli, AddListRemove) {
    auto r = cli("markers フランジ締結 add --kind step --in 12.5 --out 00:00:31.250 --title 仮締め --note 'ねじ山が噛む感触' --tags 締結,感触");
    ASSERT_EQ(r.code, 0) << r.err;
    r = cli("markers フランジ締結 add --kind knack --in 20 --out 22 --title 音");
    ASSERT_EQ(r.code, 0) << r.err;
    auto json = list();
    EXPECT_NE(json.find("\"in\": \"00:00:12.500\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"out_us\": 31250000"), std::string::npos);
    EXPECT_NE(json.find("仮締め"), std::string::npos);
    // Removing the step would leave the knack outside any step: refused.
    auto id = json.substr(json.find("\"id\": ") + 6);
    r = cli("markers フランジ締結 remove " + id.substr(0, id.find(',')));
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("inside a step"), std::string::npos) << r.err;
    auto search = cli("search 噛む感触");
    EXPECT_EQ(search.code, 0);
    EXPECT_NE(search.out.find("仮締め"), std::string::npos) << search.out;
}

TEST_F(MarkersCli, ExportImportGivesTheSameMarkers) {
    ASSERT_EQ(cli("markers フランジ締結 add --kind step --in 2 --out 11.5 --title '段取り, \"確認\"' --warning 手袋を着用").code, 0);
    ASSERT_EQ(cli("markers フランジ締結 add --kind safety --in 3 --out 4 --warning 挟まれ注意").code, 0);
    ASSERT_EQ(cli("markers フランジ締結 add --kind step --in 12.000001 --out 20 --title 仮締め").code, 0);
    for (std::string fmt : {"json", "csv"}) {
        auto before = list();
        auto file = dir_->path() / ("m." + fmt);
        ASSERT_EQ(cli("markers フランジ締結 export --format " + fmt + " --to '" + file.string() + "'").code, 0);
        auto r = cli("markers フランジ締結 import '" + file.string() + "'");
        ASSERT_EQ(r.code, 0) << r.err;
        auto after = list();
        EXPECT_EQ(withoutIds(before), withoutIds(after)) << fmt;
    }
}

TEST_F(MarkersCli, BadMarkersAreRefusedAndNothingChanges) {
    ASSERT_EQ(cli("markers フランジ締結 add --kind step --in 2 --out 10 --title A").code, 0);
    auto before = list();
    struct Case {
        std::string args, expect;
    } cases[] = {
        {"markers フランジ締結 add --kind step --in 30 --out 50 --title late", "ends after the media"},
        {"markers フランジ締結 add --kind step --in 5 --out 12 --title overlap", "overlaps"},
        {"markers フランジ締結 add --kind step --in 12 --out 11 --title back", "out must be after in"},
        {"markers フランジ締結 add --kind knack --in 20 --out 21", "inside a step"},
        {"markers フランジ締結 add --kind step --in 1x --out 3 --title t", "not a time"},
        {"markers フランジ締結 add --kind wobble --in 1 --out 3", "unknown --kind"},
        {"markers 存在しない list", "no such session"},
    };
    for (const auto& c : cases) {
        auto r = cli(c.args);
        EXPECT_NE(r.code, 0) << c.args;
        EXPECT_NE(r.err.find(c.expect), std::string::npos) << c.args << " → " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    }
    auto bad = write("bad.json", R"({"markers": [{"kind": "step", "in": 1, "out": 5, "title": "x"},
                                                 {"kind": "step", "in": 4, "out": 8, "title": "y"}]})");
    auto r = cli("markers フランジ締結 import '" + bad.string() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("entry 2"), std::string::npos) << r.err;
    auto csv = write("bad.csv", "kind,in,out,title\nstep,1,2,a\nstep,3,zz,b\n");
    r = cli("markers フランジ締結 import '" + csv.string() + "'");
    EXPECT_NE(r.err.find("row 3"), std::string::npos) << r.err;
    EXPECT_EQ(list(), before) << "the catalog is untouched";
}

TEST_F(MarkersCli, CaptionsImportExportAndBrokenFiles) {
    auto vtt = write("ja.vtt", "\xEF\xBB\xBFWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:03.000 align:start\r\nまず、座面を確認します。\r\n\r\n"
                               "00:00:04.000 --> 00:00:06.500\r\n<b>カチッ</b>という音\r\n");
    auto r = cli("captions フランジ締結 import '" + vtt.string() + "' --lang ja");
    ASSERT_EQ(r.code, 0) << r.err;
    r = cli("captions フランジ締結 export --lang ja --format srt");
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("00:00:04,000 --> 00:00:06,500\nカチッという音"), std::string::npos) << r.out;
    EXPECT_NE(cli("search カチッ").out.find("caption"), std::string::npos);

    auto before = cli("captions フランジ締結 export --lang ja").out;
    auto broken = write("broken.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:0x:04,000\nbad\n");
    r = cli("captions フランジ締結 import '" + broken.string() + "' --lang ja");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("broken.srt: line 6"), std::string::npos) << r.err;
    auto late = write("late.vtt", "WEBVTT\n\n00:01:00.000 --> 00:01:02.000\nlate\n");
    r = cli("captions フランジ締結 import '" + late.string() + "' --lang ja");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("after the media"), std::string::npos) << r.err;
    r = cli("captions フランジ締結 import '" + (dir_->path() / "missing.vtt").string() + "' --lang ja");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("missing.vtt"), std::string::npos);
    EXPECT_EQ(cli("captions フランジ締結 export --lang ja").out, before) << "the catalog is untouched";
}

TEST_F(MarkersCli, PackageRefusesASessionWithoutStepsAndABadFolder) {
    auto r = cli("package フランジ締結 --out '" + (dir_->path() / "pkg").string() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("no steps"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_->path() / "pkg"));
    r = cli("package フランジ締結");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("--out"), std::string::npos);
    r = cli("verify '" + dir_->path().string() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("not a kotsu package"), std::string::npos) << r.err;
    r = cli("package フランジ締結 --out x --bogus");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("unknown option --bogus"), std::string::npos) << r.err;
}

TEST_F(MarkersCli, ExcelCsvInCp932AndUtf16ImportsAsJapaneseAndSaysWhich) {
    const std::string csv = "kind,in,out,title,note,warning,tags\nstep,1,10,手順の確認,ボルトを締める,手袋,準備\n";
    const std::pair<std::string, std::string> files[] = {
        {test::encodeAs("CP932", csv), "CP932 (Shift_JIS)"},
        {test::encodeAs("UTF-16LE", "\uFEFF" + csv), "UTF-16 LE"},
        {"\xEF\xBB\xBF" + csv, "UTF-8 with BOM"},
    };
    for (const auto& [bytes, encoding] : files) {
        auto file = dir_->path() / "excel.csv";
        test::writeBytes(file, bytes);
        auto r = cli("markers フランジ締結 import '" + file.string() + "'");
        ASSERT_EQ(r.code, 0) << r.err;
        EXPECT_NE(r.out.find("read " + file.string() + " as " + encoding), std::string::npos) << r.out;
        auto json = list();
        EXPECT_NE(json.find("\"title\": \"手順の確認\""), std::string::npos) << encoding << json;
        EXPECT_NE(json.find("\"note\": \"ボルトを締める\""), std::string::npos) << json;
        // JSON written after the import still works (the bug was every later JSON write failing).
        EXPECT_EQ(cli("markers フランジ締結 export --format json").code, 0);
    }
}

TEST_F(MarkersCli, RandomBytesAndNonUtf8ArgumentsAreRefused) {
    auto before = list();
    auto file = dir_->path() / "noise.csv";
    test::writeBytes(file, "kind,in,out,title\nstep,1,2,ok\nstep,3,4,\x80\xff\x80\xfe\n");
    auto r = cli("markers フランジ締結 import '" + file.string() + "'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("noise.csv: line 3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("in Excel, save as \"CSV UTF-8\""), std::string::npos) << r.err;
    EXPECT_EQ(list(), before);

    r = cli("markers フランジ締結 add --kind step --in 1 --out 2 --title \"$(printf '\\216\\350\\217\\207')\"");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("not UTF-8"), std::string::npos) << r.err;
    EXPECT_EQ(list(), before);
    r = cli("ingest '" + (dir_->path() / "take.mp4").string() + "' --session \"$(printf '\\216\\350\\217\\207')\"");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("the session's title"), std::string::npos) << r.err;
    EXPECT_EQ(cli("sessions --json").code, 0) << "every later JSON write still works";
}

TEST_F(MarkersCli, CsvExportForExcelAndOldToolsRoundTrips) {
    ASSERT_EQ(cli("markers フランジ締結 add --kind step --in 2 --out 11.5 --title '=1+1' --note 段取り --tags '締結,M12' ").code, 0);
    auto before = list();
    auto utf8 = dir_->path() / "utf8.csv";
    ASSERT_EQ(cli("markers フランジ締結 export --format csv --to '" + utf8.string() + "'").code, 0);
    auto bytes = readFile(utf8).value();
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(bytes.find(",'=1+1,"), std::string::npos) << "the formula is neutralised: " << bytes;
    auto sjis = dir_->path() / "sjis.csv";
    ASSERT_EQ(cli("markers フランジ締結 export --format csv --encoding cp932 --to '" + sjis.string() + "'").code, 0);
    EXPECT_NE(readFile(sjis).value().find("\x92\x69\x8e\xe6\x82\xe8"), std::string::npos) << "段取り in CP932";
    for (const auto& file : {utf8, sjis}) {
        auto r = cli("markers フランジ締結 import '" + file.string() + "'");
        ASSERT_EQ(r.code, 0) << r.err;
        EXPECT_EQ(withoutIds(list()), withoutIds(before)) << file;
    }
    ASSERT_EQ(cli("markers フランジ締結 add --kind knack --in 3 --out 4 --note '絵文字🙂'").code, 0);
    auto r = cli("markers フランジ締結 export --format csv --encoding cp932");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("🙂"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("marker "), std::string::npos) << r.err;
}

TEST_F(MarkersCli, ShiftJisSrtImports) {
    auto srt = dir_->path() / "sjis.srt";
    test::writeBytes(srt, test::encodeAs("CP932", "1\r\n00:00:01,000 --> 00:00:03,000\r\nボルトを手で仮締め\r\n"));
    auto r = cli("captions フランジ締結 import '" + srt.string() + "' --lang ja");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("as CP932 (Shift_JIS)"), std::string::npos) << r.out;
    r = cli("captions フランジ締結 list --json");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("ボルトを手で仮締め"), std::string::npos) << r.out;
}

// A language code names files in packages (captions/NN.<lang>.vtt): anything but a BCP 47 tag is refused,
// in one line, before anything is written.
TEST_F(MarkersCli, CaptionLanguageMustBeABcp47Tag) {
    auto vtt = write("pt.vtt", "WEBVTT\n00:00:01.000 --> 00:00:02.000\nolá\n");
    auto before = cli("captions フランジ締結 list --json --lang ja").out;
    auto r = cli("captions フランジ締結 import '" + vtt.string() + "' --lang ../../x");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("'../../x' is not a BCP 47 tag"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    auto out = dir_->path() / "out.vtt";
    r = cli("captions フランジ締結 export --lang ../../x --to '" + out.string() + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_NE(cli("captions フランジ締結 list --lang ja/x").code, 0);
    EXPECT_EQ(cli("captions フランジ締結 list --json --lang ja").out, before);

    r = cli("captions フランジ締結 import '" + vtt.string() + "' --lang pt-BR");
    ASSERT_EQ(r.code, 0) << r.err;
    r = cli("captions フランジ締結 export --lang pt-BR");
    EXPECT_NE(r.out.find("00:00:01.000 --> 00:00:02.000\nolá"), std::string::npos) << r.out;
}
