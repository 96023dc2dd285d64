// Title cards: Japanese broken into lines by the Japanese rules (libass alone runs a long line off both
// edges), override braces escaped, and the PNG a real RGBA picture of the frame's size.
#include <gtest/gtest.h>

#include "story/title_card.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;

TEST(TitleCard, LongJapaneseTitlesAreBrokenByTheRules) {
    StoryItem card{.kind = StoryItemKind::Title, .out = 3'000'000,
                   .text = "熟練の技とは、長年の経験によって手が覚えた理由を、言葉にできることである。{\\b1}"};
    auto script = story::cardScript(card, 640, 360, 3'000'000);
    auto dialogue = script.substr(script.find("Dialogue:"));
    EXPECT_NE(dialogue.find("\\N"), std::string::npos) << "more than one line at 640 px: " << dialogue;
    EXPECT_EQ(dialogue.find("\\N、"), std::string::npos) << "no line starts with 、";
    EXPECT_EQ(dialogue.find("\\N。"), std::string::npos) << "no line starts with 。";
    EXPECT_NE(dialogue.find("\\{\\\\b1\\}"), std::string::npos) << "the user's braces are text, not overrides";
    EXPECT_NE(script.find("Noto Sans CJK JP"), std::string::npos);
}

TEST(TitleCard, PngIsAnRgbaPictureOfTheFrame) {
    if (!test::haveTool("ffprobe")) GTEST_SKIP() << "ffprobe not installed";
    test::ScratchDir dir("title-card-png");
    StoryItem lower{.id = 5, .kind = StoryItemKind::LowerThird, .out = 4'000'000, .text = "佐藤 一郎", .sub = "旋盤一筋 32年"};
    auto png = dir / "lower.png";
    ASSERT_TRUE(story::writeCardPng(lower, 640, 360, png).ok());
    EXPECT_EQ(test::probeStreamEntry(png, "v:0", "codec_name"), "png");
    EXPECT_EQ(test::probeStreamEntry(png, "v:0", "width"), "640");
    EXPECT_EQ(test::probeStreamEntry(png, "v:0", "height"), "360");
    EXPECT_EQ(test::probeStreamEntry(png, "v:0", "pix_fmt"), "rgba") << "transparent around the lower third";
}
