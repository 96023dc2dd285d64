// `kotsu markers SESSION set-angle ID ANGLE`: a step's package clip from another camera of the
// session; `list --json` and export/import carry it; an angle the session lacks is one line, exit 1.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_support.hpp"
#include "tests/support/two_cameras.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

class AnglesCli : public ::testing::Test {
protected:
    void SetUp() override {
        test::makeTwoCameras(cams_, "angles-cli");
        if (HasFatalFailure()) return;
        lib_ = " --library '" + cams_.lib.root.string() + "'";
        auto r = cli("markers 二台のカメラ add --kind step --in 1.5 --out 2.5 --title 本締め");
        ASSERT_EQ(r.code, 0) << r.err;
        r = cli("markers 二台のカメラ add --kind knack --in 1.6 --out 2 --title 音");
        ASSERT_EQ(r.code, 0) << r.err;
        auto ms = nlohmann::json::parse(cli("markers 二台のカメラ list --json").out)["markers"];
        stepId_ = ms[0]["id"].get<long long>();
        knackId_ = ms[1]["id"].get<long long>();
    }
    test::CliRun cli(const std::string& args) { return test::kotsuCli(args + lib_, cams_.dir->path()); }
    nlohmann::json listed() { return nlohmann::json::parse(cli("markers 二台のカメラ list --json").out)["markers"]; }

    test::TwoCameras cams_;
    std::string lib_;
    long long stepId_ = 0, knackId_ = 0;
};

}  // namespace

TEST_F(AnglesCli, SetAngleIsListedExportedAndImported) {
    EXPECT_EQ(listed()[0]["angle"], "main");
    auto r = cli("markers 二台のカメラ set-angle " + std::to_string(stepId_) + " handcam");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("handcam"), std::string::npos) << r.out;
    EXPECT_EQ(listed()[0]["angle"], "handcam");
    EXPECT_EQ(listed()[1]["angle"], "main");
    EXPECT_NE(cli("markers 二台のカメラ list").out.find("[handcam]"), std::string::npos);

    const auto file = cams_.dir->path() / "markers.json";
    r = cli("markers 二台のカメラ export --to '" + file.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream in(file);
    auto exported = nlohmann::json::parse(in);
    EXPECT_EQ(exported["markers"][0]["angle"], "handcam");
    EXPECT_FALSE(exported["markers"][1].contains("angle")) << "the main is the default, left out";
    r = cli("markers 二台のカメラ import '" + file.string() + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(listed()[0]["angle"], "handcam") << "the round trip keeps it";

    r = cli("markers 二台のカメラ set-angle " + std::to_string(listed()[0]["id"].get<long long>()) + " main");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(listed()[0]["angle"], "main");
}

TEST_F(AnglesCli, AnAngleTheSessionLacksIsOneLineAndExit1) {
    auto r = cli("markers 二台のカメラ set-angle " + std::to_string(stepId_) + " overview");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "kotsu: marker " + std::to_string(stepId_) +
                         ": the session has no 'overview' angle (its angles: main, handcam)\n");
    EXPECT_EQ(listed()[0]["angle"], "main") << "nothing changed";

    r = cli("markers 二台のカメラ set-angle " + std::to_string(knackId_) + " handcam");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("only a step chooses an angle"), std::string::npos) << r.err;

    r = cli("markers 二台のカメラ set-angle 99999 handcam");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("marker 99999"), std::string::npos) << r.err;

    r = cli("markers 二台のカメラ set-angle x1 handcam");
    EXPECT_EQ(r.code, 2) << "not a number: a usage error";
    r = cli("markers 二台のカメラ set-angle " + std::to_string(stepId_));
    EXPECT_EQ(r.code, 2) << "no angle: a usage error";

    // An imported file naming an angle the session lacks: refused naming the file and entry.
    const auto file = cams_.dir->path() / "bad.json";
    std::ofstream(file) << R"({"markers": [{"kind": "step", "in": 1, "out": 2, "title": "a", "angle": "overview"}]})";
    r = cli("markers 二台のカメラ import '" + file.string() + "'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("markers[0]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no 'overview' angle"), std::string::npos) << r.err;
    EXPECT_EQ(listed().size(), 2u) << "nothing imported";
}
