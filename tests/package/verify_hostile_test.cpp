// `kotsu verify` on packages from someone else: never a crash, a hang, or a read outside the package.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "player/package/manifest.hpp"
#include "player/package/package.hpp"
#include "player/package/package_verify.hpp"
#include "tests/package/package_fixture.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// A small, valid package: two files listed with their sizes and checksums, one step whose clip is one of them.
json makePackage(const fs::path& dir) {
    write(dir / "index.html", "<!doctype html><title>p</title>\n");
    write(dir / "clips/tablet/01.mp4", std::string(3000, 'v'));
    json files = json::array();
    for (auto rel : {"index.html", "clips/tablet/01.mp4"}) {
        auto d = package::describeFile(dir, rel);
        EXPECT_TRUE(d.ok());
        files.push_back({{"path", rel}, {"size", d->size}, {"checksum", d->checksum}});
    }
    json m{{"format", "kotsu.package"}, {"version", 1}, {"files", files},
           {"steps", json::array({{{"index", 1}, {"clips", {{"tablet", {{"path", "clips/tablet/01.mp4"}}}}}}})}};
    write(dir / "manifest.json", m.dump(2));
    write(dir / "manifest.js", package::manifestScript(m));
    return m;
}

void rewriteManifest(const fs::path& dir, const json& m) {
    write(dir / "manifest.json", m.dump(2));
    write(dir / "manifest.js", package::manifestScript(m));
}

std::string problemsOf(const package::VerifyReport& r) {
    std::string all;
    for (const auto& p : r.problems) all += p.path + ": " + p.problem + "\n";
    return all;
}

double secondsOf(const std::function<void()>& f) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string zipWith(const fs::path& zip, const fs::path& folder, const std::string& extraPython) {
    // Python's zipfile as the referee that writes what kotsu never would (.. names, links).
    std::string script = "import zipfile,os,sys\n"
                         "z=zipfile.ZipFile(sys.argv[1],'w')\n"
                         "root=sys.argv[2]\n"
                         "for d,_,fs in os.walk(root):\n"
                         "  for f in fs:\n"
                         "    p=os.path.join(d,f); z.write(p, os.path.relpath(p, root))\n" +
                         extraPython + "z.close()\n";
    write(zip.parent_path() / "mkzip.py", script);
    int status = 0;
    auto out = test::run("python3 '" + (zip.parent_path() / "mkzip.py").string() + "' '" + zip.string() + "' '" +
                             folder.string() + "' 2>&1",
                         &status);
    EXPECT_EQ(status, 0) << out;
    return out;
}

}  // namespace

TEST(VerifyHostile, ASmallValidPackagePasses) {
    test::ScratchDir dir("verify-valid");
    makePackage(dir / "pkg");
    auto r = package::verifyPackage(dir / "pkg");
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_TRUE(r->ok()) << problemsOf(*r);
    EXPECT_EQ(r->filesChecked, 2);
}

TEST(VerifyHostile, DeeplyNestedManifestIsOneLineNotACrash) {
    test::ScratchDir dir("verify-deep");
    auto m = makePackage(dir / "pkg");
    std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
    std::string text = m.dump();
    text.insert(text.size() - 1, ",\"x\":" + deep);
    write(dir / "pkg" / "manifest.json", text);
    auto r = package::verifyPackage(dir / "pkg");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("nested deeper"), std::string::npos) << r.error().what();
    EXPECT_EQ(r.error().what().find('\n'), std::string::npos);
}

TEST(VerifyHostile, WrongTypesAreOneLineNamingTheField) {
    test::ScratchDir dir("verify-types");
    auto m = makePackage(dir / "pkg");
    m["files"][1]["size"] = "3000";
    rewriteManifest(dir / "pkg", m);
    auto r = package::verifyPackage(dir / "pkg");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("files[1].size is a string, expected a whole number"), std::string::npos)
        << r.error().what();
    m = makePackage(dir / "pkg2");
    m["steps"][0]["clips"]["tablet"] = 5;
    rewriteManifest(dir / "pkg2", m);
    r = package::verifyPackage(dir / "pkg2");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("steps[0].clips.tablet is a whole number, expected an object"), std::string::npos)
        << r.error().what();
    m = makePackage(dir / "pkg3");
    m["files"] = json::object();
    rewriteManifest(dir / "pkg3", m);
    r = package::verifyPackage(dir / "pkg3");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("files is an object, expected a list"), std::string::npos) << r.error().what();
}

TEST(VerifyHostile, ClipLinkedToDevZeroFinishesQuicklyUnread) {
    test::ScratchDir dir("verify-devzero");
    makePackage(dir / "pkg");
    fs::remove(dir / "pkg/clips/tablet/01.mp4");
    fs::create_symlink("/dev/zero", dir / "pkg/clips/tablet/01.mp4");
    std::optional<Result<package::VerifyReport>> r;
    double took = secondsOf([&] { r.emplace(package::verifyPackage(dir / "pkg")); });
    EXPECT_LT(took, 5.0);
    ASSERT_TRUE(r->ok()) << r->error().what();
    ASSERT_EQ((*r)->problems.size(), 1u) << problemsOf(**r);
    EXPECT_EQ((*r)->problems[0].path, "clips/tablet/01.mp4");
    EXPECT_NE((*r)->problems[0].problem.find("symbolic link"), std::string::npos);
}

TEST(VerifyHostile, LinkToAPrivateFileLeaksNeitherItsSizeNorItsContent) {
    test::ScratchDir dir("verify-private");
    write(dir / "secret.txt", std::string(12345, 's'));
    auto m = makePackage(dir / "pkg");
    m["files"].push_back({{"path", "notes.txt"}, {"size", 1}, {"checksum", "0"}});
    rewriteManifest(dir / "pkg", m);
    fs::create_symlink(dir / "secret.txt", dir / "pkg/notes.txt");
    // A linked folder on the way is not followed either.
    fs::rename(dir / "pkg/clips", dir / "elsewhere");
    fs::create_symlink(dir / "elsewhere", dir / "pkg/clips");
    auto r = package::verifyPackage(dir / "pkg");
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto all = problemsOf(*r);
    EXPECT_EQ(all.find("12345"), std::string::npos) << all;
    EXPECT_NE(all.find("notes.txt: a symbolic link"), std::string::npos) << all;
    EXPECT_NE(all.find("clips/tablet/01.mp4: clips is a symbolic link"), std::string::npos) << all;
    EXPECT_EQ(r->filesChecked, 1) << "only index.html was read";
}

TEST(VerifyHostile, FifoIsRefusedWithoutOpeningIt) {
    test::ScratchDir dir("verify-fifo");
    makePackage(dir / "pkg");
    fs::remove(dir / "pkg/clips/tablet/01.mp4");
    ASSERT_EQ(::mkfifo((dir / "pkg/clips/tablet/01.mp4").c_str(), 0600), 0);
    std::optional<Result<package::VerifyReport>> r;
    double took = secondsOf([&] { r.emplace(package::verifyPackage(dir / "pkg")); });
    EXPECT_LT(took, 5.0);
    ASSERT_TRUE(r->ok());
    auto all = problemsOf(**r);
    EXPECT_NE(all.find("clips/tablet/01.mp4: a FIFO"), std::string::npos) << all;
    // The manifest itself as a FIFO: an error, at once.
    fs::remove(dir / "pkg/manifest.json");
    ASSERT_EQ(::mkfifo((dir / "pkg/manifest.json").c_str(), 0600), 0);
    took = secondsOf([&] { r.emplace(package::verifyPackage(dir / "pkg")); });
    EXPECT_LT(took, 5.0);
    ASSERT_FALSE(r->ok());
    EXPECT_NE(r->error().what().find("FIFO"), std::string::npos) << r->error().what();
}

TEST(VerifyHostile, ZipIsVerifiedDirectly) {
    test::ScratchDir dir("verify-zip");
    makePackage(dir / "pkg");
    zipWith(dir / "pkg.zip", dir / "pkg", "");
    auto r = package::verifyPackage(dir / "pkg.zip");
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_TRUE(r->ok()) << problemsOf(*r);
    EXPECT_EQ(r->filesChecked, 2);
    // A flipped byte inside the zip is found.
    write(dir / "pkg/clips/tablet/01.mp4", std::string(2999, 'v') + "w");
    zipWith(dir / "flipped.zip", dir / "pkg", "");
    r = package::verifyPackage(dir / "flipped.zip");
    ASSERT_TRUE(r.ok());
    EXPECT_NE(problemsOf(*r).find("checksum differs"), std::string::npos) << problemsOf(*r);
}

TEST(VerifyHostile, ZipWithDotDotAbsoluteAndLinkEntriesIsRefused) {
    test::ScratchDir dir("verify-zip-evil");
    makePackage(dir / "pkg");
    zipWith(dir / "evil.zip", dir / "pkg",
            "z.writestr('../escape.txt', 'x')\n"
            "z.writestr('/etc/evil', 'x')\n"
            "i=zipfile.ZipInfo('link'); i.create_system=3; i.external_attr=(0o120777<<16)\n"
            "z.writestr(i, '/etc/passwd')\n");
    auto r = package::verifyPackage(dir / "evil.zip");
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto all = problemsOf(*r);
    EXPECT_NE(all.find("../escape.txt: unsafe name"), std::string::npos) << all;
    EXPECT_NE(all.find("/etc/evil: unsafe name"), std::string::npos) << all;
    EXPECT_NE(all.find("link: a symbolic link"), std::string::npos) << all;
    EXPECT_FALSE(fs::exists(dir / "escape.txt"));
}

TEST(VerifyHostile, ZipBombIsNotInflated) {
    test::ScratchDir dir("verify-zip-bomb");
    auto m = makePackage(dir / "pkg");
    // 200 MB of zeros deflates to about 200 kB; the manifest claims that size so only the ratio stops it.
    m["files"].push_back({{"path", "big.bin"}, {"size", 200'000'000}, {"checksum", "0"}});
    rewriteManifest(dir / "pkg", m);
    zipWith(dir / "bomb.zip", dir / "pkg",
            "z.writestr(zipfile.ZipInfo('big.bin'), b'\\0'*200000000, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)\n");
    std::optional<Result<package::VerifyReport>> r;
    double took = secondsOf([&] { r.emplace(package::verifyPackage(dir / "bomb.zip")); });
    ASSERT_TRUE(r->ok()) << r->error().what();
    auto all = problemsOf(**r);
    EXPECT_NE(all.find("big.bin: compressed"), std::string::npos) << all;
    EXPECT_LT(took, 2.0) << "not inflated";
}

TEST(VerifyHostile, AFolderOrFifoNamedAsThePackageIsAOneLineError) {
    test::ScratchDir dir("verify-notpkg");
    write(dir / "plain.zip", "not a zip at all");
    auto r = package::verifyPackage(dir / "plain.zip");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("neither a package folder nor a .zip"), std::string::npos) << r.error().what();
    ASSERT_EQ(::mkfifo((dir / "p.zip").c_str(), 0600), 0);
    r = package::verifyPackage(dir / "p.zip");
    ASSERT_FALSE(r.ok());
}

TEST(PackageZipOutput, AFolderNamedLikeTheZipIsRefusedAndUntouched) {
    test::PackagedSession s("package-zip-folder");
    write(s.dir / "pkg.zip" / "mine.txt", "someone's notes");
    package::PackageOptions opt;
    opt.out = s.dir / "pkg";
    opt.profiles = {"glasses"};
    opt.zip = true;
    auto t0 = std::chrono::steady_clock::now();
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5.0) << "before any encode";
    EXPECT_NE(r.error().what().find("not a kotsu package zip"), std::string::npos) << r.error().what();
    EXPECT_EQ(readFile(s.dir / "pkg.zip" / "mine.txt").value(), "someone's notes");
    EXPECT_FALSE(fs::exists(s.dir / "pkg"));
}
