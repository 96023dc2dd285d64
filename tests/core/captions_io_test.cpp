// WebVTT / SRT reading and writing.
#include <gtest/gtest.h>

#include "core/captions_io.hpp"
#include "core/text.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;

TEST(CaptionsIo, ReadsVttWithBomCrlfSettingsStylesAndTags) {
    std::string vtt =
        "\xEF\xBB\xBFWEBVTT - 作業手順\r\nKind: captions\r\nLanguage: ja\r\n\r\n"
        "STYLE\r\n::cue { color: yellow }\r\n\r\n"
        "NOTE written by the editor\r\nover two lines\r\n\r\n"
        "intro\r\n00:00:01.000 --> 00:00:03.500 line:90% align:center\r\n<v 佐藤>まず、<b>座面</b>を確認します。\r\n\r\n"
        "02:05.250 --> 02:07.000\r\nふたつめ &amp; 三行目\r\n次の行\r\n";
    auto cues = parseCaptions(vtt, "a.vtt");
    ASSERT_TRUE(cues.ok()) << cues.error().what();
    ASSERT_EQ(cues->size(), 2u);
    EXPECT_EQ((*cues)[0].start, 1'000'000);
    EXPECT_EQ((*cues)[0].end, 3'500'000);
    EXPECT_EQ((*cues)[0].text, "まず、座面を確認します。");
    EXPECT_EQ((*cues)[1].start, 125'250'000);
    EXPECT_EQ((*cues)[1].text, "ふたつめ & 三行目\n次の行");
}

TEST(CaptionsIo, ReadsSrt) {
    std::string srt = "1\n00:00:01,000 --> 00:00:02,000\n一行目\n\n2\n00:00:03,500 --> 00:00:04,250\n<i>二</i>\n";
    auto cues = parseCaptions(srt, "a.srt");
    ASSERT_TRUE(cues.ok()) << cues.error().what();
    ASSERT_EQ(cues->size(), 2u);
    EXPECT_EQ((*cues)[1].start, 3'500'000);
    EXPECT_EQ((*cues)[1].end, 4'250'000);
    EXPECT_EQ((*cues)[1].text, "二");
}

TEST(CaptionsIo, BrokenTimestampNamesTheLine) {
    std::string vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.0x0 --> 00:00:04.000\nbad\n";
    auto cues = parseCaptions(vtt, "broken.vtt");
    ASSERT_FALSE(cues.ok());
    EXPECT_NE(cues.error().what().find("broken.vtt"), std::string::npos);
    EXPECT_NE(cues.error().what().find("line 6"), std::string::npos) << cues.error().what();
}

TEST(CaptionsIo, EndBeforeStartIsAnError) {
    auto cues = parseCaptions("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n", "x.vtt");
    ASSERT_FALSE(cues.ok());
    EXPECT_NE(cues.error().what().find("line 3"), std::string::npos);
}

TEST(CaptionsIo, VttWithoutHeaderIsRejected) {
    auto cues = parseCaptions("00:00:01.000 --> 00:00:02.000\nx\n", "x.vtt");
    ASSERT_FALSE(cues.ok());
    EXPECT_NE(cues.error().what().find("WEBVTT"), std::string::npos);
}

TEST(CaptionsIo, RoundTripsBothFormats) {
    std::vector<Cue> cues{{0, 0, 1'234'000, "最初 <tag> & more"}, {0, 61'000'000, 62'500'000, "二行\n目"}};
    for (auto fmt : {CaptionFormat::Vtt, CaptionFormat::Srt}) {
        auto text = writeCaptions(cues, fmt);
        auto back = parseCaptions(text, fmt == CaptionFormat::Vtt ? "r.vtt" : "r.srt");
        ASSERT_TRUE(back.ok()) << back.error().what();
        ASSERT_EQ(back->size(), 2u);
        for (size_t i = 0; i < 2; ++i) {
            EXPECT_EQ((*back)[i].start, cues[i].start);
            EXPECT_EQ((*back)[i].end, cues[i].end);
        }
        EXPECT_EQ((*back)[1].text, "二行\n目");
    }
}

TEST(CaptionsIo, CuesWithinClipAndRebase) {
    std::vector<Cue> cues{{0, 0, 2'000'000, "a"}, {0, 4'000'000, 6'000'000, "b"}, {0, 9'000'000, 12'000'000, "c"}};
    auto w = cuesWithin(cues, 5'000'000, 10'000'000);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].start, 0);
    EXPECT_EQ(w[0].end, 1'000'000);
    EXPECT_EQ(w[1].start, 4'000'000);
    EXPECT_EQ(w[1].end, 5'000'000);
}

TEST(CaptionsIo, ReadsShiftJisSrtAndUtf16VttFromFiles) {
    test::ScratchDir dir("captions-io-encodings");
    const std::string srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nボルトを手で仮締めします\r\n\r\n"
                            "2\r\n00:00:03,000 --> 00:00:04,000\r\n対角の順に①②③\r\n";
    test::writeBytes(dir / "sjis.srt", test::encodeAs("CP932", srt));
    auto sjis = readCaptionsFile(dir / "sjis.srt");
    ASSERT_TRUE(sjis.ok()) << sjis.error().what();
    EXPECT_EQ(sjis->encoding, TextEncoding::Cp932);
    ASSERT_EQ(sjis->cues.size(), 2u);
    EXPECT_EQ(sjis->cues[0].text, "ボルトを手で仮締めします");
    EXPECT_EQ(sjis->cues[1].text, "対角の順に①②③");

    test::writeBytes(dir / "u16.vtt", test::encodeAs("UTF-16LE", "\uFEFFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n締結\n"));
    auto u16 = readCaptionsFile(dir / "u16.vtt");
    ASSERT_TRUE(u16.ok()) << u16.error().what();
    EXPECT_EQ(u16->encoding, TextEncoding::Utf16Le);
    ASSERT_EQ(u16->cues.size(), 1u);
    EXPECT_EQ(u16->cues[0].text, "締結");

    test::writeBytes(dir / "noise.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 --> 00:00:04,000\n\x80\x80\xff\n");
    auto noise = readCaptionsFile(dir / "noise.srt");
    ASSERT_FALSE(noise.ok());
    EXPECT_NE(noise.error().what().find("noise.srt"), std::string::npos) << noise.error().what();
    EXPECT_NE(noise.error().what().find("line 7"), std::string::npos) << noise.error().what();
}

namespace {

void expectSameCues(const std::vector<Cue>& got, const std::vector<Cue>& want, const char* format) {
    ASSERT_EQ(got.size(), want.size()) << format;
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i].start, want[i].start) << format << " cue " << i;
        EXPECT_EQ(got[i].end, want[i].end) << format << " cue " << i;
        EXPECT_EQ(got[i].text, want[i].text) << format << " cue " << i;
    }
}

}  // namespace

// Whatever an editor types survives export and import in both formats.
TEST(CaptionsIo, WhateverTheEditorTypesRoundTrips) {
    std::vector<Cue> cues = {
        {0, 1'000'000, 2'000'000, "一行目\n\n空行の後"},                 // a blank line inside the cue
        {0, 3'000'000, 4'000'000, "00:00:05.000 --> 00:00:06.000"},     // looks like a timing line
        {0, 5'000'000, 6'000'000, "a --> b\n--> c"},
        {0, 7'000'000, 8'000'000, "<b>not a tag</b> & a < b > c &amp; &lt;"},
        {0, 9'000'000, 10'000'000, std::string(5000, 'x') + "長い行"},  // a very long line
        {0, 11'000'000, 12'000'000, "\n\nstarts and ends blank\n"},
        {0, 13'000'000, 14'000'000, "  \n\t\nblanks only lines"},
        {0, 15'000'000, 16'000'000, "{\\an8} typed literally &#123;"},
        {0, 17'000'000, 18'000'000, "NOTE\n1\nWEBVTT"},
    };
    for (auto format : {CaptionFormat::Vtt, CaptionFormat::Srt}) {
        const char* name = format == CaptionFormat::Vtt ? "vtt" : "srt";
        auto text = writeCaptions(cues, format);
        auto back = parseCaptions(text, std::string("x.") + name);
        ASSERT_TRUE(back.ok()) << name << ": " << back.error().what() << "\n" << text;
        expectSameCues(*back, cues, name);
    }
}

TEST(CaptionsIo, ReadsACueRightAfterTheHeader) {
    auto cues = parseCaptions("WEBVTT\n00:00:01.000 --> 00:00:02.000\n最初\n\n00:00:03.000 --> 00:00:04.000\n次\n", "a.vtt");
    ASSERT_TRUE(cues.ok()) << cues.error().what();
    ASSERT_EQ(cues->size(), 2u);
    EXPECT_EQ((*cues)[0].text, "最初");
    auto withId = parseCaptions("WEBVTT\nintro\n00:00:01.000 --> 00:00:02.000\n最初\n", "a.vtt");
    ASSERT_TRUE(withId.ok()) << withId.error().what();
    ASSERT_EQ(withId->size(), 1u);
    EXPECT_EQ((*withId)[0].text, "最初");
    auto header = parseCaptions("WEBVTT\nKind: captions\nLanguage: ja\n\n00:00:01.000 --> 00:00:02.000\na\n", "a.vtt");
    ASSERT_TRUE(header.ok());
    EXPECT_EQ(header->size(), 1u);
}

TEST(CaptionsIo, ReadsSrtWithTwoDigitFractionsAndOverrideCodes) {
    auto cues = parseCaptions("1\n00:00:01,50 --> 00:00:02,5\n{\\an8}上に表示\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\i1}斜体{\\i0}です\n",
                              "a.srt");
    ASSERT_TRUE(cues.ok()) << cues.error().what();
    ASSERT_EQ(cues->size(), 2u);
    EXPECT_EQ((*cues)[0].start, 1'500'000);
    EXPECT_EQ((*cues)[0].end, 2'500'000);
    EXPECT_EQ((*cues)[0].text, "上に表示");
    EXPECT_EQ((*cues)[1].text, "斜体です");
}

TEST(CaptionsIo, HugeTimesAreRefusedWithTheLine) {
    auto hours = parseCaptions("1\n9999:00:00,000 --> 9999:00:01,000\nx\n", "huge.srt");
    ASSERT_FALSE(hours.ok());
    EXPECT_NE(hours.error().what().find("line 2"), std::string::npos) << hours.error().what();
    EXPECT_FALSE(parseCaptions("1\n99999999999999:00:00,000 --> 99999999999999:00:01,000\nx\n", "huge.srt").ok());
    // Writing clamps instead of printing garbage.
    auto text = writeCaptions({{0, 0, INT64_MAX, "x"}}, CaptionFormat::Vtt);
    EXPECT_NE(text.find("00:00:00.000 --> 2777:46:40.000"), std::string::npos) << text;
}

TEST(LanguageTag, Bcp47OrRefused) {
    for (const char* ok : {"ja", "en", "pt-BR", "zh-Hant", "zh-Hant-TW", "sr-Latn-RS", "es-419", "fil"})
        EXPECT_TRUE(isLanguageTag(ok)) << ok;
    for (const char* bad : {"", "../../x", "..", "ja/x", "ja.vtt", "j", "Latn", "ja-", "-ja", "ja--JP", "ja JP", "日本",
                            "ja-toolongsubtag", "12", "ja\n"})
        EXPECT_FALSE(isLanguageTag(bad)) << bad;
    EXPECT_EQ(notALanguageTag("../../x").find('\n'), std::string::npos);
}

// Found by fuzzing: a lone CR ended no line on reading but did after writing, so a cue changed on a round trip.
TEST(CaptionsIo, ALoneCrIsALineBreakBothWays) {
    auto cues = parseCaptions("1\r00:00:01,000 --> 00:00:02,000\rこんにちは\r二行目\r\r", "x.srt");
    ASSERT_TRUE(cues.ok()) << cues.error().what();
    ASSERT_EQ(cues->size(), 1u);
    EXPECT_EQ((*cues)[0].text, "こんにちは\n二行目");
    for (auto format : {CaptionFormat::Vtt, CaptionFormat::Srt}) {
        auto again = parseCaptions(writeCaptions(*cues, format), format == CaptionFormat::Vtt ? "a.vtt" : "a.srt");
        ASSERT_TRUE(again.ok());
        ASSERT_EQ(again->size(), 1u);
        EXPECT_EQ((*again)[0].text, (*cues)[0].text);
    }
    Cue typed{0, 0, 1'000'000, "a\rb"};
    auto back = parseCaptions(writeCaptions({typed}, CaptionFormat::Vtt), "t.vtt");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ((*back)[0].text, "a\nb");
}
