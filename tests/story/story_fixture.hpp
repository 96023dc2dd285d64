#pragma once
// A library with one generated session (640×360, 12 s, markers and Japanese captions) and a story of
// three items: a clip from a marker, a title card, a clip from an explicit range with a lower third.
#include <gtest/gtest.h>

#include "story/story_model.hpp"
#include "story/story_service.hpp"
#include "tests/package/package_fixture.hpp"

namespace kotsu::test {

struct StoryFixture : PackagedSession {
    Story story;
    std::vector<StoryItem> items;

    explicit StoryFixture(const std::string& name, int width = 640, int height = 360)
        : PackagedSession(name, 12'000'000) {
        auto beats = story::storyTemplate("documentary");
        EXPECT_TRUE(beats.ok());
        auto s = cat->createStory(Story{.title = "熟練の技 " + name, .width = width, .height = height}, *beats);
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().what());
        story = *s;
        story::StoryService svc(*cat, story);
        auto ms = cat->markers(session.id);
        EXPECT_TRUE(ms.ok());
        Id knack = 0;
        for (const auto& m : *ms)
            if (m.kind == MarkerKind::Knack && !knack) knack = m.id;
        auto c1 = svc.addClip({.sessionId = session.id, .markerId = knack});
        EXPECT_TRUE(c1.ok()) << (c1.ok() ? "" : c1.error().what());
        auto t = svc.addTitle({.text = "熟練の技とは", .sub = "旋盤一筋 32年", .length = 2'000'000, .at = 1});
        EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().what());
        auto c2 = svc.addClip({.sessionId = session.id, .in = 1'000'000, .out = 4'000'000, .beat = "veteran"});
        EXPECT_TRUE(c2.ok()) << (c2.ok() ? "" : c2.error().what());
        auto lt = svc.addLowerThird(c2->id, "佐藤 一郎", "旋盤一筋 32年");
        EXPECT_TRUE(lt.ok()) << (lt.ok() ? "" : lt.error().what());
        auto all = cat->storyItems(story.id);
        EXPECT_TRUE(all.ok());
        items = *all;
    }
};

}  // namespace kotsu::test
