// `kotsu ingest` as a crew would run it: the real binary, its exit status, its one-line messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/capture/capture_fixtures.hpp"

using kotsu::test::generated;
using kotsu::test::tinySpec;

namespace fs = std::filesystem;

namespace {

struct CliRun {
    int status = -1;
    std::string out;
    std::vector<std::string> errLines;
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

class IngestCli : public ::testing::Test {
protected:
    CliRun kotsu(const std::vector<std::string>& args) {
        std::string cmd = "timeout 120 " + quote(std::string(KOTSU_BINARY_DIR) + "/bin/kotsu");
        for (const auto& a : args) cmd += " " + quote(a);
        cmd += " --library " + quote(library().string()) + " 2>" + quote((dir_ / "stderr.txt").string());
        CliRun r;
        r.out = kotsu::test::run(cmd, &r.status);
        std::istringstream err(kotsu::test::readBytes(dir_ / "stderr.txt"));
        for (std::string line; std::getline(err, line);) r.errLines.push_back(line);
        return r;
    }
    CliRun ingest(const std::vector<std::string>& files, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"ingest"};
        args.insert(args.end(), files.begin(), files.end());
        args.insert(args.end(), {"--session", "Flange bolt tightening", "--worker", "佐藤", "--task",
                                 "Flange assembly", "--site", "Plant 2"});
        args.insert(args.end(), extra.begin(), extra.end());
        return kotsu(args);
    }
    fs::path library() const { return dir_ / "library"; }
    std::vector<std::string> media() const {
        std::vector<std::string> names;
        if (fs::exists(library() / "media"))
            for (const auto& e : fs::directory_iterator(library() / "media")) names.push_back(e.path().filename());
        return names;
    }
    void SetUp() override {
        if (!fs::exists(fs::path(KOTSU_BINARY_DIR) / "bin" / "kotsu")) GTEST_SKIP() << "the kotsu binary is not built";
    }

    kotsu::test::ScratchDir dir_{"ingest-cli"};
};

}  // namespace

TEST_F(IngestCli, CreatesTheLibraryAndIngests) {
    auto clip = kotsu::test::plainClip();
    auto r = ingest({clip.string()});
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("created library at " + library().string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ingested  " + clip.string()), std::string::npos) << r.out;
    EXPECT_TRUE(r.errLines.empty());
    EXPECT_EQ(media().size(), 1u);
    auto show = kotsu({"show", "Flange bolt tightening"});
    EXPECT_EQ(show.status, 0);
    EXPECT_NE(show.out.find("佐藤"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("plain.mp4"), std::string::npos) << show.out;
}

TEST_F(IngestCli, OneBadFileAmongGoodOnesFailsTheCommandButNotTheOthers) {
    auto spec = tinySpec(true, false);
    spec.rotation = 90;
    auto good1 = kotsu::test::plainClip().string();
    auto good2 = generated("rot90.mp4", spec).string();
    auto bad = (dir_ / "text.mp4").string();
    kotsu::test::writeBytes(bad, "not a video\n");
    auto r = ingest({good1, bad, good2});
    EXPECT_EQ(r.status, 1);
    ASSERT_EQ(r.errLines.size(), 1u) << r.out;
    EXPECT_EQ(r.errLines[0].rfind("kotsu: " + bad + ": not a media file", 0), 0u) << r.errLines[0];
    EXPECT_NE(r.out.find("ingested  " + good1), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ingested  " + good2), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("3 files: 2 ingested, 0 duplicate, 1 failed"), std::string::npos) << r.out;
    EXPECT_EQ(media().size(), 2u);
    auto sessions = kotsu({"sessions", "--json"});
    auto j = nlohmann::json::parse(sessions.out);
    ASSERT_EQ(j["sessions"].size(), 1u);
    EXPECT_EQ(j["sessions"][0]["assets"], 2);
}

TEST_F(IngestCli, ADuplicateIsNotAFailure) {
    auto clip = kotsu::test::plainClip().string();
    ASSERT_EQ(ingest({clip}).status, 0);
    auto r = ingest({clip});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("duplicate " + clip + ": already in the library as asset 1 of session 'Flange bolt tightening'"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(media().size(), 1u);
}

TEST_F(IngestCli, PrintsReportsAsJson) {
    auto clip = kotsu::test::plainClip().string();
    auto missing = (dir_ / "missing.mp4").string();
    auto r = ingest({clip, missing, clip}, {"--json"});
    EXPECT_EQ(r.status, 1);
    auto j = nlohmann::json::parse(r.out);  // stdout holds the JSON alone
    EXPECT_EQ(j["ingested"], 1);
    EXPECT_EQ(j["duplicates"], 1);
    EXPECT_EQ(j["failed"], 1);
    ASSERT_EQ(j["files"].size(), 3u);
    EXPECT_EQ(j["files"][0]["status"], "ingested");
    EXPECT_EQ(j["files"][0]["asset"]["probe"]["video"]["codec"], "h264");
    EXPECT_EQ(j["files"][1]["status"], "failed");
    EXPECT_EQ(j["files"][1]["error"], missing + ": no such file");
    EXPECT_EQ(j["files"][2]["status"], "duplicate");
    EXPECT_EQ(j["files"][2]["session"]["title"], "Flange bolt tightening");
}

TEST_F(IngestCli, SoundOnlyNeedsTheAudioRole) {
    auto spec = tinySpec(false, true);
    auto sound = generated("sound.m4a", spec).string();
    auto r = ingest({sound});
    EXPECT_EQ(r.status, 1);
    ASSERT_EQ(r.errLines.size(), 1u);
    EXPECT_NE(r.errLines[0].find("has no video stream"), std::string::npos) << r.errLines[0];
    EXPECT_NE(r.errLines[0].find("--role audio"), std::string::npos) << r.errLines[0];
    auto ok = ingest({sound}, {"--role", "audio"});
    EXPECT_EQ(ok.status, 0) << (ok.errLines.empty() ? "" : ok.errLines[0]);
    EXPECT_NE(ok.out.find("[audio]"), std::string::npos) << ok.out;
}

TEST_F(IngestCli, RefusesBadArguments) {
    auto clip = kotsu::test::plainClip().string();
    auto noSession = kotsu({"ingest", clip});
    EXPECT_NE(noSession.status, 0);
    ASSERT_FALSE(noSession.errLines.empty());
    EXPECT_NE(noSession.errLines[0].find("--session"), std::string::npos);
    auto badRole = ingest({clip}, {"--role", "drone"});
    EXPECT_NE(badRole.status, 0);
    ASSERT_FALSE(badRole.errLines.empty());
    EXPECT_NE(badRole.errLines[0].find("main, handcam, overview or audio"), std::string::npos);
    auto noFiles = kotsu({"ingest", "--session", "X"});
    EXPECT_NE(noFiles.status, 0);
    EXPECT_TRUE(media().empty());
}

// Every kind of bad input: one line "kotsu: <file>: <problem>", exit 1, no crash, nothing left.
TEST_F(IngestCli, EachBadInputGetsOneLineAndLeavesNoTrace) {
    auto whole = kotsu::test::plainClip();
    ASSERT_EQ(ingest({whole.string()}).status, 0);
    kotsu::test::writeBytes(dir_ / "zero.mp4", "");
    fs::create_directories(dir_ / "folder.mp4");
    std::vector<fs::path> bad{dir_ / "zero.mp4",
                              dir_ / "missing.mp4",
                              dir_ / "folder.mp4",
                              kotsu::test::cutShort(whole, "half.mp4", 0.5),
                              kotsu::test::cutShort(kotsu::test::moovFirst(whole, "fs.mp4"), "fs-half.mp4", 0.5),
                              kotsu::test::undecodableAvs2()};
    for (const char* shared : {"BROKEN__videl__empty.mp4", "BROKEN__axm__sample_malformed_free_box.mp4",
                               "BROKEN__webm__fixed_lacing_bad_lace_size.mkv", "axm__bbb_1ch_8kHz_aac_lc.m4a"})
        if (auto p = kotsu::test::sharedMedia(shared)) bad.push_back(*p);
    for (const auto& f : bad) {
        auto r = ingest({f.string()});
        EXPECT_EQ(r.status, 1) << f;  // 1, not a signal (-1) or timeout's 124
        ASSERT_EQ(r.errLines.size(), 1u) << f;
        EXPECT_EQ(r.errLines[0].rfind("kotsu: " + f.string() + ": ", 0), 0u) << r.errLines[0];
        EXPECT_EQ(media().size(), 1u) << f;
    }
    auto sessions = nlohmann::json::parse(kotsu({"sessions", "--json"}).out);
    ASSERT_EQ(sessions["sessions"].size(), 1u);
    EXPECT_EQ(sessions["sessions"][0]["assets"], 1);
}
