// `kotsu package` and `kotsu demo` with --out naming a folder the user already has: refused at once,
// in one line, exit 1, the folder untouched.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "core/files.hpp"
#include "demo/synth.hpp"
#include "tests/cli/cli_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

class PackageCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::make_unique<test::ScratchDir>("package-cli");
        lib_ = " --library '" + (dir_->path() / "lib").string() + "'";
        demo::SynthSpec spec;
        spec.video = "testsrc2=size=320x240:rate=30";
        spec.audio = "sine=frequency=300:sample_rate=48000";
        spec.duration = 14'000'000;
        ASSERT_TRUE(demo::synthesize(spec, dir_->path() / "take.mp4").ok());
        auto r = cli("ingest '" + (dir_->path() / "take.mp4").string() + "' --session 'フランジ締結' --worker 佐藤");
        ASSERT_EQ(r.code, 0) << r.err;
        r = cli("markers フランジ締結 add --kind step --in 1 --out 6 --title 仮締め");
        ASSERT_EQ(r.code, 0) << r.err;
        fs::create_directories(dir_->path() / "Desktop");
        std::ofstream(dir_->path() / "Desktop" / "見積書.txt") << "大事";
    }
    test::CliRun cli(const std::string& args) { return test::kotsuCli(args + lib_, dir_->path()); }
    void expectDesktopUntouched() {
        EXPECT_EQ(readFile(dir_->path() / "Desktop" / "見積書.txt").value(), "大事");
        int n = 0;
        for ([[maybe_unused]] auto& e : fs::directory_iterator(dir_->path() / "Desktop")) ++n;
        EXPECT_EQ(n, 1);
    }

    std::unique_ptr<test::ScratchDir> dir_;
    std::string lib_;
};

}  // namespace

TEST_F(PackageCli, AnExistingFolderThatIsNotAPackageIsRefusedAtOnceAndKept) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = cli("package フランジ締結 --out '" + (dir_->path() / "Desktop").string() + "/'");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3)) << "no encode before the refusal";
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("Desktop"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not a kotsu package"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    expectDesktopUntouched();
}

TEST_F(PackageCli, DotAndParentAndTheLibraryAreRefused) {
    const auto here = "cd '" + dir_->path().string() + "' && " + std::string(KOTSU_BINARY_DIR) + "/bin/kotsu";
    for (const char* out : {".", "./", "..", "/", "lib", "lib/media", "lib/cache/"}) {
        int code = 0;
        auto err = test::run(here + " package フランジ締結 --out '" + out + "'" + lib_ + " 2>&1 >/dev/null", &code);
        EXPECT_NE(code, 0) << out;
        EXPECT_NE(err.find("name a new folder"), std::string::npos) << out << ": " << err;
    }
    EXPECT_TRUE(fs::exists(dir_->path() / "lib" / "catalog.db"));
    EXPECT_TRUE(fs::exists(dir_->path() / "take.mp4"));
}

TEST_F(PackageCli, DemoRefusesAnExistingFolderBeforeMakingFootage) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = cli("demo --out '" + (dir_->path() / "Desktop").string() + "' --seconds 12 --size 320x180 --no-proxy");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(3));
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("not a kotsu package"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_->path() / "lib" / "cache" / "demo")) << "no footage made";
    expectDesktopUntouched();
}

TEST_F(PackageCli, ARelativeFolderWithATrailingSlashAndZip) {
    const auto here = "cd '" + dir_->path().string() + "' && " + std::string(KOTSU_BINARY_DIR) + "/bin/kotsu";
    int code = 0;
    auto out = test::run(here + " package フランジ締結 --out pkg/ --zip --profile tablet" + lib_ + " 2>&1", &code);
    ASSERT_EQ(code, 0) << out;
    EXPECT_TRUE(fs::is_regular_file(dir_->path() / "pkg" / "manifest.json"));
    EXPECT_TRUE(fs::is_regular_file(dir_->path() / "pkg.zip"));
    EXPECT_FALSE(fs::exists(dir_->path() / "pkg" / ".zip"));
    EXPECT_NE(out.find("zip:    " + fs::weakly_canonical(dir_->path()).string() + "/pkg.zip"), std::string::npos) << out;
    auto verified = test::run(here + " verify pkg.zip" + lib_ + " 2>&1", &code);
    EXPECT_EQ(code, 0) << verified;
    EXPECT_NE(verified.find("ok: "), std::string::npos) << verified;
    {
        std::ofstream(dir_->path() / "pkg" / "index.html", std::ios::app) << "tampered";
    }
    verified = test::run(here + " verify pkg" + lib_ + " 2>&1", &code);
    EXPECT_EQ(code, 1) << verified;
    EXPECT_NE(verified.find("pkg/index.html: size"), std::string::npos) << verified;
    auto again = test::run(here + " package フランジ締結 --out ./pkg --profile tablet" + lib_ + " 2>&1", &code);
    EXPECT_EQ(code, 0) << again << " (an earlier package is replaced)";
}
