// The assets/ format: sections, keys, quoted values, and errors that name the file and the line.
#include <gtest/gtest.h>

#include "core/asset_file.hpp"
#include "tests/support/user_assets.hpp"

namespace kotsu::assets {
namespace {

TEST(AssetFile, ParsesSectionsKeysAndQuotedValues) {
    auto f = parseConf("# top\nlang = ja\n\n[one]\n  a = 1 \nb = \" padded \"\n[two]\nc=x = y\n", "t.conf");
    ASSERT_TRUE(f.ok()) << f.error().what();
    ASSERT_EQ(f->sections.size(), 3u);
    EXPECT_EQ(f->sections[0].entries[0].value, "ja");
    EXPECT_EQ(f->sections[1].name, "one");
    EXPECT_EQ(f->sections[1].entries[0].value, "1");
    EXPECT_EQ(f->sections[1].entries[0].line, 5);
    EXPECT_EQ(f->sections[1].entries[1].value, " padded ");
    EXPECT_EQ(f->sections[2].entries[0].key, "c");
    EXPECT_EQ(f->sections[2].entries[0].value, "x = y");
}

TEST(AssetFile, ErrorsNameTheFileAndTheLine) {
    EXPECT_EQ(parseConf("[a]\nno equals sign\n", "x.conf").error().what(),
              "x.conf:2: expected 'key = value', got 'no equals sign'");
    EXPECT_EQ(parseConf("[a]\nk = 1\nk = 2\n", "x.conf").error().what(), "x.conf:3: 'k' again (first on line 2)");
    EXPECT_EQ(parseConf("[a\n", "x.conf").error().what(), "x.conf:1: a section is written [name]");
    auto f = parseConf("n = 12x\n", "x.conf");
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(toInt(*f, f->sections[0].entries[0], 0, 100).error().what(), "x.conf:1: n: '12x' is not a whole number");
}

TEST(AssetFile, TheShippedFilesAreBuiltInAndUserFilesComeAfterThem) {
    test::UserAssets user("asset-file");
    EXPECT_FALSE(builtIn("profiles.conf").empty());
    EXPECT_FALSE(builtIn("keymap.conf").empty());
    EXPECT_TRUE(builtIn("nothing.conf").empty());
    auto path = user.write("profiles.conf", "[x]\n");
    auto files = loadConf("profiles.conf");
    ASSERT_TRUE(files.ok());
    ASSERT_EQ(files->size(), 2u);
    EXPECT_EQ(files->back().path, path.string());
}

}  // namespace
}  // namespace kotsu::assets
