// The story editing service: beats place clips, markers give ranges, bad input is refused naming the
// item, undo and redo restore ids.
#include <gtest/gtest.h>

#include "tests/story/story_fixture.hpp"

using namespace kotsu;

TEST(StoryService, BeatsOrderTheFilmAndAKnackMarkerFillsTheKnackBeat) {
    test::StoryFixture f("story-service");
    // title (at 1), veteran clip (its lower third right after it), knack clip: the veteran beat comes
    // before the knack beat although the knack clip was added first.
    ASSERT_EQ(f.items.size(), 4u);
    EXPECT_EQ(f.items[0].kind, StoryItemKind::Title);
    EXPECT_EQ(f.items[1].beat, "veteran");
    EXPECT_EQ(f.items[1].in, 1'000'000);
    EXPECT_EQ(f.items[2].kind, StoryItemKind::LowerThird);
    EXPECT_EQ(f.items[2].parentId, f.items[1].id);
    EXPECT_EQ(f.items[3].beat, "knack") << "a knack marker goes to the knack beat";
    EXPECT_NE(f.items[3].markerId, 0);
    EXPECT_EQ(story::totalDuration(f.items), 2'000'000 + 3'000'000 + f.items[3].duration());
}

TEST(StoryService, RefusesBadInputNamingIt) {
    test::StoryFixture f("story-refuse");
    story::StoryService svc(*f.cat, f.story);
    auto outside = svc.addClip({.sessionId = f.session.id, .in = 10'000'000, .out = 60'000'000});
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().what().find("outside the media"), std::string::npos) << outside.error().what();
    auto marker = svc.addClip({.sessionId = f.session.id, .markerId = 99999});
    ASSERT_FALSE(marker.ok());
    EXPECT_NE(marker.error().what().find("marker 99999"), std::string::npos);
    EXPECT_FALSE(svc.addClip({.sessionId = 4242, .in = 0, .out = 1'000'000}).ok()) << "unknown session";
    EXPECT_FALSE(svc.addClip({.sessionId = f.session.id, .in = 0, .out = 1'000'000, .angle = "handcam"}).ok())
        << "the session has no handcam";
    EXPECT_FALSE(svc.addClip({.sessionId = f.session.id, .in = 0, .out = 1'000'000, .beat = "finale"}).ok());
    auto lt = svc.addLowerThird(f.items[0].id, "x", "");
    ASSERT_FALSE(lt.ok()) << "a lower third goes on a clip";
    EXPECT_NE(lt.error().what().find("title " + std::to_string(f.items[0].id)), std::string::npos);
    EXPECT_FALSE(svc.trim(f.items[1].id, 5'000'000, 13'000'000).ok());
    EXPECT_FALSE(svc.remove(123456).ok());
    auto after = f.cat->storyItems(f.story.id);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->size(), f.items.size()) << "nothing changed";
}

TEST(StoryService, MoveTrimRemoveAndUndoRedo) {
    test::StoryFixture f("story-undo");
    story::StoryService svc(*f.cat, f.story);
    const Id clip = f.items[1].id, lower = f.items[2].id;
    ASSERT_TRUE(svc.move(clip, 3).ok());
    auto moved = svc.items();
    ASSERT_TRUE(moved.ok());
    EXPECT_EQ((*moved)[2].id, clip);
    ASSERT_TRUE(svc.trim(clip, 2'000'000, 2'500'000).ok());
    ASSERT_TRUE(svc.remove(clip).ok());
    auto removed = svc.items();
    ASSERT_TRUE(removed.ok());
    EXPECT_EQ(removed->size(), 2u) << "its lower third went with it";
    ASSERT_TRUE(svc.undo().ok());
    auto back = svc.items();
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), 4u);
    bool found = false;
    for (const auto& it : *back) {
        if (it.id == clip) {
            found = true;
            EXPECT_EQ(it.in, 2'000'000);
            EXPECT_EQ(it.out, 2'500'000);
        }
        if (it.kind == StoryItemKind::LowerThird) {
            EXPECT_EQ(it.id, lower) << "back under its id";
        }
    }
    EXPECT_TRUE(found);
    ASSERT_TRUE(svc.redo().ok());
    auto again = svc.items();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->size(), 2u);
    ASSERT_TRUE(svc.undo().ok());
    ASSERT_TRUE(svc.undo().ok());
    ASSERT_TRUE(svc.undo().ok());
    auto start = svc.items();
    ASSERT_TRUE(start.ok());
    EXPECT_EQ((*start)[1].id, clip);
    EXPECT_EQ((*start)[1].in, 1'000'000);
    EXPECT_FALSE(svc.undo().ok()) << "nothing more to undo";
}
