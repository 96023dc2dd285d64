// The burn-in style as data: assets/burnin.conf built in, the user's burnin.conf over it.
#include <gtest/gtest.h>

#include "player/package/burnin.hpp"
#include "tests/support/user_assets.hpp"

namespace kotsu::package {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(BurninStyle, TheShippedFileIsTheBuiltInDefault) {
    test::UserAssets user("burnin-shipped");
    auto st = loadBurninStyle();
    ASSERT_TRUE(st.ok()) << st.error().what();
    const BurninStyle d;
    EXPECT_EQ(st->font, d.font);
    EXPECT_EQ(st->captionLines, d.captionLines);
    EXPECT_EQ(st->titleLines, d.titleLines);
    EXPECT_EQ(st->titleMinSize, d.titleMinSize);
    EXPECT_EQ(st->margin, d.margin);
    EXPECT_EQ(st->warningSeconds, d.warningSeconds);
    EXPECT_EQ(st->safetySeconds, d.safetySeconds);
    for (auto [a, b] : {std::pair{&st->caption, &d.caption}, {&st->step, &d.step}, {&st->warning, &d.warning}}) {
        EXPECT_EQ(a->colour, b->colour);
        EXPECT_EQ(a->boxColour, b->boxColour);
        EXPECT_EQ(a->boxPadding, b->boxPadding);
    }
}

TEST(BurninStyle, GlassesCaptionsAreBigWhiteOnABlackBoxInsideTheSafeArea) {
    const std::string script = burninScript({}, BurninStyle{});
    EXPECT_TRUE(contains(script, "Style: Caption,Noto Sans CJK JP,64,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,"
                                 "1,0,0,0,100,100,0,0,3,10,0,2,52,52,55,1\n"))  // margins + box padding (+ descent below)
        << script;
    EXPECT_TRUE(contains(script, "Style: Step,Noto Sans CJK JP,30,&H0000FFFF,&H0000FFFF,&H00000000,&H00000000,"));
    EXPECT_TRUE(contains(script, "Style: Warning,Noto Sans CJK JP,30,&H00000000,&H00000000,&H0000D7FF,&H0000D7FF,"
                                 "1,0,0,0,100,100,0,0,3,6,0,7,42,42,84,1\n"));
    BurninStyle vuzix;
    vuzix.height = 360;
    EXPECT_GE(vuzix.captionSize(), 360 / 12);
}

TEST(BurninStyle, AUserFileChangesTheKeysItGives) {
    test::UserAssets user("burnin-user");
    user.write("burnin.conf", "font = IPAGothic\n[caption]\ncolour = #ffff80\n");
    auto st = loadBurninStyle();
    ASSERT_TRUE(st.ok()) << st.error().what();
    EXPECT_EQ(st->font, "IPAGothic");
    EXPECT_EQ(st->caption.colour, "FFFF80");
    EXPECT_EQ(st->caption.boxColour, "000000");
    EXPECT_TRUE(contains(burninScript({}, *st), "Style: Caption,IPAGothic,64,&H0080FFFF,"));
}

TEST(BurninStyle, BadKeysValuesAndSectionsNameTheFileAndLine) {
    test::UserAssets user("burnin-bad");
    auto path = user.write("burnin.conf", "[caption]\ncolour = white\n");
    auto st = loadBurninStyle();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().what(), path.string() + ":2: colour: 'white' is not a colour #RRGGBB");
    user.write("burnin.conf", "margin = 5\nmargn = 6\n");
    EXPECT_EQ(loadBurninStyle().error().what(), path.string() + ":2: unknown key 'margn'");
    user.write("burnin.conf", "\n[subtitle]\n");
    EXPECT_TRUE(contains(loadBurninStyle().error().what(), ":2: unknown section [subtitle]"));
}

}  // namespace
}  // namespace kotsu::package
