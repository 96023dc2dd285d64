// SIGTERM / Ctrl-C end a command within a second, cleanly: partial outputs removed, the catalog
// consistent, exit 128+N; a second Ctrl-C exits at once with 130; running the command again works.
#include <csignal>
#include <fstream>

#include "tests/cli/interrupt_fixture.hpp"

using namespace kotsu;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

using Signals = test::Interrupted;

// Starts `args`, waits until `started` (the work is under way), sends `sig` and returns how long the
// command took to end and its exit code.
std::pair<double, int> interrupt(test::ChildProcess& c, int sig, const std::function<bool()>& started) {
    EXPECT_TRUE(test::waitUntil([&] { return started() || !c.running(); }, 60s)) << "the work never started";
    EXPECT_TRUE(c.running()) << "finished before it could be interrupted";
    const auto t0 = std::chrono::steady_clock::now();
    c.signal(sig);
    auto code = c.wait(10s);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(code.has_value()) << "still running 10 s after the signal";
    return {seconds, code.value_or(-1)};
}

bool anyTemporary(const fs::path& dir) { return !test::Interrupted::temporaries(dir).empty(); }

}  // namespace

TEST_F(Signals, SigtermEndsATranscodeWithinASecondAndLeavesNoRendition) {
    auto c = start({"transcode", "フランジ締結", "--profile", "proxy,tablet,glasses"});
    ASSERT_TRUE(c);
    auto [seconds, code] = interrupt(*c, SIGTERM, [&] { return anyTemporary(lib_ / "cache"); });
    EXPECT_EQ(code, 128 + SIGTERM) << err();
    EXPECT_LT(seconds, 1.0) << "SIGTERM took " << seconds << " s";
    EXPECT_NE(err().find("cancelled"), std::string::npos) << err();
    for (const auto& t : temporaries(lib_)) ADD_FAILURE() << "partial output left: " << t;
    for (std::string p : {"proxy", "tablet", "glasses"})
        EXPECT_FALSE(fs::exists(lib_ / "cache" / "1" / (p + ".mp4"))) << p;
    expectCatalogWhole();
    EXPECT_TRUE(catalog().renditions(1)->empty());
    EXPECT_EQ(cli({"transcode", "フランジ締結", "--profile", "proxy"}), 0) << err();
    EXPECT_TRUE(fs::exists(lib_ / "cache" / "1" / "proxy.mp4"));
}

TEST_F(Signals, CtrlCEndsAPackageWithinASecondAndNoFolderAppears) {
    const auto out = dir_->path() / "pkg";
    auto c = start({"package", "フランジ締結", "--out", out.string()});
    ASSERT_TRUE(c);
    auto [seconds, code] = interrupt(*c, SIGINT, [&] { return anyTemporary(dir_->path()); });
    EXPECT_EQ(code, 130) << err();
    EXPECT_LT(seconds, 1.0) << "Ctrl-C took " << seconds << " s";
    EXPECT_FALSE(fs::exists(out));
    for (const auto& t : temporaries(dir_->path())) ADD_FAILURE() << "partial output left: " << t;
    expectCatalogWhole();
    EXPECT_EQ(cli({"package", "フランジ締結", "--out", out.string()}), 0) << err();
    EXPECT_EQ(cli({"verify", out.string()}), 0) << err() << this->out();
}

TEST_F(Signals, ASecondCtrlCExitsAtOnce) {
    auto c = start({"transcode", "フランジ締結", "--profile", "tablet"});
    ASSERT_TRUE(c);
    ASSERT_TRUE(test::waitUntil([&] { return anyTemporary(lib_ / "cache") || !c->running(); }, 60s));
    c->signal(SIGINT);
    c->signal(SIGINT);
    auto code = c->wait(2s);
    ASSERT_TRUE(code.has_value()) << "a second Ctrl-C must end kotsu at once";
    EXPECT_EQ(*code, 130);
    expectCatalogWhole();
    // What the hard exit left (a temporary of a dead process) is cleaned by the next run.
    EXPECT_EQ(cli({"transcode", "フランジ締結", "--profile", "tablet"}), 0) << err();
    for (const auto& t : temporaries(lib_)) ADD_FAILURE() << "not cleaned by the next run: " << t;
}

TEST_F(Signals, VerifyEndsOnSigtermEvenOnAnEndlessFile) {
    const auto out = dir_->path() / "pkg";
    ASSERT_EQ(cli({"package", "フランジ締結", "--out", out.string()}), 0) << err();
    // A hostile package: a listed clip that never ends.
    fs::path clip;
    for (auto& e : fs::recursive_directory_iterator(out))
        if (e.path().extension() == ".mp4") clip = e.path();
    ASSERT_FALSE(clip.empty());
    fs::remove(clip);
    fs::create_symlink("/dev/zero", clip);
    auto c = start({"verify", out.string()});
    ASSERT_TRUE(c);
    std::this_thread::sleep_for(300ms);
    if (!c->running()) GTEST_SUCCEED() << "verify refused the symlink outright";
    else {
        const auto t0 = std::chrono::steady_clock::now();
        c->signal(SIGTERM);
        auto code = c->wait(5s);
        ASSERT_TRUE(code.has_value()) << "verify ignores SIGTERM";
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 1.0);
        EXPECT_NE(*code, 0);
    }
}

TEST_F(Signals, SigtermEndsTheEditorWithinASecond) {
    const auto editor = test::annotateBinary();
    if (editor.empty()) GTEST_SKIP() << "kotsu-annotate is not built";
    std::vector<std::string> env{"SDL_AUDIODRIVER=dummy"};
    if (!std::getenv("DISPLAY")) env.push_back("SDL_VIDEODRIVER=offscreen");
    auto c = test::ChildProcess::start({editor.string(), "--library", lib_.string(), "フランジ締結", "--no-audio"},
                                       dir_->path() / "out.txt", dir_->path() / "err.txt", env);
    ASSERT_TRUE(c);
    // Running: its proxy job has started (a temporary in the asset's cache folder) or is done.
    ASSERT_TRUE(test::waitUntil(
        [&] { return anyTemporary(lib_ / "cache") || fs::exists(lib_ / "cache" / "1" / "proxy.mp4") || !c->running(); },
        60s));
    ASSERT_TRUE(c->running()) << err();
    const auto t0 = std::chrono::steady_clock::now();
    c->signal(SIGTERM);
    auto code = c->wait(5s);
    ASSERT_TRUE(code.has_value()) << "the editor ignores SIGTERM";
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 1.0) << "SIGTERM took " << seconds << " s";
    EXPECT_EQ(*code, 128 + SIGTERM) << err();
    for (const auto& t : temporaries(lib_)) ADD_FAILURE() << "the proxy job left: " << t;
    expectCatalogWhole();
}
