#include "core/line_break.hpp"

#include <gtest/gtest.h>

namespace kotsu::text {
namespace {

std::u32string toU32(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += l;
    return all;
}

TEST(LineBreak, JapaneseLinesFitAndKeepEveryCharacter) {
    const std::string text = "ボルトは対角線の順に、三回に分けて締めます。最後の一回は、レンチの音が変わるところで止めてください。";
    const auto lines = breakLines(text, 10, approxEmWidth);
    ASSERT_GE(lines.size(), 5u);
    EXPECT_EQ(joined(lines), text);  // no spaces in Japanese: nothing dropped, nothing added
    for (const auto& l : lines) EXPECT_LE(approxEmWidth(l), 10.0) << l;
}

TEST(LineBreak, NoLineStartsWithClosingPunctuationOrSmallKana) {
    // Width 4 would put "。" or "ッ" or "」" first on a line by a plain character count.
    for (const std::string text : {"あいうえ。かきくけこ", "ちょっとまって、いいね", "「あいう」とかきくけこ", "スパナでチェックする",
                                   "音が変わったー。そこで止める"}) {
        for (double width : {2.0, 3.0, 4.0, 5.0}) {
            const auto lines = breakLines(text, width, approxEmWidth);
            EXPECT_EQ(joined(lines), text);
            for (size_t i = 0; i < lines.size(); ++i) {
                const auto u = toU32(lines[i]);
                ASSERT_FALSE(u.empty());
                if (i > 0) EXPECT_FALSE(mayNotStartLine(u.front())) << text << " @" << width << ": " << lines[i];
                if (i + 1 < lines.size()) EXPECT_FALSE(mayNotEndLine(u.back())) << text << " @" << width << ": " << lines[i];
            }
        }
    }
}

TEST(LineBreak, LatinWordsStayWholeAndSpacesAtBreaksGo) {
    const auto lines = breakLines("Tighten the M12 bolts to 80 Nm with the torque wrench", 12, approxEmWidth);
    ASSERT_GE(lines.size(), 3u);
    for (const auto& l : lines) {
        EXPECT_NE(l.front(), ' ');
        EXPECT_NE(l.back(), ' ');
        EXPECT_LE(approxEmWidth(l), 12.0) << l;
    }
    std::string all;
    for (const auto& l : lines) all += (all.empty() ? "" : " ") + l;
    EXPECT_EQ(all, "Tighten the M12 bolts to 80 Nm with the torque wrench");
}

TEST(LineBreak, MixedTextKeepsLatinWordsWhole) {
    const auto lines = breakLines("トルクレンチ torque で 80Nm まで締める", 6, approxEmWidth);
    for (const auto& l : lines) {
        // "torque" is never split between two lines.
        if (l.find("tor") != std::string::npos) EXPECT_NE(l.find("torque"), std::string::npos) << l;
    }
}

TEST(LineBreak, AWordLongerThanTheLineIsBrokenBetweenCharacters) {
    const auto lines = breakLines("supercalifragilistic", 4, approxEmWidth);
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(joined(lines), "supercalifragilistic");
    for (const auto& l : lines) EXPECT_LE(approxEmWidth(l), 4.0);
}

TEST(LineBreak, NewlinesAreForcedBreaks) {
    const auto lines = breakLines("一行目\n二行目", 20, approxEmWidth);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "一行目");
    EXPECT_EQ(lines[1], "二行目");
}

TEST(LineBreak, GroupsHoldAtMostMaxLines) {
    std::string text;
    for (int i = 0; i < 12; ++i) text += "あいうえおかきくけこ";  // 120 characters
    const auto groups = breakIntoGroups(text, 20, 2, approxEmWidth);
    ASSERT_EQ(groups.size(), 3u);  // 6 lines of 20 em, two a group
    for (const auto& g : groups) EXPECT_LE(g.size(), 2u);
    std::string all;
    for (const auto& g : groups) all += joined(g);
    EXPECT_EQ(all, text);
    EXPECT_TRUE(breakIntoGroups("", 20, 2, approxEmWidth).empty());
}

TEST(LineBreak, InvalidBytesDoNotCrash) {
    const std::string bad = "abc\xff\xfe" "def\xe3\x81";
    const auto lines = breakLines(bad, 3, approxEmWidth);
    EXPECT_FALSE(lines.empty());
}

}  // namespace
}  // namespace kotsu::text
