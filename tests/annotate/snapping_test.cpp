// Snapping on the timeline: the playhead, marker edges, suggestions and shot changes pull a dragged
// edge within the tolerance; elsewhere the edge only lands on a frame.
#include "annotate/snapping.hpp"
#include "tests/annotate/annotate_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;
using Snapping = AnnotateFixture;

TEST_F(Snapping, PullsToTheNearestTargetWithinTolerance) {
    exec(addMarkerAt(state, MarkerKind::Step, 10'000'000));
    state.playhead = 20'000'000;
    state.suggestions.push_back(Suggestion{1, sessionId, 30'000'000, 1, "cut", "open"});
    state.shotChanges = {40'000'000};
    auto targets = snapTargets(state, {});
    const Micros tol = 200'000;
    EXPECT_EQ(snapTime(state, targets, 10'150'000, tol).source, SnapSource::Marker);
    EXPECT_EQ(snapTime(state, targets, 10'150'000, tol).time, 10'000'000);
    EXPECT_EQ(snapTime(state, targets, 19'900'000, tol).source, SnapSource::Playhead);
    EXPECT_EQ(snapTime(state, targets, 30'100'000, tol).source, SnapSource::Suggestion);
    EXPECT_EQ(snapTime(state, targets, 39'850'000, tol).source, SnapSource::ShotChange);
    auto free = snapTime(state, targets, 25'010'000, tol);
    EXPECT_EQ(free.source, SnapSource::None);
    EXPECT_EQ(free.time, 25'000'000);  // on a frame
}

TEST_F(Snapping, TogglesAndExclusionsRemoveTargets) {
    exec(addMarkerAt(state, MarkerKind::Step, 10'000'000));
    const Id id = state.markers[0].id;
    state.playhead = 0;
    SnapOptions off;
    off.enabled = false;
    EXPECT_TRUE(snapTargets(state, off).empty());
    auto targets = snapTargets(state, {}, id);  // dragging the marker itself
    EXPECT_EQ(snapTime(state, targets, 10'100'000, 200'000).source, SnapSource::None);
    SnapOptions noShots;
    noShots.shotChanges = false;
    state.shotChanges = {5'000'000};
    EXPECT_EQ(snapTime(state, snapTargets(state, noShots), 5'050'000, 200'000).source, SnapSource::None);
}

TEST_F(Snapping, MovingARangeSnapsWhicheverEdgeIsCloser) {
    state.playhead = 30'000'000;
    auto targets = snapTargets(state, {});
    SnapSource src{};
    // Range 25.0-29.9: the out edge is 0.1 s from the playhead.
    EXPECT_EQ(snapMove(state, targets, 25'000'000, 29'900'000, 200'000, &src), 25'100'000);
    EXPECT_EQ(src, SnapSource::Playhead);
}

}  // namespace
}  // namespace kotsu::test
