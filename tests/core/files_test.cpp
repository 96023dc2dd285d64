// TempPath and friends: outputs appear under their final name whole, or not at all.
#include <gtest/gtest.h>

#include <fstream>

#include "core/files.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {
void writeText(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary);
    out << s;
}
std::string readText(const fs::path& p) { return readFile(p).value(); }
}  // namespace

TEST(TempPath, IsAHiddenSiblingThatKeepsTheExtension) {
    test::ScratchDir dir("files-temp-name");
    TempPath t(dir / "clip.mp4");
    EXPECT_EQ(t.temp().parent_path(), dir.path());
    EXPECT_EQ(t.temp().filename().string()[0], '.');
    EXPECT_EQ(t.temp().extension(), ".mp4");
    EXPECT_EQ(t.final(), dir / "clip.mp4");
    TempPath u(dir / "clip.mp4");
    EXPECT_NE(t.temp(), u.temp());  // two writers never share a temporary
}

TEST(TempPath, CommitRenamesIntoPlace) {
    test::ScratchDir dir("files-commit");
    TempPath t(dir / "out.txt");
    writeText(t.temp(), "whole");
    ASSERT_TRUE(t.commit().ok());
    EXPECT_FALSE(fs::exists(t.temp()));
    EXPECT_EQ(readText(dir / "out.txt"), "whole");
}

TEST(TempPath, AbandonedTemporaryIsRemovedAndTheOldFileKept) {
    test::ScratchDir dir("files-abandon");
    writeText(dir / "out.txt", "old");
    fs::path temp;
    {
        TempPath t(dir / "out.txt");
        temp = t.temp();
        writeText(temp, "half-writ");
    }
    EXPECT_FALSE(fs::exists(temp));
    EXPECT_EQ(readText(dir / "out.txt"), "old");
}

TEST(TempPath, AFolderReplacesTheOldOneWhole) {
    test::ScratchDir dir("files-folder");
    fs::create_directories(dir / "pkg");
    writeText(dir / "pkg" / "stale.txt", "stale");
    TempPath t(dir / "pkg");
    fs::create_directories(t.temp());
    writeText(t.temp() / "index.html", "new");
    // The caller recognises the old folder as one it made (a package checks its manifest).
    ASSERT_TRUE(t.commit([](const fs::path& d) { return fs::exists(d / "stale.txt"); }).ok());
    EXPECT_TRUE(fs::exists(dir / "pkg" / "index.html"));
    EXPECT_FALSE(fs::exists(dir / "pkg" / "stale.txt"));
    for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path().filename(), "pkg");
}

TEST(TempPath, AFolderKotsuDidNotMakeIsNeverReplaced) {
    test::ScratchDir dir("files-folder-foreign");
    fs::create_directories(dir / "Desktop");
    writeText(dir / "Desktop" / "notes.txt", "precious");
    {
        TempPath t(dir / "Desktop");
        fs::create_directories(t.temp());
        writeText(t.temp() / "index.html", "new");
        auto r = t.commit();  // nothing recognises it
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().what().find("did not make"), std::string::npos) << r.error().what();
        auto r2 = t.commit([](const fs::path&) { return false; });
        EXPECT_FALSE(r2.ok());
    }
    EXPECT_EQ(readText(dir / "Desktop" / "notes.txt"), "precious");
    EXPECT_FALSE(fs::exists(dir / "Desktop" / "index.html"));
    for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path().filename(), "Desktop") << "temporary removed";

    // An empty folder holds nothing to lose: it is replaced.
    fs::create_directories(dir / "empty");
    TempPath e(dir / "empty");
    fs::create_directories(e.temp());
    writeText(e.temp() / "index.html", "new");
    ASSERT_TRUE(e.commit().ok());
    EXPECT_TRUE(fs::exists(dir / "empty" / "index.html"));
}

TEST(TempPath, MovedFromDoesNotRemoveTheTemporary) {
    test::ScratchDir dir("files-move");
    TempPath a(dir / "x.bin");
    writeText(a.temp(), "x");
    {
        TempPath b(std::move(a));
        EXPECT_TRUE(fs::exists(b.temp()));
        ASSERT_TRUE(b.commit().ok());
    }
    EXPECT_TRUE(fs::exists(dir / "x.bin"));
}

TEST(TempPath, CommitFailsWhenTheTemporaryIsMissing) {
    test::ScratchDir dir("files-missing");
    TempPath t(dir / "never.txt");
    auto s = t.commit();
    EXPECT_FALSE(s.ok());
    EXPECT_NE(s.error().what().find("never.txt"), std::string::npos);
}

TEST(WriteFileAtomic, WritesAndReplaces) {
    test::ScratchDir dir("files-atomic");
    ASSERT_TRUE(writeFileAtomic(dir / "a.json", "{1}").ok());
    ASSERT_TRUE(writeFileAtomic(dir / "a.json", "{2}").ok());
    EXPECT_EQ(readText(dir / "a.json"), "{2}");
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 1);
}

TEST(ReadFile, NamesTheFileWhenItCannot) {
    test::ScratchDir dir("files-read");
    auto missing = readFile(dir / "nope.txt");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().what().find("nope.txt"), std::string::npos);
    auto folder = readFile(dir.path());
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().message.find("directory"), std::string::npos);
}

TEST(Slugify, KeepsAsciiWordsJoinedByDashes) {
    EXPECT_EQ(slugify("Tighten the bolts, crosswise!"), "tighten-the-bolts-crosswise");
    EXPECT_EQ(slugify("ボルト締め"), "step");
    EXPECT_EQ(slugify("Step 3: ボルト M12"), "step-3-m12");
    EXPECT_LE(slugify(std::string(100, 'a'), 40).size(), 40u);
}
