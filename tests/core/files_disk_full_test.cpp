// A write error (disk full) while writing an output names the file and leaves the previous file whole,
// with no temporary left beside it. Needs a small tmpfs (root); skips elsewhere.
#include <gtest/gtest.h>

#include "core/files.hpp"
#include "tests/support/small_disk.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

TEST(FilesDiskFull, WriteFileAtomicReportsTheFileAndKeepsThePreviousVersion) {
    test::ScratchDir dir("disk-full-files");
    std::string why;
    auto disk = test::SmallDisk::mount(dir / "disk", 1 << 20, &why);
    if (!disk) GTEST_SKIP() << why;
    const auto target = disk->path() / "markers.json";
    ASSERT_TRUE(writeFileAtomic(target, "{\"previous\": true}").ok());
    disk->fill(16 * 1024);
    auto s = writeFileAtomic(target, std::string(256 * 1024, 'x'));
    ASSERT_FALSE(s.ok()) << "the disk is full";
    EXPECT_NE(s.error().what().find("markers.json"), std::string::npos) << s.error().what();
    EXPECT_NE(s.error().what().find("No space"), std::string::npos) << s.error().what();
    EXPECT_EQ(readFile(target).value(), "{\"previous\": true}");
    for (auto& e : fs::directory_iterator(disk->path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << "left behind: " << e.path();
}

TEST(FilesDiskFull, AFolderCommitSyncsAndRenames) {
    // The folder swap's durability steps run (fsync of every file, the folders and the parent) and a
    // second commit replaces the first whole.
    test::ScratchDir dir("folder-commit");
    for (int round = 0; round < 2; ++round) {
        TempPath t(dir / "pkg");
        fs::create_directories(t.temp() / "clips");
        ASSERT_TRUE(writeFileAtomic(t.temp() / "clips" / "a.txt", "round " + std::to_string(round)).ok());
        ASSERT_TRUE(t.commit([](const fs::path&) { return true; }).ok());
    }
    EXPECT_EQ(readFile(dir / "pkg" / "clips" / "a.txt").value(), "round 1");
    int n = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir.path())) ++n;
    EXPECT_EQ(n, 1) << "only pkg/: no temporary or swapped-out folder left";
}
