// An output that fails mid-run (its disk fills up) ends the whole transcode promptly with that
// output's error — no thread waits for an end marker — and nothing is left under a final name or as
// a temporary. Needs a small tmpfs (root); skips elsewhere.
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "tests/support/small_disk.hpp"
#include "tests/support/test_support.hpp"
#include "tests/transcode/media_fixtures.hpp"
#include "transcode/transcoder.hpp"

extern "C" {
#include <libavutil/error.h>
}

namespace kotsu::transcode {
namespace {

namespace fs = std::filesystem;

OutputSpec specFor(const std::string& profile, const fs::path& path) {
    OutputSpec o;
    o.profile = *findProfile(profile);
    o.path = path;
    return o;
}

size_t entries(const fs::path& dir) {
    size_t n = 0;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().filename() == "filler.bin") continue;
        ADD_FAILURE() << "left behind: " << e.path();
        ++n;
    }
    return n;
}

void expectFailsPromptly(const fs::path& scratch, const std::string& fullProfile, bool withThumbnails,
                         size_t diskBytes = 192 * 1024) {
    std::string why;
    auto disk = test::SmallDisk::mount(scratch / "small", diskBytes, &why);
    if (!disk) GTEST_SKIP() << why;
    fs::create_directories(scratch / "out");
    const auto src = test::TranscodeMedia::get().clip("long").string();
    std::vector<OutputSpec> specs;
    for (std::string p : {"proxy", "tablet"})
        specs.push_back(specFor(p, (p == fullProfile ? disk->path() : scratch / "out") / (p + ".mp4")));
    TranscodeOptions o;
    o.cancel = CancelToken::detached();
    if (withThumbnails) o.thumbnailsDir = scratch / "out" / "thumbs";
    const auto t0 = std::chrono::steady_clock::now();
    auto run = std::async(std::launch::async, [&] { return transcode(src, specs, o); });
    if (run.wait_for(std::chrono::seconds(90)) != std::future_status::ready) {
        std::fprintf(stderr, "the transcode hangs after an output failed\n");
        std::abort();  // a hung thread cannot be joined: end the test process loudly
    }
    auto r = run.get();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_FALSE(r.ok()) << "the " << fullProfile << " output's disk is full";
    EXPECT_NE(r.error().code, AVERROR_EXIT) << "the failing output's own error, not 'cancelled': " << r.error().what();
    EXPECT_NE(r.error().what().find(fullProfile), std::string::npos) << "names the file: " << r.error().what();
    EXPECT_NE(r.error().what().find("No space"), std::string::npos) << r.error().what();
    EXPECT_LT(seconds, 60.0);
    EXPECT_EQ(entries(scratch / "out"), 0u);
    EXPECT_EQ(entries(disk->path()), 0u);
}

TEST(TranscodeOutputFailure, AFullDiskUnderOneRenditionEndsTheWholeRunWithItsError) {
    test::ScratchDir dir("tc-fail-tablet");
    expectFailsPromptly(dir.path(), "tablet", true);
}

TEST(TranscodeOutputFailure, AFullDiskUnderTheProxyEndsTheRunToo) {
    test::ScratchDir dir("tc-fail-proxy");
    expectFailsPromptly(dir.path(), "proxy", false);
}

// The disk is full only at the very end (the moov, the faststart move): every producer has already
// sent its end marker, so the other outputs would wait for the failed one's forever.
TEST(TranscodeOutputFailure, AFullDiskAtTheVeryEndEndsTheRunToo) {
    test::ScratchDir dir("tc-fail-end");
    const auto src = test::TranscodeMedia::get().clip("long").string();
    TranscodeOptions o;
    o.cancel = CancelToken::detached();
    auto whole = transcode(src, {specFor("proxy", dir / "ref-proxy.mp4"), specFor("tablet", dir / "ref-tablet.mp4")}, o);
    ASSERT_TRUE(whole.ok()) << whole.error().what();
    const auto size = fs::file_size(dir / "ref-tablet.mp4");
    fs::remove(dir / "ref-proxy.mp4");
    fs::remove(dir / "ref-tablet.mp4");
    expectFailsPromptly(dir.path(), "tablet", true, (size - 4096) / 4096 * 4096);
}

}  // namespace
}  // namespace kotsu::transcode
