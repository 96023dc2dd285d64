// The command stack: every edit is undoable, a composite is one step, and the catalog always
// holds what the state shows.
#include "tests/annotate/annotate_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

using Commands = AnnotateFixture;

TEST_F(Commands, AddingAStepAtThePlayheadRunsToTheEndAndIsStoredAtOnce) {
    exec(addMarkerAt(state, MarkerKind::Step, 10'000'000));
    EXPECT_EQ(sketch(state.markers), "step[10-60)");
    EXPECT_EQ(sketch(stored()), "step[10-60)");
    EXPECT_EQ(state.markers[0].title, "Step 1");
}

TEST_F(Commands, AStepBoundaryInsideAStepSplitsIt) {
    // | step 0-60 |  ->  | 0-20 | 20-60 |
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Step, 20'000'000));
    EXPECT_EQ(sketch(state.markers), "step[0-20) step[20-60)");
    EXPECT_EQ(stack->undoName(), "split-step");
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(sketch(state.markers), "step[0-60)");
    EXPECT_EQ(sketch(stored()), "step[0-60)");
    ASSERT_TRUE(stack->redo().ok());
    EXPECT_EQ(sketch(stored()), "step[0-20) step[20-60)");
}

TEST_F(Commands, UndoAndRedoWalkTheWholeHistory) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Knack, 5'000'000));
    exec(addMarkerAt(state, MarkerKind::Tag, 7'000'000));
    const Id knack = state.markers[1].id;
    exec(nudgeMarker(state, knack, Edge::Both, 3));  // 3 frames = 0.1 s
    EXPECT_EQ(sketch(state.markers), "step[0-60) knack[5.1-7.1) tag[7-7)");
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(stack->undo().ok());
    EXPECT_TRUE(state.markers.empty());
    EXPECT_TRUE(stored().empty());
    EXPECT_FALSE(stack->undo().ok());
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(stack->redo().ok());
    EXPECT_EQ(sketch(stored()), "step[0-60) knack[5.1-7.1) tag[7-7)");
    // Ids survive undo/redo, so later commands on the redo stack still find their marker.
    EXPECT_EQ(state.markers[1].id, knack);
    EXPECT_EQ(stack->log(), (std::vector<std::string>{"add-step", "add-marker", "add-marker", "nudge-marker",
                                                       "undo:nudge-marker", "undo:add-marker", "undo:add-marker",
                                                       "undo:add-step", "redo:add-step", "redo:add-marker",
                                                       "redo:add-marker", "redo:nudge-marker"}));
}

TEST_F(Commands, ANewEditClearsTheRedoStack) {
    exec(addMarkerAt(state, MarkerKind::Tag, 1'000'000));
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_TRUE(stack->canRedo());
    exec(addMarkerAt(state, MarkerKind::Tag, 2'000'000));
    EXPECT_FALSE(stack->canRedo());
}

TEST_F(Commands, AnEditThatBreaksTheRulesIsRefusedAndChangesNothing) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Step, 30'000'000));  // | 0-30 | 30-60 |
    const Id first = state.markers[0].id;
    auto cmd = setMarkerRange(state, first, 0, 40'000'000, "trim-marker");  // would overlap the second
    ASSERT_TRUE(cmd.ok());
    auto r = stack->execute(std::move(cmd).value());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("overlaps"), std::string::npos) << r.error().what();
    EXPECT_EQ(sketch(state.markers), "step[0-30) step[30-60)");
    EXPECT_EQ(sketch(stored()), "step[0-30) step[30-60)");
}

TEST_F(Commands, AKnackNeedsAStepUnderThePlayhead) {
    auto r = addMarkerAt(state, MarkerKind::Knack, 5'000'000);
    EXPECT_FALSE(r.ok());
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Safety, 59'000'000));
    EXPECT_EQ(sketch(state.markers), "step[0-60) safety[59-60)");
}

TEST_F(Commands, InAndOutMarksMakeARangeMarker) {
    state.markIn = 2'000'000;
    state.markOut = 4'500'000;
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    EXPECT_EQ(sketch(state.markers), "step[2-4.5)");
}

TEST_F(Commands, InspectorEditsKeepJapaneseText) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    Marker m = state.markers[0];
    m.title = "仮締め";
    m.note = "音が「カチッ」と変わったら止める\n手応えが軽くなる";
    m.warning = "手袋を巻き込まない";
    m.tags = {"トルク", "音"};
    exec(editMarker(state, m));
    auto back = stored();
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].title, "仮締め");
    EXPECT_EQ(back[0].note, m.note);
    EXPECT_EQ(back[0].tags, m.tags);
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(stored()[0].title, "Step 1");
}

TEST_F(Commands, EditsLandOnFrames) {
    exec(addMarkerAt(state, MarkerKind::Tag, 1'234'567));
    EXPECT_EQ(state.markers[0].in, 1'233'333);  // frame 37 at 30 fps
    EXPECT_EQ(state.grid.frameAt(1'233'333), 37);
}

TEST_F(Commands, FrameGridRoundTripsAtNtscRates) {
    FrameGrid g({30000, 1001});
    for (std::int64_t k = 0; k < 200'000; k += 7) {
        ASSERT_EQ(g.frameAt(g.timeOf(k)), k);
        ASSERT_EQ(g.frameAt(g.timeOf(k + 1) - 1), k);
    }
}

TEST_F(Commands, SuggestionsAreAcceptedAsBoundariesOrDismissed) {
    ASSERT_TRUE(cat->replaceOpenSuggestions(sessionId, {Suggestion{0, sessionId, 12'000'000, 0.9, "cut", "open"},
                                                        Suggestion{0, sessionId, 30'000'000, 0.7, "pause", "open"},
                                                        Suggestion{0, sessionId, 45'000'000, 0.4, "activity", "open"}})
                    .ok());
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    reload();
    ASSERT_EQ(state.suggestions.size(), 3u);
    Id s1 = nextOpenSuggestion(state, 0, +1);
    EXPECT_EQ(state.suggestion(s1)->time, 12'000'000);
    exec(acceptSuggestion(state, s1));
    EXPECT_EQ(sketch(state.markers), "step[0-12) step[12-60)");
    Id s2 = nextOpenSuggestion(state, 12'000'000, +1);
    exec(dismissSuggestion(state, s2));
    auto sg = cat->suggestions(sessionId);
    ASSERT_TRUE(sg.ok());
    EXPECT_EQ((*sg)[0].state, "accepted");
    EXPECT_EQ((*sg)[1].state, "dismissed");
    EXPECT_EQ((*sg)[2].state, "open");
    EXPECT_EQ(nextOpenSuggestion(state, 12'000'000, +1), (*sg)[2].id);
    ASSERT_TRUE(stack->undo().ok());
    ASSERT_TRUE(stack->undo().ok());
    sg = cat->suggestions(sessionId);
    EXPECT_EQ((*sg)[0].state, "open");
    EXPECT_EQ((*sg)[1].state, "open");
    EXPECT_EQ(sketch(stored()), "step[0-60)");
}

}  // namespace
}  // namespace kotsu::test
