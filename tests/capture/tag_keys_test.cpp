// The terminal's keys on the tag bus (record::KeyTagger), as `kotsu capture` and `kotsu tag` both use
// them: palette keys tag, space marks, u undoes the last, q asks and only y stops; every tag reaches
// the sidecar. (Through a real pty: CaptureProcess.KeysThroughAPtyTagUndoAndStopWithConfirm.)
#include <gtest/gtest.h>

#include "capture/record/tag_keys.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {
namespace {

TEST(TagKeys, PaletteMarkUndoAndStopWithAConfirmOnTheBus) {
    ScratchDir dir("tag-keys");
    Micros now = 65'000'000;
    auto bus = record::TagBus::open(dir / "tags.jsonl", [&] { return now; });
    ASSERT_TRUE(bus.ok());
    auto palette = record::loadPalette();
    ASSERT_TRUE(palette.ok());
    std::vector<std::string> said;
    record::KeyTagger keys(-1, **bus, *palette, [&](const std::string& s) { said.push_back(s); });  // no terminal

    keys.key('1');
    now += 2'000'000;
    keys.key('2');
    keys.key(' ');
    keys.key('x');  // not a key of the palette: nothing
    ASSERT_EQ((*bus)->tags().size(), 3u);
    EXPECT_EQ((*bus)->tags()[0].kind, "step");
    EXPECT_EQ((*bus)->tags()[0].label, "手順");
    EXPECT_EQ((*bus)->tags()[0].source, "key");
    EXPECT_EQ((*bus)->tags()[1].kind, "knack");
    EXPECT_EQ((*bus)->tags()[1].t, 67'000'000);
    EXPECT_EQ((*bus)->tags()[2].kind, "mark");
    ASSERT_EQ(said.size(), 3u);
    EXPECT_EQ(said[0], "tag 1: 手順 @00:01:05");

    keys.key('u');
    EXPECT_EQ((*bus)->tags().size(), 2u);
    EXPECT_EQ(said.back(), "undone: mark @00:01:07");

    keys.key('q');
    EXPECT_FALSE(keys.stopRequested());
    keys.key('n');
    EXPECT_FALSE(keys.stopRequested());
    EXPECT_EQ(said.back(), "recording goes on");
    keys.key('q');
    keys.key('y');
    EXPECT_TRUE(keys.stopRequested());

    auto kept = record::readSidecar(dir / "tags.jsonl");
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->size(), 2u);
}

}  // namespace
}  // namespace kotsu::test
