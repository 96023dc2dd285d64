// Profiles as data: assets/profiles.conf built in, the user's profiles.conf over it, errors with the line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/user_assets.hpp"
#include "transcode/asset_transcode.hpp"
#include "transcode/profiles.hpp"

namespace kotsu::transcode {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Profiles, TheShippedFileHoldsTabletGlassesProxyAndVuzix) {
    test::UserAssets user("profiles-shipped");
    auto all = loadProfiles();
    ASSERT_TRUE(all.ok()) << all.error().what();
    auto tablet = findProfile("tablet");
    ASSERT_TRUE(tablet.ok());
    EXPECT_EQ(tablet->width, 1280);
    EXPECT_TRUE(tablet->workSoundTrack);
    EXPECT_FALSE(tablet->burnIn);
    auto glasses = findProfile("glasses");
    ASSERT_TRUE(glasses.ok());
    EXPECT_EQ(glasses->audioChannels, 1);
    EXPECT_TRUE(glasses->burnIn);
    auto vuzix = findProfile("vuzix");
    ASSERT_TRUE(vuzix.ok());
    EXPECT_EQ(vuzix->width, 640);
    EXPECT_EQ(vuzix->height, 360);
    EXPECT_EQ(vuzix->x264Profile, "main");
    EXPECT_EQ(vuzix->maxBitrate, 700);
    EXPECT_EQ(vuzix->audioChannels, 1) << "mono voice, from its base";
    EXPECT_TRUE(vuzix->speechChain);
    EXPECT_TRUE(vuzix->burnIn);
    EXPECT_FALSE(findProfile("proxy")->packaged);
}

TEST(Profiles, AUserFileInTheLibraryAddsA640x360ProfileWithoutRebuilding) {
    test::UserAssets user("profiles-user");
    test::ScratchDir library("profiles-library");
    ::setenv("KOTSU_LIBRARY", library.path().c_str(), 1);  // UserAssets puts it back
    std::ofstream(library / "profiles.conf") << "# site glasses\n[m400]\nbase = glasses\nwidth = 640\nheight = 360\n"
                                               "max-bitrate = 600\n";
    auto m400 = findProfile("m400");
    ASSERT_TRUE(m400.ok()) << m400.error().what();
    EXPECT_EQ(m400->width, 640);
    EXPECT_EQ(m400->height, 360);
    EXPECT_EQ(m400->maxBitrate, 600);
    EXPECT_TRUE(m400->burnIn);
    auto list = parseProfileList("tablet,m400");
    ASSERT_TRUE(list.ok()) << list.error().what();
    EXPECT_EQ(*list, (std::vector<std::string>{"tablet", "m400"}));
}

TEST(Profiles, AUserSectionWithAShippedNameChangesOnlyTheKeysItGives) {
    test::UserAssets user("profiles-override");
    user.write("profiles.conf", "[tablet]\ncrf = 20\n");
    auto tablet = findProfile("tablet");
    ASSERT_TRUE(tablet.ok());
    EXPECT_EQ(tablet->crf, 20);
    EXPECT_EQ(tablet->width, 1280);
}

TEST(Profiles, ABrokenFileIsAnErrorNamingTheFileAndLine) {
    test::UserAssets user("profiles-broken");
    auto path = user.write("profiles.conf", "[vuzix]\nwidth 640\n");
    auto p = findProfile("tablet");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().what().rfind(path.string() + ":2: ", 0), 0u) << p.error().what();
    EXPECT_FALSE(parseProfileList("tablet").ok());
    EXPECT_FALSE(profiles().empty()) << "the built-in profiles stay usable";
}

TEST(Profiles, UnknownKeysAndValuesAreRefusedWithTheirLine) {
    test::UserAssets user("profiles-unknown");
    auto path = user.write("profiles.conf", "[a]\nbase = glasses\nwidht = 640\n");
    auto p = findProfile("a");
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(contains(p.error().what(), path.string() + ":3: unknown key 'widht'")) << p.error().what();

    user.write("profiles.conf", "[b]\nbase = glasses\n\nx264-profile = ultra\n");
    p = findProfile("b");
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(contains(p.error().what(), ":4: x264-profile: 'ultra' is not one of baseline, main, high"))
        << p.error().what();

    user.write("profiles.conf", "[c]\nbase = glasses\naudio-channels = 6\n");
    EXPECT_TRUE(contains(findProfile("c").error().what(), ":3: audio-channels: 6 is outside 1…2"));
    user.write("profiles.conf", "[d]\nbase = nothing\n");
    EXPECT_TRUE(contains(findProfile("d").error().what(), ":2: base: no profile 'nothing'"));
    user.write("profiles.conf", "[e]\nwidth = 640\n");
    EXPECT_TRUE(contains(findProfile("e").error().what(), ":1: [e] needs width, height and x264-profile"));
}

}  // namespace
}  // namespace kotsu::transcode
