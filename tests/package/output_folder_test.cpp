// Where a package may go: a folder holding anything but an earlier package is refused before any work and
// left as it was; trailing slashes and relative paths work; the zip sits beside the folder; what a killed
// run left beside the folder is cleaned; the editor's default folder is a safe name under packages/.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

#include "core/files.hpp"
#include "player/package/output_folder.hpp"
#include "player/package/package.hpp"
#include "tests/package/package_fixture.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

// Changes the current folder for one test and back.
struct InFolder {
    fs::path was = fs::current_path();
    explicit InFolder(const fs::path& p) { fs::current_path(p); }
    ~InFolder() { fs::current_path(was); }
};

// A pid that no process has: a child that has exited and been reaped.
pid_t deadPid() {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

bool refused(const Library& lib, const fs::path& out) { return !package::resolveOutputFolder(lib, out).ok(); }

}  // namespace

TEST(OutputFolder, AFolderWithAUsersFileIsRefusedBeforeAnyWorkAndTheFileIsStillThere) {
    test::PackagedSession s("outfolder-user");
    fs::create_directories(s.dir / "Desktop");
    std::ofstream(s.dir / "Desktop" / "見積書.txt") << "大事";
    package::PackageOptions opt;
    opt.out = s.dir / "Desktop";
    const auto t0 = std::chrono::steady_clock::now();
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    const auto took = std::chrono::steady_clock::now() - t0;
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("Desktop"), std::string::npos) << r.error().what();
    EXPECT_NE(r.error().what().find("not a kotsu package"), std::string::npos) << r.error().what();
    EXPECT_EQ(r.error().what().find('\n'), std::string::npos) << "one line";
    EXPECT_LT(took, std::chrono::seconds(2)) << "refused before the transcode";
    EXPECT_EQ(readFile(s.dir / "Desktop" / "見積書.txt").value(), "大事");
    for (auto& e : fs::directory_iterator(s.dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".Desktop"), std::string::npos) << "no temporary: " << e.path();
}

TEST(OutputFolder, RootCurrentParentHomeAndTheLibrarysOwnFoldersAreRefused) {
    test::ScratchDir dir("outfolder-refused");
    Library lib{dir / "library"};
    fs::create_directories(lib.mediaDir());
    fs::create_directories(dir / "work" / "here");
    InFolder in(dir / "work" / "here");
    EXPECT_TRUE(refused(lib, "/"));
    EXPECT_TRUE(refused(lib, "."));
    EXPECT_TRUE(refused(lib, "./"));
    EXPECT_TRUE(refused(lib, ".."));
    EXPECT_TRUE(refused(lib, lib.root));
    EXPECT_TRUE(refused(lib, lib.root.string() + "/"));
    EXPECT_TRUE(refused(lib, lib.mediaDir()));
    EXPECT_TRUE(refused(lib, lib.cacheDir()));
    EXPECT_TRUE(refused(lib, lib.cacheDir() / "3" / "pkg"));
    EXPECT_TRUE(refused(lib, lib.root / "media" / ".." / "media"));
    EXPECT_TRUE(refused(lib, dir.path())) << "holds the library";
    const char* home = std::getenv("HOME");
    const std::string savedHome = home ? home : "";
    ::setenv("HOME", (dir / "home").c_str(), 1);
    fs::create_directories(dir / "home");
    EXPECT_TRUE(refused(lib, dir / "home"));
    EXPECT_TRUE(refused(lib, dir / "home" / "."));
    EXPECT_FALSE(refused(lib, dir / "home" / "pkg")) << "a new folder in the home folder is fine";
    ::setenv("HOME", savedHome.c_str(), 1);
    std::ofstream(dir / "a-file") << "x";
    EXPECT_TRUE(refused(lib, dir / "a-file"));
    fs::create_directories(dir / "empty");
    EXPECT_FALSE(refused(lib, dir / "empty")) << "an empty folder holds nothing to lose";
    EXPECT_FALSE(refused(lib, lib.root / "packages" / "pkg"));
}

TEST(OutputFolder, TrailingSlashDotSlashAndRelativePathsNameTheSameFolder) {
    test::ScratchDir dir("outfolder-relative");
    Library lib{dir / "library"};
    fs::create_directories(dir / "sub");
    const auto want = fs::weakly_canonical(dir.path()) / "pkg";
    InFolder in(dir.path());
    for (const char* out : {"pkg", "pkg/", "pkg//", "./pkg", "./pkg/", "sub/../pkg"}) {
        auto r = package::resolveOutputFolder(lib, out);
        ASSERT_TRUE(r.ok()) << out << ": " << r.error().what();
        EXPECT_EQ(*r, want) << out;
    }
}

TEST(OutputFolder, TrailingSlashWithZipPutsTheZipBesideAndAKilledRunsLeftoversAreCleaned) {
    test::PackagedSession s("outfolder-zip");
    const auto dead = std::to_string(deadPid());
    const auto live = std::to_string(::getppid());
    fs::create_directories(s.dir / ("out/.pkg.tmp-" + dead + "-0") / "work");
    std::ofstream(s.dir / ("out/.pkg.tmp-" + dead + "-0") / "work" / "tablet.mp4") << "half";
    fs::create_directories(s.dir / ("out/.pkg.old-" + dead));
    std::ofstream(s.dir / ("out/.pkg.tmp-" + dead + "-1.zip")) << "half";
    fs::create_directories(s.dir / ("out/.pkg.tmp-" + live + "-0"));  // a run still going: kept
    std::ofstream(s.dir / "out" / ".pkgnotes") << "not ours";

    package::PackageOptions opt;
    opt.out = (s.dir / "out").string() + "/pkg/";
    opt.profiles = {"tablet"};
    opt.zip = true;
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->folder, fs::weakly_canonical(s.dir / "out" / "pkg"));
    EXPECT_TRUE(package::isKotsuPackage(s.dir / "out" / "pkg"));
    EXPECT_TRUE(fs::is_regular_file(s.dir / "out" / "pkg.zip"));
    EXPECT_EQ(r->zip, fs::weakly_canonical(s.dir / "out" / "pkg.zip"));
    EXPECT_FALSE(fs::exists(s.dir / "out" / "pkg" / ".zip"));
    std::vector<std::string> left;
    for (auto& e : fs::directory_iterator(s.dir / "out")) left.push_back(e.path().filename().string());
    std::sort(left.begin(), left.end());
    EXPECT_EQ(left, (std::vector<std::string>{".pkg.tmp-" + live + "-0", ".pkgnotes", "pkg", "pkg.zip"}));

    // An earlier package there is replaced, through the same spelling.
    std::ofstream(s.dir / "out" / "pkg" / "stale.txt") << "from the first run";
    r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_FALSE(fs::exists(s.dir / "out" / "pkg" / "stale.txt"));
}

TEST(OutputFolder, TheEditorsDefaultFolderIsASafeNameUnderPackages) {
    Library lib{"/lib"};
    auto under = [&](std::string_view title) { return package::defaultOutputFolder(lib, title); };
    EXPECT_EQ(under("フランジ締結"), fs::path("/lib/packages/フランジ締結"));
    EXPECT_EQ(under("../media"), fs::path("/lib/packages/media"));
    EXPECT_EQ(under(".."), fs::path("/lib/packages/session"));
    EXPECT_EQ(under("旋盤 2号機/段取り"), fs::path("/lib/packages/旋盤-2号機-段取り"));
    EXPECT_EQ(under("a\nb\tc\x01"), fs::path("/lib/packages/a-b-c"));
    EXPECT_EQ(under("Tanaka's lathe: test?"), fs::path("/lib/packages/Tanaka's-lathe-test"));
    EXPECT_EQ(under(std::string(200, 'x')).filename().string().size(), 80u);
    EXPECT_EQ(under("締結\x8e\xe8"), fs::path("/lib/packages/締結")) << "bytes that are not UTF-8 dropped";
    EXPECT_EQ(under(std::string(30, '\xe3') + "あ"), fs::path("/lib/packages/あ"));
}
