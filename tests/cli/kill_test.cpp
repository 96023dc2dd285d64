// SIGKILL at random points of ingest, transcode, package and an edit: the catalog passes
// integrity_check, nothing already reported done is lost, nothing partial is under a final name, and
// running the command again works. The points are random but seeded (printed), so a failure repeats.
#include <csignal>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/cli/interrupt_fixture.hpp"

using namespace kotsu;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

class Kill : public test::Interrupted {
protected:
    // Kill points: `rounds` delays spread over [0, typical) milliseconds, from a seed shown on failure.
    std::vector<int> killPoints(int rounds, int typicalMs) {
        const unsigned seed = std::random_device{}();
        ::testing::Test::RecordProperty("seed", std::to_string(seed));
        std::printf("kill points seed %u\n", seed);
        std::mt19937 rng(seed);
        std::vector<int> at;
        for (int i = 0; i < rounds; ++i) {
            std::uniform_int_distribution<int> d(i * typicalMs / rounds, (i + 1) * typicalMs / rounds);
            at.push_back(d(rng));
        }
        return at;
    }
    // Runs `args` and SIGKILLs it after `ms` (unless it ended first); true when it was killed.
    bool killAfter(const std::vector<std::string>& args, int ms) {
        auto c = start(args);
        EXPECT_TRUE(c);
        if (!c) return false;
        if (c->wait(std::chrono::milliseconds(ms))) return false;
        c->signal(SIGKILL);
        c->wait(10s);
        return true;
    }
    // How long a command takes here, in ms (for the kill points).
    int timed(const std::vector<std::string>& args) {
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_EQ(cli(args), 0) << err();
        return static_cast<int>(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
};

std::string bytesOf(const fs::path& p) { return test::Interrupted::textOf(p); }

}  // namespace

TEST_F(Kill, IngestLosesNothingReportedAndLeavesNothingPartial) {
    std::vector<fs::path> takes;
    for (int i = 0; i < 3; ++i) {
        takes.push_back(dir_->path() / ("cam" + std::to_string(i) + ".mp4"));
        ASSERT_TRUE(synthesize(takes.back(), 6'000'000 + i * 1'000'000, "640x360").ok());
    }
    std::vector<std::string> args{"ingest"};
    for (const auto& t : takes) args.push_back(t.string());
    args.insert(args.end(), {"--session", "旋盤", "--worker", "田中"});
    // The typical time, measured on a library of its own.
    const auto mainLib = lib_;
    lib_ = dir_->path() / "timing";
    const int typical = timed(args);
    lib_ = mainLib;
    int killed = 0;
    for (int ms : killPoints(6, typical)) {
        SCOPED_TRACE("killed after " + std::to_string(ms) + " ms");
        killed += killAfter(args, ms);
        expectCatalogWhole();
        auto cat = catalog();
        auto session = cat.findSession("旋盤");
        ASSERT_TRUE(session.ok());
        std::vector<Asset> assets;
        if (session->has_value()) assets = *cat.assets((*session)->id);
        // Reported done ⇒ in the catalog, its bytes whole in media/.
        std::istringstream lines(out());
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("ingested")) continue;
            bool found = false;
            for (const auto& a : assets) found = found || line.find(a.originalName) != std::string::npos;
            EXPECT_TRUE(found) << "reported done but lost: " << line;
        }
        for (const auto& a : assets) {
            const auto stored = lib_ / a.path;
            ASSERT_TRUE(fs::exists(stored)) << a.path;
            EXPECT_EQ(bytesOf(stored), bytesOf(dir_->path() / a.originalName)) << a.path;
        }
        // Nothing partial under a final name: every visible file in media/ is a whole copy of a take.
        for (auto& e : fs::directory_iterator(lib_ / "media")) {
            if (e.path().filename().string().starts_with(".")) continue;
            bool whole = false;
            for (const auto& t : takes) whole = whole || bytesOf(e.path()) == bytesOf(t);
            whole = whole || bytesOf(e.path()) == bytesOf(take_);
            EXPECT_TRUE(whole) << "partial under a final name: " << e.path();
        }
    }
    // Running it again works and brings the library to the complete state; the killed runs'
    // temporaries are gone.
    EXPECT_EQ(cli(args), 0) << err();
    auto cat = catalog();
    EXPECT_EQ(cat.assets((*cat.findSession("旋盤"))->id)->size(), 3u);
    EXPECT_TRUE(temporaries(lib_ / "media").empty());
    std::printf("%d of 6 runs killed mid-way (typical run %d ms)\n", killed, typical);
}

TEST_F(Kill, TranscodeLeavesWholeRenditionsOnlyAndARerunWorks) {
    const std::vector<std::string> args{"transcode", "フランジ締結", "--profile", "proxy,tablet"};
    const int typical = 2500;  // a 20 s 320x240 take on a loaded 2-core machine; the last points may not kill
    for (int ms : killPoints(5, typical)) {
        SCOPED_TRACE("killed after " + std::to_string(ms) + " ms");
        killAfter(args, ms);
        expectCatalogWhole();
        auto cat = catalog();
        // A rendition row ⇒ a whole file (it plays to the end); a final name ⇒ a whole file.
        const auto renditions = cat.renditions(1);
        ASSERT_TRUE(renditions.ok());
        for (const auto& r : *renditions) {
            ASSERT_TRUE(fs::exists(lib_ / r.path)) << r.path;
            EXPECT_NEAR(test::probeDuration(lib_ / r.path), 20.0, 0.2) << r.path;
        }
        for (std::string p : {"proxy", "tablet"}) {
            const auto f = lib_ / "cache" / "1" / (p + ".mp4");
            if (fs::exists(f)) {
                EXPECT_NEAR(test::probeDuration(f), 20.0, 0.2) << "partial under a final name: " << f;
            }
        }
    }
    EXPECT_EQ(cli(args), 0) << err();
    EXPECT_EQ(catalog().renditions(1)->size(), 2u);
    for (const auto& t : temporaries(lib_)) ADD_FAILURE() << "not cleaned by the next run: " << t;
}

TEST_F(Kill, PackageIsWholeOrAbsentAndARerunWorks) {
    const auto out = dir_->path() / "pkg";
    const std::vector<std::string> args{"package", "フランジ締結", "--out", out.string(), "--profile", "tablet"};
    const int typical = 3000;
    for (int ms : killPoints(5, typical)) {
        SCOPED_TRACE("killed after " + std::to_string(ms) + " ms");
        killAfter(args, ms);
        expectCatalogWhole();
        if (fs::exists(out)) {
            EXPECT_EQ(cli({"verify", out.string()}), 0) << "partial package under the final name: " << this->out();
        }
    }
    EXPECT_EQ(cli(args), 0) << err();
    EXPECT_EQ(cli({"verify", out.string()}), 0) << this->out();
    for (const auto& t : temporaries(dir_->path())) ADD_FAILURE() << "not cleaned by the next run: " << t;
}

TEST_F(Kill, AnEditIsAllOrNothing) {
    // Two marker sets; each import replaces the whole set in one transaction.
    auto write = [&](const std::string& name, const std::string& title) {
        std::ofstream f(dir_->path() / name);
        f << "{\"markers\": [";
        for (int i = 0; i < 150; ++i)
            f << (i ? "," : "") << "{\"kind\": \"step\", \"in\": " << i * 0.1 << ", \"out\": " << i * 0.1 + 0.09
              << ", \"title\": \"" << title << " " << i << "\"}";
        f << "]}";
        return (dir_->path() / name).string();
    };
    const auto a = write("a.json", "仮締め"), b = write("b.json", "本締め");
    ASSERT_EQ(cli({"markers", "フランジ締結", "import", a}), 0) << err();
    const auto exported = dir_->path() / "export.json";
    for (int ms : killPoints(8, 300)) {
        SCOPED_TRACE("killed after " + std::to_string(ms) + " ms");
        killAfter({"markers", "フランジ締結", "import", ms % 2 ? a : b}, ms);
        expectCatalogWhole();
        auto cat = catalog();
        auto ms2 = *cat.markers((*cat.findSession("フランジ締結"))->id);
        ASSERT_EQ(ms2.size(), 150u) << "an import is all or nothing";
        const auto prefix = ms2.front().title.substr(0, ms2.front().title.find(' '));
        for (const auto& m : ms2) EXPECT_TRUE(m.title.starts_with(prefix)) << "a mix of two imports: " << m.title;
        // An export killed mid-way leaves the previous file or the new one, whole.
        killAfter({"markers", "フランジ締結", "export", "--to", exported.string()}, ms / 4);
        if (fs::exists(exported)) {
            EXPECT_TRUE(bytesOf(exported).ends_with("}\n") || bytesOf(exported).ends_with("}")) << "partial export";
        }
    }
    EXPECT_EQ(cli({"markers", "フランジ締結", "import", b}), 0) << err();
    EXPECT_EQ(catalog().markers(1)->front().title, "本締め 0");
}
