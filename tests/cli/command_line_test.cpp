// The shape of the `kotsu` command line, run as a user would: options before or after the command,
// values that are not options, malformed numbers and times, extra words, --help, --version, --json.
// Usage errors exit 2 with one line that says what is wrong and which --help to read.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "demo/synth.hpp"
#include "tests/cli/cli_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

class CommandLine : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::make_unique<test::ScratchDir>("command-line");
        lib_ = "'" + (dir_->path() / "lib").string() + "'";
        demo::SynthSpec spec;
        spec.video = "testsrc2=size=320x240:rate=30";
        spec.audio = "sine=frequency=300:sample_rate=48000";
        spec.duration = 6'000'000;
        ASSERT_TRUE(demo::synthesize(spec, dir_->path() / "take.mp4").ok());
        auto r = cli("ingest '" + (dir_->path() / "take.mp4").string() + "' --session 締結");
        ASSERT_EQ(r.code, 0) << r.err;
    }
    // The library goes last, as most users write it.
    test::CliRun cli(const std::string& args) { return test::kotsuCli(args + " --library " + lib_, dir_->path()); }
    test::CliRun bare(const std::string& args) { return test::kotsuCli(args, dir_->path()); }
    // A usage error: exit 2, one line naming the problem and the --help to read.
    void expectUsageError(const test::CliRun& r, const std::string& problem, const std::string& help) {
        EXPECT_EQ(r.code, 2) << r.err;
        EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("see '" + help + "'"), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    nlohmann::json markers() { return nlohmann::json::parse(cli("markers 締結 list --json").out)["markers"]; }

    std::unique_ptr<test::ScratchDir> dir_;
    std::string lib_;
};

}  // namespace

TEST_F(CommandLine, TheLibraryMayComeBeforeOrAfterTheCommand) {
    auto after = bare("sessions --json --library " + lib_);
    auto before = bare("--library " + lib_ + " sessions --json");
    ASSERT_EQ(after.code, 0) << after.err;
    ASSERT_EQ(before.code, 0) << before.err;
    EXPECT_EQ(before.out, after.out);
    EXPECT_EQ(nlohmann::json::parse(before.out)["sessions"][0]["title"], "締結");
    auto verbBefore = bare("--library " + lib_ + " markers 締結 add --in 1 --out 2 --title 前");
    EXPECT_EQ(verbBefore.code, 0) << verbBefore.err;
    auto verbAfter = bare("markers 締結 add --library " + lib_ + " --in 3 --out 4 --title 後");
    EXPECT_EQ(verbAfter.code, 0) << verbAfter.err;
    EXPECT_EQ(markers().size(), 2u);
}

TEST_F(CommandLine, TheLibraryDefaultsToKotsuLibraryFromTheEnvironment) {
    ::setenv("KOTSU_LIBRARY", (dir_->path() / "lib").c_str(), 1);
    auto r = bare("sessions");
    ::unsetenv("KOTSU_LIBRARY");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("締結"), std::string::npos) << r.out;
}

TEST_F(CommandLine, AValueOptionNeverTakesAFollowingOptionAsItsValue) {
    auto r = cli("markers 締結 add --in 1 --out 2 --title --json");
    expectUsageError(r, "--title needs a value", "kotsu markers SESSION add --help");
    expectUsageError(cli("ingest x.mp4 --session --worker 佐藤"), "--session needs a value", "kotsu ingest --help");
    // at the end of the line too
    expectUsageError(cli("markers 締結 add --in 1 --title"), "--title needs a value", "kotsu markers SESSION add --help");
    EXPECT_TRUE(markers().empty()) << "nothing was added";
}

TEST_F(CommandLine, MalformedNumbersAndTimesAreUsageErrors) {
    auto out = dir_->path() / "demo";
    expectUsageError(bare("demo --seconds 12abc --out '" + out.string() + "' --library " + lib_), "--seconds '12abc'",
                     "kotsu demo --help");
    EXPECT_FALSE(fs::exists(out));
    expectUsageError(cli("demo --size 640x36x"), "--size '640x36x'", "kotsu demo --help");
    expectUsageError(cli("markers 締結 add --in 12abc"), "--in '12abc' is not a time", "kotsu markers SESSION add --help");
    expectUsageError(cli("markers 締結 add --in 1 --out 2x"), "--out '2x' is not a time", "kotsu markers SESSION add --help");
    expectUsageError(cli("markers 締結 remove 3x"), "ID '3x' is not a whole number", "kotsu markers SESSION remove --help");
    expectUsageError(cli("suggest 締結 --min-spacing soon"), "--min-spacing 'soon'", "kotsu suggest --help");
    EXPECT_TRUE(markers().empty());
}

TEST_F(CommandLine, TimesAreSecondsOrHoursMinutesSeconds) {
    ASSERT_EQ(cli("markers 締結 add --in 1.5 --out 00:00:02.250 --title t").code, 0);
    auto m = markers();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0]["in_us"], 1'500'000);
    EXPECT_EQ(m[0]["out_us"], 2'250'000);
}

TEST_F(CommandLine, ExtraWordsAreRefused) {
    expectUsageError(cli("sessions 締結"), "unexpected argument '締結'", "kotsu sessions --help");
    expectUsageError(cli("show 締結 extra"), "unexpected argument 'extra'", "kotsu show --help");
    expectUsageError(cli("markers 締結 list extra"), "unexpected argument 'extra'", "kotsu markers SESSION list --help");
    // a command's name is an ordinary word once the command is chosen
    expectUsageError(cli("init sessions"), "unexpected argument 'sessions'", "kotsu init --help");
}

TEST_F(CommandLine, UnknownCommandsOptionsAndActionsAreUsageErrors) {
    expectUsageError(cli("frobnicate"), "unknown command 'frobnicate'", "kotsu --help");
    expectUsageError(cli("sessions --bogus"), "unknown option --bogus", "kotsu sessions --help");
    expectUsageError(cli("markers 締結"), "give an action: list, add, remove, set-angle, import or export", "kotsu markers --help");
    expectUsageError(cli("markers 締結 frob"), "unknown action 'frob'", "kotsu markers --help");
    expectUsageError(cli("show"), "SESSION is required", "kotsu show --help");
    expectUsageError(cli("markers 締結 export --format xml"), "unknown --format 'xml' (json or csv)",
                     "kotsu markers SESSION export --help");
}

// Options that may not be given together are declared (Command::exclusive): two of them are a usage
// error, found before anything runs, whichever order they come in.
TEST_F(CommandLine, ExclusiveOptionsTogetherAreUsageErrors) {
    expectUsageError(cli("followup --json --csv"), "not both", "kotsu followup --help");
    auto r = cli("followup --csv --json");
    expectUsageError(r, "not both", "kotsu followup --help");
    EXPECT_NE(r.err.find("--csv"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--json"), std::string::npos) << r.err;
    auto out = dir_->path() / "pkg";
    expectUsageError(cli("package 締結 --out '" + out.string() + "' --trainee T1 --trainees roster.csv"), "not both",
                     "kotsu package --help");
    EXPECT_FALSE(fs::exists(out));
    // Each alone is fine.
    EXPECT_EQ(cli("followup --json").code, 0);
    EXPECT_EQ(cli("followup --csv").code, 0);
    // Words a command checks itself are usage errors too.
    expectUsageError(cli("followup extra"), "unexpected argument 'extra'", "kotsu followup --help");
    expectUsageError(cli("followup note"), "give one TRAINEE", "kotsu followup --help");
    expectUsageError(cli("records 締結 --xapi x.json"), "--xapi goes with", "kotsu records --help");
    expectUsageError(cli("records import"), "give one or more FILEs", "kotsu records --help");
}

TEST_F(CommandLine, FailuresStayExitOneWithOneLine) {
    auto r = cli("show 存在しない");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("no such session"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(CommandLine, VersionIsTheProjectVersion) {
    std::ifstream in(fs::path(KOTSU_SOURCE_DIR) / "CMakeLists.txt");
    std::string cmake((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    ASSERT_TRUE(std::regex_search(cmake, m, std::regex(R"(project\(kotsu VERSION ([0-9.]+))")));
    auto r = bare("--version");
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, "kotsu " + m[1].str() + "\n");
}

TEST_F(CommandLine, HelpOnEveryCommandAndActionExitsZero) {
    for (std::string args : {"--help", "help", "init --help", "ingest --help", "sessions --help", "show --help",
                             "search --help", "transcode --help", "markers --help", "markers 締結 list --help",
                             "markers 締結 add --help", "markers 締結 remove --help", "markers 締結 import --help",
                             "markers 締結 export --help", "captions --help", "captions 締結 import --help",
                             "captions 締結 export --help", "captions 締結 list --help", "suggest --help",
                             "package --help", "verify --help", "demo --help"}) {
        auto r = cli(args);
        EXPECT_EQ(r.code, 0) << args << ": " << r.err;
        EXPECT_NE(r.out.find("--library"), std::string::npos) << args << ": " << r.out;
    }
    EXPECT_NE(cli("markers 締結 add --help").out.find("--title"), std::string::npos);
    auto none = bare("");
    EXPECT_EQ(none.code, 2) << "no command is a usage error";
    EXPECT_NE(none.out.find("markers"), std::string::npos) << "and lists the commands";
}

TEST_F(CommandLine, EveryListingCommandPrintsJson) {
    ASSERT_EQ(cli("markers 締結 add --in 1 --out 4 --title 仮締め").code, 0);
    auto vtt = dir_->path() / "ja.vtt";
    std::ofstream(vtt) << "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nカチッ\n";
    ASSERT_EQ(cli("captions 締結 import '" + vtt.string() + "' --lang ja").code, 0);
    struct Case {
        std::string args, key;
        size_t size;
    } cases[] = {
        {"sessions --json", "sessions", 1},
        {"show 締結 --json", "assets", 1},
        {"markers 締結 list --json", "markers", 1},
        {"captions 締結 list --lang ja --json", "cues", 1},
        {"search 仮締め --json", "hits", 1},
        {"suggest 締結 --detectors content --json", "suggestions", 0},
    };
    for (const auto& c : cases) {
        auto r = cli(c.args);
        ASSERT_EQ(r.code, 0) << c.args << ": " << r.err;
        nlohmann::json j;
        ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << c.args << ": " << r.out;
        ASSERT_TRUE(j.contains(c.key)) << c.args << ": " << r.out;
        EXPECT_GE(j[c.key].size(), c.size) << c.args;
    }
    auto cues = nlohmann::json::parse(cli("captions 締結 list --lang ja --json").out)["cues"];
    EXPECT_EQ(cues[0]["text"], "カチッ");
    EXPECT_EQ(cues[0]["start_us"], 1'000'000);
}
