// The story playback model (annotate/story_playback): which session to open, where to seek, when an
// out point is reached, and what ends it — without a window.
#include <gtest/gtest.h>

#include "annotate/story_playback.hpp"

namespace kotsu::annotate {
namespace {

StoryItem clip(Id id, Id session, Micros in, Micros out) {
    StoryItem it;
    it.id = id;
    it.kind = StoryItemKind::Clip;
    it.sessionId = session;
    it.in = in;
    it.out = out;
    return it;
}

constexpr Micros kFrame = 33'333;

TEST(StoryPlayback, OpensSeeksAndMovesOnAtEachOutPointAcrossSessions) {
    StoryItem title;
    title.id = 2;
    title.kind = StoryItemKind::Title;
    title.out = 3'000'000;
    StoryPlayback pb;
    pb.start({clip(1, 10, 2'000'000, 3'000'000), title, clip(3, 20, 1'000'000, 2'000'000)});
    ASSERT_TRUE(pb.active());
    EXPECT_EQ(pb.count(), 2) << "the title has no picture in the viewer";
    // Session 20 is open: open 10, then seek to 2.0 s and play.
    auto n = pb.next(20, 0, false, 10'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::Open);
    EXPECT_EQ(n.sessionId, 10);
    n = pb.next(10, 0, false, 20'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::SeekAndPlay);
    EXPECT_EQ(n.at, 2'000'000);
    EXPECT_EQ(pb.next(10, 2'500'000, true, 20'000'000, kFrame).what, StoryPlayback::Do::Nothing);
    // The last frame of the first clip: on to the second, in session 20.
    n = pb.next(10, 3'000'000 - kFrame, true, 20'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::Open);
    EXPECT_EQ(n.sessionId, 20);
    EXPECT_EQ(pb.index(), 1);
    n = pb.next(20, 0, false, 6'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::SeekAndPlay);
    EXPECT_EQ(n.at, 1'000'000);
    // Noticed late (the playhead is past the out point): the story ends on the clip's last frame.
    n = pb.next(20, 2'300'000, true, 6'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::Stop);
    EXPECT_EQ(n.at, 2'000'000 - kFrame);
    EXPECT_FALSE(pb.active());
}

TEST(StoryPlayback, APauseEndsItWhereItIsAndNoClipsMeansNothingToPlay) {
    StoryPlayback pb;
    pb.start({clip(1, 10, 0, 4'000'000)});
    EXPECT_EQ(pb.next(10, 0, false, 9'000'000, kFrame).what, StoryPlayback::Do::SeekAndPlay);
    auto n = pb.next(10, 1'000'000, false, 9'000'000, kFrame);
    EXPECT_EQ(n.what, StoryPlayback::Do::Stop);
    EXPECT_EQ(n.at, -1);
    EXPECT_FALSE(pb.active());
    // A clip running to the end of its media: the transport stops at the last frame, which counts.
    pb.start({clip(1, 10, 8'000'000, 9'000'000)});
    (void)pb.next(10, 0, false, 9'000'000 - kFrame, kFrame);
    EXPECT_EQ(pb.next(10, 9'000'000 - kFrame, false, 9'000'000 - kFrame, kFrame).what, StoryPlayback::Do::Stop);
    pb.start({});
    EXPECT_FALSE(pb.active());
    EXPECT_EQ(pb.next(10, 0, false, 1, kFrame).what, StoryPlayback::Do::Nothing);
}

}  // namespace
}  // namespace kotsu::annotate
