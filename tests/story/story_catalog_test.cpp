// Migration 7 (fixture-free: a catalog made at version 5 with a story row of migration 3's shape) and the
// catalog's story queries.
#include <gtest/gtest.h>

#include "core/catalog/catalog.hpp"
#include "story/story_model.hpp"
#include "tests/core/catalog_support.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;

TEST(StoryCatalog, Migration7RebuildsStoryItemsKeepingTheirRows) {
    test::ScratchDir dir("story-migrate7");
    const auto path = (dir / "catalog.db").string();
    {
        auto db = catalog::Database::open(path);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(catalog::migrate(*db, 5).ok());
        ASSERT_TRUE(db->exec("INSERT INTO sessions(id, title) VALUES(1, '旋盤');"
                             "INSERT INTO stories(id, title) VALUES(4, '熟練の技');"
                             "INSERT INTO story_items(id, story_id, position, session_id, in_us, out_us) VALUES(9, 4, 0, 1, 1000000, 3000000);"
                             "INSERT INTO story_items(id, story_id, position, title_card) VALUES(10, 4, 1, '匠とは');")
                        .ok());
    }
    auto cat = catalog::Catalog::open(path, false);
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->schemaVersion(), catalog::latestSchemaVersion());
    auto items = cat->storyItems(4);
    ASSERT_TRUE(items.ok()) << items.error().what();
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ((*items)[0].id, 9);
    EXPECT_EQ((*items)[0].kind, StoryItemKind::Clip);
    EXPECT_EQ((*items)[0].in, 1'000'000);
    EXPECT_EQ((*items)[0].out, 3'000'000);
    EXPECT_EQ((*items)[0].angle, "main");
    EXPECT_EQ((*items)[1].kind, StoryItemKind::Title);
    EXPECT_EQ((*items)[1].text, "匠とは");
    EXPECT_EQ((*items)[1].duration(), 3'000'000) << "an old card without a length gets 3 s";
    auto s = cat->findStory("熟練の技");
    ASSERT_TRUE(s.ok() && *s);
    EXPECT_EQ((*s)->width, 1920);
    EXPECT_EQ((*s)->fps, (Rational{30, 1}));
    // The kind's rules hold in the table itself.
    EXPECT_FALSE(cat->db().exec("INSERT INTO story_items(story_id, position, kind, in_us, out_us) VALUES(4, 2, 'clip', 0, 1)").ok())
        << "a clip without a session";
    EXPECT_FALSE(cat->db().exec("INSERT INTO story_items(story_id, position, kind, in_us, out_us) VALUES(4, 2, 'title', 5, 5)").ok())
        << "an empty range";
}

TEST(StoryCatalog, DocumentaryTemplateAndIdsThatSurviveAReplace) {
    test::ScratchDir dir("story-catalog");
    auto cat = catalog::Catalog::open((dir / "catalog.db").string());
    ASSERT_TRUE(cat.ok());
    auto beats = story::storyTemplate("documentary");
    ASSERT_TRUE(beats.ok()) << beats.error().what();
    std::vector<std::string> names;
    for (const auto& b : *beats) names.push_back(b.name);
    EXPECT_EQ(names, (std::vector<std::string>{"hook", "veteran", "problem", "knack", "result", "closing"}));
    for (const auto& b : *beats) EXPECT_GT(b.suggested, 0) << b.name;
    EXPECT_FALSE(story::storyTemplate("opera").ok());
    auto blank = story::storyTemplate("blank");
    ASSERT_TRUE(blank.ok());
    EXPECT_TRUE(blank->empty());

    auto s = cat->createStory(Story{.title = "熟練の技 — フランジ締結"}, *beats);
    ASSERT_TRUE(s.ok()) << s.error().what();
    EXPECT_FALSE(cat->createStory(Story{.title = "熟練の技 — フランジ締結"}, {}).ok()) << "titles are unique";
    auto stored = cat->storyBeats(s->id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->size(), 6u);
    EXPECT_EQ((*stored)[3].name, "knack");

    std::vector<StoryItem> items{{.position = 0, .kind = StoryItemKind::Title, .in = 0, .out = 2'000'000, .text = "問い"},
                                 {.position = 1, .kind = StoryItemKind::Title, .in = 0, .out = 1'000'000, .text = "答え"}};
    auto first = cat->replaceStoryItems(s->id, items);
    ASSERT_TRUE(first.ok()) << first.error().what();
    ASSERT_EQ(first->size(), 2u);
    const Id a = (*first)[0].id, b = (*first)[1].id;
    // Remove the second, add another: the new one never gets the removed one's id.
    auto second = cat->replaceStoryItems(s->id, {(*first)[0], StoryItem{.kind = StoryItemKind::Title, .out = 1, .text = "x"}});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ((*second)[0].id, a);
    EXPECT_GT((*second)[1].id, b);
    // An undo brings the removed item back under its id.
    auto back = cat->replaceStoryItems(s->id, *first);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ((*back)[1].id, b);
    EXPECT_EQ((*back)[1].text, "答え");
}
