// `kotsu story` from the command line: new prints the id, show --json lists the items in order with
// microsecond times and the total, bad input exits 1 or 2 with one line naming the item.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demo/synth.hpp"
#include "tests/cli/cli_support.hpp"

using namespace kotsu;

class StoryCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::make_unique<test::ScratchDir>("story-cli");
        lib_ = " --library '" + (dir_->path() / "lib").string() + "'";
        demo::SynthSpec spec;
        spec.video = "testsrc2=size=320x240:rate=30";
        spec.audio = "sine=frequency=300:sample_rate=48000";
        spec.duration = 10'000'000;
        ASSERT_TRUE(demo::synthesize(spec, dir_->path() / "take.mp4").ok());
        auto r = cli("ingest '" + (dir_->path() / "take.mp4").string() + "' --session 'フランジ締結'");
        ASSERT_EQ(r.code, 0) << r.err;
    }
    test::CliRun cli(const std::string& args) { return test::kotsuCli(args + lib_, dir_->path()); }
    std::unique_ptr<test::ScratchDir> dir_;
    std::string lib_;
};

TEST_F(StoryCli, NewAddShowJsonAndBadInput) {
    auto created = cli("story new '熟練の技 — フランジ締結' --size 640x360");
    ASSERT_EQ(created.code, 0) << created.err;
    EXPECT_EQ(created.out, "1\n") << "new prints the id";
    ASSERT_EQ(cli("story 1 add フランジ締結 --in 1 --out 3.5 --beat veteran").code, 0);
    ASSERT_EQ(cli("story '熟練の技 — フランジ締結' title --text 'コツとは' --seconds 2 --at 1").code, 0);
    auto show = cli("story 1 show --json");
    ASSERT_EQ(show.code, 0) << show.err;
    auto j = nlohmann::json::parse(show.out);
    ASSERT_EQ(j["items"].size(), 2u);
    EXPECT_EQ(j["items"][0]["kind"], "title");
    EXPECT_EQ(j["items"][1]["kind"], "clip");
    EXPECT_EQ(j["items"][1]["in_us"], 1'000'000);
    EXPECT_EQ(j["items"][1]["out_us"], 3'500'000);
    EXPECT_EQ(j["items"][1]["duration_us"], 2'500'000);
    EXPECT_EQ(j["items"][1]["session"], 1);
    EXPECT_EQ(j["total_us"], 4'500'000);
    auto list = cli("story list --json");
    ASSERT_EQ(list.code, 0);
    EXPECT_EQ(nlohmann::json::parse(list.out)[0]["title"], "熟練の技 — フランジ締結");

    auto outside = cli("story 1 add フランジ締結 --in 8 --out 12");
    EXPECT_EQ(outside.code, 1);
    EXPECT_NE(outside.err.find("outside the media"), std::string::npos) << outside.err;
    EXPECT_EQ(cli("story 1 add nosuch --in 1 --out 2").code, 1);
    EXPECT_EQ(cli("story 1 add フランジ締結 --marker 42").code, 1);
    EXPECT_EQ(cli("story 1 add フランジ締結 --in abc --out 2").code, 2);
    auto both = cli("story 1 add フランジ締結 --marker 42 --in 1 --out 2");  // a marker or a range, not both
    EXPECT_EQ(both.code, 2) << both.err;
    EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
    EXPECT_EQ(cli("story 1 add フランジ締結 --in 1").code, 2);
    EXPECT_EQ(cli("story 1 render --out x.mp4 --aspect 4:3").code, 2);
    EXPECT_EQ(cli("story 9 show").code, 1);
    auto empty = cli("story new 空 --template blank");
    ASSERT_EQ(empty.code, 0);
    auto refused = cli("story 空 export --format edl --out '" + (dir_->path() / "e.edl").string() + "'");
    EXPECT_EQ(refused.code, 1);
    EXPECT_NE(refused.err.find("is empty"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(dir_->path() / "e.edl"));
    auto unwritable = cli("story 1 export --format otio --out /nonexistent-dir/x.otio");
    EXPECT_EQ(unwritable.code, 1);
    auto after = nlohmann::json::parse(cli("story 1 show --json").out);
    EXPECT_EQ(after["items"].size(), 2u) << "nothing changed";
}
