// A package rebuilt onto a full disk: the error names the file and the disk, the earlier package is
// still whole under its name, and no temporary folder is left. Needs a small tmpfs (root).
#include <gtest/gtest.h>

#include "core/files.hpp"
#include "player/package/package.hpp"
#include "player/package/package_verify.hpp"
#include "tests/package/package_fixture.hpp"
#include "tests/support/small_disk.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

TEST(PackageDiskFull, TheErrorNamesTheFileAndTheEarlierPackageStaysWhole) {
    test::PackagedSession s("package-disk-full", 6'000'000);
    std::string why;
    auto disk = test::SmallDisk::mount(s.dir / "disk", 24 << 20, &why);
    if (!disk) GTEST_SKIP() << why;
    package::PackageOptions opt;
    opt.out = disk->path() / "pkg";
    opt.profiles = {"tablet"};
    auto first = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_TRUE(first.ok()) << first.error().what();
    const auto before = readFile(opt.out / "manifest.json");
    disk->fill(64 * 1024);
    auto second = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(second.ok()) << "the disk is full";
    EXPECT_NE(second.error().what().find(disk->path().string()), std::string::npos) << second.error().what();
    EXPECT_NE(second.error().what().find("No space"), std::string::npos) << second.error().what();
    EXPECT_EQ(readFile(opt.out / "manifest.json").value(), before.value());
    auto verified = package::verifyPackage(opt.out);
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->ok());
    for (auto& e : fs::directory_iterator(disk->path()))
        if (e.path().filename() != "pkg" && e.path().filename() != "filler.bin") ADD_FAILURE() << "left: " << e.path();
}
