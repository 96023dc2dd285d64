// Several cameras, one session (issue 9 item 6): the viewer switches angles in sync — the picture at
// session time T is the angle's at T − where it starts — and a step's angle is one undoable edit
// through the marker service, refused with the same words for the CLI and the editor.
#include <gtest/gtest.h>

#include "annotate/commands.hpp"
#include "annotate/edits.hpp"
#include "annotate/marker_service.hpp"
#include "annotate/media_files.hpp"
#include "annotate/workspace.hpp"
#include "tests/support/two_cameras.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;
using namespace std::chrono_literals;

class Angles : public ::testing::Test {
protected:
    void SetUp() override { makeTwoCameras(cams, "annotate-angles"); }
    TwoCameras cams;
};

// The number the picture the viewer would upload shows (waits for the frame under the playhead).
int shownNumber(Workspace& w) {
    FramePump* p = w.pump();
    if (!p) return -2;
    auto f = p->waitFor(w.viewFrame(), 10s);
    if (!f) return -3;
    return frameNumber(*f);
}

// The referee: the hand camera's own file, decoded on its own, at file frame k.
int handcamFileNumber(const TwoCameras& cams, std::int64_t k) {
    auto src = VideoSource::open(cams.handFile.string());
    if (!src) return -4;
    auto f = src->frame(k);
    return f ? frameNumber(*f) : -5;
}

void checkViewerFollowsTheSessionTime(Workspace& w, const TwoCameras& cams) {
    ASSERT_EQ(w.angles().size(), 2u);
    EXPECT_EQ(w.angles()[1].name, "handcam");
    EXPECT_EQ(w.angles()[1].start, kHandStart);
    w.seek(2'000'000);  // session frame 60
    EXPECT_EQ(shownNumber(w), 60) << "the main's picture";
    ASSERT_TRUE(w.showAngle("handcam").ok());
    EXPECT_EQ(w.state().playhead, 2'000'000) << "switching keeps the playhead";
    EXPECT_EQ(w.angleName(), "handcam");
    // Session 2.0 s = 1.0 s into the hand camera: its file frame 30.
    const int expected = handcamFileNumber(cams, 30);
    EXPECT_EQ(expected, kHandNumberBase + 30);
    EXPECT_EQ(shownNumber(w), expected);
    // Stepping and seeking stay in sync on the angle.
    for (Micros t : {2'500'000, 1'033'334, 3'966'667, 1'500'000}) {
        w.seek(t);
        // The playhead snaps to the main's frame grid; the hand camera's frame under it:
        const std::int64_t k = ((w.state().playhead - kHandStart) * 30 + 500'000) / 1'000'000;
        EXPECT_EQ(shownNumber(w), kHandNumberBase + k) << "session time " << t;
    }
    w.stepFrames(+1);
    EXPECT_EQ(shownNumber(w), kHandNumberBase + 16);
    // Before the hand camera started: its first picture, not an error.
    w.seek(400'000);
    EXPECT_EQ(shownNumber(w), kHandNumberBase);
    // Back to the main at the same time.
    w.seek(3'000'000);
    ASSERT_TRUE(w.showAngle(size_t{0}).ok());
    EXPECT_EQ(w.angleName(), "main");
    EXPECT_EQ(shownNumber(w), 90);
    EXPECT_FALSE(w.showAngle("overview").ok());
    EXPECT_FALSE(w.showAngle(size_t{2}).ok());
}

TEST_F(Angles, TheViewerShowsTheHandCameraAtTheSameSessionTimeFromItsOriginal) {
    auto ws = Workspace::open(cams.lib, cams.session.id);
    ASSERT_TRUE(ws.ok()) << ws.error().what();
    (*ws)->cancelProxy();  // the main's proxy is not what this is about
    checkViewerFollowsTheSessionTime(**ws, cams);
}

TEST_F(Angles, TheViewerShowsTheHandCameraAtTheSameSessionTimeFromItsProxy) {
    if (!canMakeProxy()) GTEST_SKIP() << "this build makes no proxies";
    Progress p("proxy", cams.handcam.probe.duration, false);
    ASSERT_TRUE(makeProxy(cams.lib, cams.handcam, p, CancelToken::detached()).ok());
    auto cat = cams.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    ASSERT_TRUE(locateMedia(cams.lib, *cat, cams.handcam).isProxy);
    auto ws = Workspace::open(cams.lib, cams.session.id);
    ASSERT_TRUE(ws.ok()) << ws.error().what();
    (*ws)->cancelProxy();
    checkViewerFollowsTheSessionTime(**ws, cams);
}

TEST_F(Angles, AStepChoosesItsAngleThroughTheServiceAndRefusesWhatTheSessionLacks) {
    auto cat = cams.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    MarkerService svc(*cat, cams.session.id);
    Marker step;
    step.kind = MarkerKind::Step;
    step.in = 1'500'000;
    step.out = 2'500'000;
    step.title = "本締め";
    auto added = svc.add(step);
    ASSERT_TRUE(added.ok()) << added.error().what();
    Marker knack = step;
    knack.kind = MarkerKind::Knack;
    knack.title = "音";
    auto k = svc.add(knack);
    ASSERT_TRUE(k.ok()) << k.error().what();

    ASSERT_TRUE(svc.setAngle(added->id, "handcam").ok());
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "handcam");
    auto none = svc.setAngle(added->id, "overview");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().what(), "marker " + std::to_string(added->id) +
                                       ": the session has no 'overview' angle (its angles: main, handcam)");
    auto notAStep = svc.setAngle(k->id, "handcam");
    ASSERT_FALSE(notAStep.ok());
    EXPECT_NE(notAStep.error().message.find("only a step chooses an angle"), std::string::npos);
    EXPECT_FALSE(svc.setAngle(9999, "handcam").ok());
    ASSERT_TRUE(svc.setAngle(added->id, "main").ok());
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "");
}

TEST_F(Angles, TheEditorsSetAngleIsOneUndoableCommand) {
    auto cat = cams.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    auto st = loadEditorState(*cat, cams.session.id);
    ASSERT_TRUE(st.ok()) << st.error().what();
    EditorState state = std::move(st).value();
    CommandStack stack(state, *cat);
    ASSERT_TRUE(stack.execute(addMarkerAt(state, MarkerKind::Step, 1'000'000).value()).ok());
    const Id id = state.markers.front().id;
    auto cmd = setMarkerAngle(state, id, "handcam");
    ASSERT_TRUE(cmd.ok()) << cmd.error().what();
    ASSERT_TRUE(stack.execute(std::move(cmd).value()).ok());
    EXPECT_EQ(stack.undoName(), "set-angle");
    EXPECT_EQ(state.marker(id)->angle, "handcam");
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "handcam");
    ASSERT_TRUE(stack.undo().ok());
    EXPECT_EQ(state.marker(id)->angle, "");
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "");
    ASSERT_TRUE(stack.redo().ok());
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "handcam");

    // A name the session lacks is refused when the command runs, by the service, and nothing changes.
    auto bad = setMarkerAngle(state, id, "overview");
    ASSERT_TRUE(bad.ok());
    auto r = stack.execute(std::move(bad).value());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no 'overview' angle"), std::string::npos) << r.error().what();
    EXPECT_EQ(state.marker(id)->angle, "handcam");
    EXPECT_EQ(cat->markers(cams.session.id)->front().angle, "handcam");
}

}  // namespace
}  // namespace kotsu::test
