// Key bindings are data: keymap.conf parsing, chords with held keys, user overrides.
#include "annotate/keymap.hpp"

#include <gtest/gtest.h>

#include "core/asset_file.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

TEST(Keymap, ChordsHaveOneCanonicalSpelling) {
    EXPECT_EQ(parseChord("Shift+Ctrl+Z")->toString(), "Ctrl+Shift+z");
    EXPECT_EQ(parseChord("Z")->toString(), "Shift+z");
    EXPECT_EQ(parseChord("k+l")->toString(), "k+l");
    EXPECT_EQ(parseChord("shift+left")->toString(), "Shift+LEFT");
    EXPECT_EQ(parseChord("Ctrl++")->toString(), "Ctrl++");
    EXPECT_EQ(parseChord("+")->toString(), "+");
    EXPECT_FALSE(parseChord("a+b+c").ok());
}

TEST(Keymap, TheShippedKeymapIsBuiltInAndBindsTheEditorsKeys) {
    Keymap k;
    auto r = k.load(assets::builtIn("keymap.conf"), "assets/keymap.conf");
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(k.lookup(ModNone, "SPACE"), "play-pause");
    EXPECT_EQ(k.lookup(ModNone, "l"), "shuttle-forward");
    EXPECT_EQ(k.lookup(ModNone, "l", {"k"}), "frame-forward");  // K held + L
    EXPECT_EQ(k.lookup(ModNone, "j", {"k"}), "frame-back");
    EXPECT_EQ(k.lookup(ModShift, "RIGHT"), "forward-1s");
    EXPECT_EQ(k.lookup(ModNone, "m"), "add-marker");
    EXPECT_EQ(k.lookup(ModCtrl, "z"), "undo");
    EXPECT_EQ(k.lookup(ModCtrl | ModShift, "z"), "redo");
    EXPECT_EQ(k.lookup(ModNone, "F1"), "show-help");
    EXPECT_EQ(k.chordsFor("undo").front(), "Ctrl+z");
    EXPECT_FALSE(k.lookup(ModAlt, "q").has_value());
}

TEST(Keymap, UserLinesReplaceAndRemoveBindings) {
    Keymap k;
    ASSERT_TRUE(k.load("m add-marker\nSPACE play-pause\n", "default").ok());
    ASSERT_TRUE(k.load("# mine\nm ignore\nF5 add-marker   # marker on F5\n", "user").ok());
    EXPECT_FALSE(k.lookup(ModNone, "m").has_value());
    EXPECT_EQ(k.lookup(ModNone, "F5"), "add-marker");
    EXPECT_EQ(k.lookup(ModNone, "SPACE"), "play-pause");
}

TEST(Keymap, ErrorsNameTheLine) {
    Keymap k;
    auto r = k.load("SPACE play-pause\nF3\n", "keymap.conf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().path, "keymap.conf:2");
}

}  // namespace
}  // namespace kotsu::test
