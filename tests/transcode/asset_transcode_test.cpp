// Library level: an asset's renditions in cache/<asset id>/ and in the catalog, and `kotsu transcode`.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "core/library.hpp"
#include "tests/support/test_support.hpp"
#include "tests/transcode/media_fixtures.hpp"
#include "transcode/asset_transcode.hpp"
#include "transcode/thumbnails.hpp"
#include "transcode/waveform.hpp"

namespace kotsu::transcode {
namespace {

namespace fs = std::filesystem;

// A library with one session ("lathe", Japanese) holding the main clip as an asset, and one step.
struct LibraryFixture {
    explicit LibraryFixture(const std::string& name) : dir(name) {
        auto l = Library::init(dir / "lib");
        EXPECT_TRUE(l.ok());
        lib = *l;
        auto c = lib.openCatalog();
        EXPECT_TRUE(c.ok());
        cat.emplace(std::move(c).value());
        Session s;
        s.title = "lathe";
        s.language = "ja";
        session = *cat->createSession(s);
        asset = addAsset("camera A.mp4", test::TranscodeMedia::get().clip("main"), "0001");
        Marker m;
        m.sessionId = session.id;
        m.kind = MarkerKind::Step;
        m.in = 800'000;
        m.out = 1'900'000;
        m.title = "chuck the work";
        EXPECT_TRUE(cat->addMarker(m).ok());
    }

    Asset addAsset(const std::string& name, const fs::path& src, const std::string& checksum) {
        fs::create_directories(lib.mediaDir());
        std::string rel = "media/" + checksum + ".mp4";
        fs::copy_file(src, lib.root / rel, fs::copy_options::overwrite_existing);
        Asset a;
        a.sessionId = session.id;
        a.originalName = name;
        a.path = rel;
        a.checksum = std::string(28, '0') + checksum;
        a.size = static_cast<std::int64_t>(fs::file_size(src));
        a.probe.duration = 3'000'000;
        a.probe.videoCodec = "h264";
        a.probe.audioCodec = "aac";
        auto added = cat->addAsset(a);
        EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().what());
        return added.ok() ? *added : a;
    }

    test::ScratchDir dir;
    Library lib;
    std::optional<catalog::Catalog> cat;
    Session session;
    Asset asset;
};

TEST(TranscodeAsset, RenditionsGoToTheAssetsCacheAndTheCatalog) {
    LibraryFixture f("tc-asset");
    auto rs = transcodeAsset(f.lib, *f.cat, f.asset, {"proxy", "tablet"});
    ASSERT_TRUE(rs.ok()) << rs.error().what();
    ASSERT_EQ(rs->size(), 2u);
    fs::path cache = f.lib.assetCacheDir(f.asset.id);
    EXPECT_EQ((*rs)[0].path, "cache/" + std::to_string(f.asset.id) + "/proxy.mp4");
    EXPECT_TRUE(fs::exists(cache / "proxy.mp4"));
    EXPECT_TRUE(fs::exists(cache / "tablet.mp4"));
    EXPECT_EQ(thumbnailPaths(thumbnailsDir(f.lib, f.asset.id)).size(), 3u);
    auto peaks = loadPeaks(peaksPath(f.lib, f.asset.id));
    ASSERT_TRUE(peaks.ok()) << peaks.error().what();
    EXPECT_GT(peaks->size(), 250u);

    auto stored = f.cat->renditions(f.asset.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 2u);
    for (const auto& r : *stored) {
        if (r.profile != "tablet") continue;
        EXPECT_EQ(r.width, 1280);
        EXPECT_EQ(r.height, 720);
        EXPECT_NEAR(static_cast<double>(r.duration), 3e6, 1e6 / 30);
        ASSERT_TRUE(r.voice.has_value());
        EXPECT_NEAR(r.voice->integrated, -16, 1.0);
        ASSERT_TRUE(r.workSound.has_value());
        EXPECT_NEAR(r.workSound->integrated, -16, 1.0);
    }
    // The step's in and out are keyframes of the tablet rendition (not needed in the proxy).
    auto keys = test::probeKeyframeTimes(cache / "tablet.mp4");
    auto has = [&](double t) { return std::any_of(keys.begin(), keys.end(), [&](double k) { return std::abs(k - t) < 0.002; }); };
    EXPECT_TRUE(has(0.8));
    EXPECT_TRUE(has(1.9));
    auto lang = test::run("ffprobe -v error -select_streams a:0 -show_entries stream_tags=language -of csv=p=0 '" +
                          (cache / "tablet.mp4").string() + "'");
    EXPECT_NE(lang.find("jpn"), std::string::npos) << "the session's language";

    // Again: the renditions are replaced, not added.
    auto again = transcodeAsset(f.lib, *f.cat, f.asset, {"proxy"});
    ASSERT_TRUE(again.ok()) << again.error().what();
    EXPECT_EQ(f.cat->renditions(f.asset.id)->size(), 2u);
}

TEST(TranscodeAsset, ABrokenOriginalIsAnErrorNamingTheFile) {
    LibraryFixture f("tc-asset-broken");
    std::ofstream(f.lib.root / f.asset.path, std::ios::trunc) << "not media";
    auto rs = transcodeAsset(f.lib, *f.cat, f.asset, {"proxy"});
    ASSERT_FALSE(rs.ok());
    EXPECT_NE(rs.error().what().find("camera A.mp4"), std::string::npos) << rs.error().what();
    EXPECT_LT(rs.error().code, 0) << "the AVERROR is kept";
    EXPECT_FALSE(fs::exists(f.lib.assetCacheDir(f.asset.id) / "proxy.mp4"));
    EXPECT_TRUE(f.cat->renditions(f.asset.id)->empty());
}

// ---- the command line ----

fs::path kotsuBinary() { return fs::path(KOTSU_BINARY_DIR) / "bin" / "kotsu"; }

TEST(TranscodeCli, TranscodesEveryAssetAndPrintsPathsAndLoudness) {
    if (!fs::exists(kotsuBinary())) GTEST_SKIP() << "the kotsu binary is not built";
    LibraryFixture f("tc-cli");
    int st = -1;
    auto out = test::run(kotsuBinary().string() + " transcode lathe --profile glasses --library '" +
                             f.lib.root.string() + "' 2>&1",
                         &st);
    EXPECT_EQ(st, 0) << out;
    EXPECT_NE(out.find("glasses.mp4"), std::string::npos) << out;
    EXPECT_NE(out.find("LUFS"), std::string::npos) << out;
    EXPECT_TRUE(fs::exists(f.lib.assetCacheDir(f.asset.id) / "glasses.mp4"));
    auto shown = test::run(kotsuBinary().string() + " show lathe --library '" + f.lib.root.string() + "'");
    EXPECT_NE(shown.find("glasses"), std::string::npos) << shown;

    out = test::run(kotsuBinary().string() + " transcode lathe --profile proxy,tablte --library '" +
                        f.lib.root.string() + "' 2>&1",
                    &st);
    EXPECT_NE(st, 0);
    EXPECT_NE(out.find("unknown profile 'tablte'"), std::string::npos) << out;

    std::ofstream(f.lib.root / f.asset.path, std::ios::trunc) << "not media";
    out = test::run(kotsuBinary().string() + " transcode lathe --profile proxy --library '" + f.lib.root.string() +
                        "' 2>&1 >/dev/null",
                    &st);
    EXPECT_EQ(st, 1);
    EXPECT_NE(out.find("camera A.mp4"), std::string::npos) << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "one line: " << out;
}

// Waits (up to 60 s) until the child PID has a hidden temporary in CACHE: true while it writes,
// false when it exited first (its status in *status).
bool waitUntilWriting(pid_t pid, const fs::path& cache, int* status) {
    for (int i = 0; i < 12000; ++i) {
        std::error_code ec;
        if (fs::exists(cache, ec))
            for (const auto& e : fs::directory_iterator(cache, ec))
                if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
        if (::waitpid(pid, status, WNOHANG) == pid) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

TEST(TranscodeCli, AnInterruptedRunLeavesNoRenditionAndARerunWorks) {
    if (!fs::exists(kotsuBinary())) GTEST_SKIP() << "the kotsu binary is not built";
    LibraryFixture f("tc-cli-kill");
    std::string lib = f.lib.root.string();
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::freopen("/dev/null", "w", stdout);
        ::execl(kotsuBinary().c_str(), "kotsu", "transcode", "lathe", "--library", lib.c_str(), nullptr);
        ::_exit(127);
    }
    // Interrupted once it writes (its handlers are installed by then; a fixed delay raced the
    // program's start on a loaded machine).
    fs::path cache = f.lib.assetCacheDir(f.asset.id);
    int status = 0;
    if (!waitUntilWriting(pid, cache, &status)) GTEST_SKIP() << "the run finished before the signal";
    ::kill(pid, SIGINT);
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 0) GTEST_SKIP() << "the run finished before the signal";
    EXPECT_EQ(WEXITSTATUS(status), 130);
    for (const char* name : {"proxy.mp4", "tablet.mp4", "glasses.mp4", "thumbs", "peaks.bin"})
        EXPECT_FALSE(fs::exists(cache / name)) << name;
    if (fs::exists(cache))
        for (const auto& e : fs::directory_iterator(cache)) ADD_FAILURE() << "left behind: " << e.path();
    EXPECT_TRUE(f.cat->renditions(f.asset.id)->empty());

    int st = -1;
    auto out = test::run(kotsuBinary().string() + " transcode lathe --profile proxy --library '" + lib + "' 2>&1", &st);
    EXPECT_EQ(st, 0) << out;
    EXPECT_TRUE(fs::exists(cache / "proxy.mp4"));
}

TEST(TranscodeCli, AKilledRunsTemporariesAreSweptByTheNextRun) {
    if (!fs::exists(kotsuBinary())) GTEST_SKIP() << "the kotsu binary is not built";
    LibraryFixture f("tc-cli-kill9");
    std::string lib = f.lib.root.string();
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::freopen("/dev/null", "w", stdout);
        ::execl(kotsuBinary().c_str(), "kotsu", "transcode", "lathe", "--profile", "tablet", "--library", lib.c_str(),
                nullptr);
        ::_exit(127);
    }
    // Killed while it writes: as soon as a hidden temporary shows in the cache (a fixed delay was
    // flaky — an idle machine finished the run before it).
    fs::path cache = f.lib.assetCacheDir(f.asset.id);
    int status = 0;
    if (!waitUntilWriting(pid, cache, &status)) GTEST_SKIP() << "the run finished before it could be killed";
    ::kill(pid, SIGKILL);  // no handler runs: the hidden temporaries stay behind
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "killed mid-run";
    EXPECT_FALSE(fs::exists(cache / "tablet.mp4")) << "never under its final name";
    int st = -1;
    auto out = test::run(kotsuBinary().string() + " transcode lathe --profile tablet --library '" + lib + "' 2>&1", &st);
    EXPECT_EQ(st, 0) << out;
    EXPECT_TRUE(fs::exists(cache / "tablet.mp4"));
    for (const auto& e : fs::directory_iterator(cache))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << "left behind: " << e.path();
}

}  // namespace
}  // namespace kotsu::transcode
