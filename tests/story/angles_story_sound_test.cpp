// A story clip from a camera without a microphone takes its sound from the main camera, on the same
// session time, as a package clip does; a camera with its own microphone keeps its own.
#include <gtest/gtest.h>

#include "story/story_model.hpp"
#include "tests/support/two_cameras.hpp"

namespace kotsu::test {
namespace {

TEST(AnglesStorySound, AHandCameraClipTakesTheMainsSoundAndTheMainKeepsItsOwn) {
    TwoCameras cams;
    makeTwoCameras(cams, "story-angles-sound");
    if (HasFatalFailure()) return;
    auto cat = cams.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    Story s;
    s.title = "手元の音";
    auto story = cat->createStory(s, {});
    ASSERT_TRUE(story.ok()) << story.error().what();
    StoryItem hand;
    hand.sessionId = cams.session.id;
    hand.angle = "handcam";
    hand.in = 1'500'000;
    hand.out = 2'500'000;
    StoryItem main = hand;
    main.angle = "main";
    main.position = 1;
    ASSERT_TRUE(cat->replaceStoryItems(story->id, {hand, main}).ok());
    auto doc = story::loadStoryDoc(*cat, cams.lib, *story);
    ASSERT_TRUE(doc.ok()) << doc.error().what();
    ASSERT_EQ(doc->sources.size(), 2u);
    const auto mainFile = std::filesystem::absolute(cams.lib.absolute(cams.main.path)).lexically_normal();
    const auto handFile = std::filesystem::absolute(cams.lib.absolute(cams.handcam.path)).lexically_normal();
    EXPECT_EQ(doc->sources[0].file, handFile) << "the picture is the hand camera's";
    EXPECT_EQ(doc->sources[0].soundFile, mainFile) << "the sound is the main camera's";
    EXPECT_EQ(doc->sources[0].soundOrigin, cams.main.probe.timelineOrigin);
    EXPECT_EQ(doc->sources[1].soundFile, mainFile);
    EXPECT_EQ(doc->sources[1].file, mainFile);
}

}  // namespace
}  // namespace kotsu::test
