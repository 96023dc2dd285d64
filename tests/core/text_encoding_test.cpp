// Decoding what Japanese tools save (UTF-8 with or without BOM, UTF-16 with BOM, CP932) and refusing
// bytes that are none of them; the UTF-8 check every catalog write makes; CP932 for old tools.
#include <gtest/gtest.h>

#include "core/text_encoding.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;

namespace {
const std::string kText = "kind,in,out,title\nstep,1,2,手順の確認\nknack,1.5,1.5,ｶﾀｶﾅ半角 ①\n";
}

TEST(TextEncoding, ReadsUtf8WithAndWithoutBom) {
    auto plain = decodeText(kText, "m.csv", "hint");
    ASSERT_TRUE(plain.ok()) << plain.error().what();
    EXPECT_EQ(plain->text, kText);
    EXPECT_EQ(plain->encoding, TextEncoding::Utf8);
    auto bom = decodeText("\xEF\xBB\xBF" + kText, "m.csv", "hint");
    ASSERT_TRUE(bom.ok());
    EXPECT_EQ(bom->text, kText);
    EXPECT_EQ(bom->encoding, TextEncoding::Utf8Bom);
}

TEST(TextEncoding, ReadsUtf16WithBomBothWays) {
    auto le = decodeText(test::encodeAs("UTF-16LE", "\uFEFF" + kText), "m.txt", "hint");
    ASSERT_TRUE(le.ok()) << le.error().what();
    EXPECT_EQ(le->text, kText);
    EXPECT_EQ(le->encoding, TextEncoding::Utf16Le);
    auto be = decodeText(test::encodeAs("UTF-16BE", "\uFEFF" + kText), "m.txt", "hint");
    ASSERT_TRUE(be.ok()) << be.error().what();
    EXPECT_EQ(be->text, kText);
    EXPECT_EQ(encodingName(be->encoding), "UTF-16 BE");
}

TEST(TextEncoding, ReadsCp932) {
    auto literal = decodeText("\x8e\xe8\x8f\x87", "m.csv", "hint");  // 手順
    ASSERT_TRUE(literal.ok()) << literal.error().what();
    EXPECT_EQ(literal->text, "手順");
    EXPECT_EQ(literal->encoding, TextEncoding::Cp932);
    auto excel = decodeText(test::encodeAs("CP932", kText), "m.csv", "hint");
    ASSERT_TRUE(excel.ok()) << excel.error().what();
    EXPECT_EQ(excel->text, kText);
    EXPECT_EQ(encodingName(excel->encoding), "CP932 (Shift_JIS)");
}

TEST(TextEncoding, BytesThatAreNoneOfThemAreRefusedWithFileLineAndHint) {
    auto r = decodeText("kind,in\nstep,1\nstep,2,\x80\xff\xfe\x81\n", "markers.csv", "in Excel, save as \"CSV UTF-8\"");
    ASSERT_FALSE(r.ok());
    const auto msg = r.error().what();
    EXPECT_NE(msg.find("markers.csv"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("CSV UTF-8"), std::string::npos) << msg;
    EXPECT_FALSE(decodeText("\xEF\xBB\xBFok\n\x8e\xe8", "b.vtt", "h").ok()) << "a UTF-8 BOM promises UTF-8";
    EXPECT_FALSE(decodeText(std::string("\xFF\xFE\x00\xD8", 4), "c.txt", "h").ok()) << "a lone surrogate in UTF-16";
}

TEST(TextEncoding, Utf8IsCheckedStrictly) {
    EXPECT_TRUE(isUtf8("手順 abc 🙂"));
    EXPECT_EQ(invalidUtf8At("ab\x8e\xe8"), 2u);
    EXPECT_FALSE(isUtf8("\xC0\xAF")) << "overlong";
    EXPECT_FALSE(isUtf8("\xED\xA0\x80")) << "surrogate";
    EXPECT_FALSE(isUtf8("\xF4\x90\x80\x80")) << "past U+10FFFF";
    EXPECT_FALSE(isUtf8("\xE6\x89")) << "cut off";
    auto st = requireUtf8("\x8e\xe8", "the session's title");
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().what().find("the session's title"), std::string::npos);
    EXPECT_NE(st.error().what().find("0x8E"), std::string::npos) << st.error().what();
}

TEST(TextEncoding, Cp932ForOldToolsRefusesWhatItCannotEncode) {
    auto ok = encodeCp932("手順", "marker 1");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, "\x8e\xe8\x8f\x87");
    auto emoji = encodeCp932("締める🙂", "marker 7 '締める'");
    ASSERT_FALSE(emoji.ok());
    EXPECT_NE(emoji.error().what().find("marker 7"), std::string::npos) << emoji.error().what();
    EXPECT_NE(emoji.error().what().find("🙂"), std::string::npos) << emoji.error().what();
}
