// The editor's strings as data: assets/strings/ja.conf built in, the user's file over it.
#include <gtest/gtest.h>

#ifdef KOTSU_HAVE_ANNOTATE_UI  // built without the GUI (KOTSU_BUILD_GUI=OFF): model tests only
#include <fstream>
#include <regex>
#include <sstream>

#include "annotate/ui/i18n.hpp"
#include "annotate/ui/translations.hpp"
#include "tests/support/user_assets.hpp"

namespace kotsu::annotate::ui {
namespace {

TEST(Translations, JapaneseComesFromTheShippedFileAndMissingOnesShowEnglish) {
    ASSERT_TRUE(translationsStatus().ok()) << translationsStatus().error().what();
    EXPECT_STREQ(tr(Lang::Ja, "Undo"), "元に戻す");
    EXPECT_STREQ(tr(Lang::Ja, "Nothing selected. Click a marker on the timeline, or press M to add one at the playhead."),
                 "未選択です。タイムラインのマーカーをクリックするか、M で再生位置に追加します。");
    EXPECT_STREQ(tr(Lang::Ja, "No such string"), "No such string");
    EXPECT_STREQ(tr(Lang::En, "Undo"), "Undo");
}

TEST(Translations, EveryCommandLabelAndMenuIsTranslated) {
    std::ifstream in(std::string(KOTSU_SOURCE_DIR) + "/annotate/ui/app_commands.cpp");
    std::stringstream src;
    src << in.rdbuf();
    const std::string text = src.str();
    std::regex added(R"re(add\("[a-z0-9-]+",\s*"([^"]+)",\s*"([^"]+)")re");  // add(name, label, menu, …)
    auto ja = loadTranslations();
    ASSERT_TRUE(ja.ok()) << ja.error().what();
    int n = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), added), end; it != end; ++it, ++n)
        for (int i : {1, 2}) EXPECT_TRUE(ja->count((*it)[i].str())) << (*it)[i].str();
    EXPECT_GT(n, 20);
}

TEST(Translations, AUserFileAddsAndReplacesLinesAndABadOneNamesTheLine) {
    test::UserAssets user("i18n-user");
    auto path = user.write("strings/ja.conf", "# site words\nUndo = 取り消し\nSnap = 吸着\n");
    auto t = loadTranslations();
    ASSERT_TRUE(t.ok()) << t.error().what();
    EXPECT_EQ(t->at("Undo"), "取り消し");
    EXPECT_EQ(t->at("Redo"), "やり直す") << "the built-in lines stay";
    user.write("strings/ja.conf", "Undo = 取り消し\nRedo\n");
    t = loadTranslations();
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().what(), path.string() + ":2: expected 'key = value', got 'Redo'");
}

}  // namespace
}  // namespace kotsu::annotate::ui
#endif
