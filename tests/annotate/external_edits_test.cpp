// The editor open on a session while another process (`kotsu markers`, through the same service on
// its own connection) edits it: the editor notices, reloads, keeps the other process's markers, and
// keeps only the undo history that still applies.
#include "annotate/external_edits.hpp"
#include "annotate/marker_service.hpp"
#include "tests/annotate/annotate_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

struct ExternalEditsTest : AnnotateFixture {
    std::optional<catalog::Catalog> other;  // "the CLI": a second connection to the same catalog
    std::unique_ptr<ExternalEdits> external;

    void SetUp() override {
        AnnotateFixture::SetUp();
        auto c = lib.openCatalog();
        ASSERT_TRUE(c.ok()) << c.error().what();
        other.emplace(std::move(c).value());
        external = std::make_unique<ExternalEdits>(state, *stack, *cat);
    }

    MarkerService cli() { return MarkerService(*other, sessionId); }

    // | Step 1 |, with its retitling undone: one entry to undo, one to redo, both on marker 1.
    void addAStepAndUndoItsTitle() {
        exec(addMarkerAt(state, MarkerKind::Step, 0));
        Marker titled = state.markers[0];
        titled.title = "段取り";
        exec(editMarker(state, titled));
        ASSERT_TRUE(stack->undo().ok());
    }

    bool poll() {
        auto r = external->poll();
        EXPECT_TRUE(r.ok()) << r.error().what();
        return r.ok() && *r;
    }

    // "3:tag[40-40)=確認 …": ids, ranges and titles — what must match exactly across an undo.
    static std::string exactly(const std::vector<Marker>& ms) {
        std::string s;
        for (const auto& m : ms) s += std::to_string(m.id) + ":" + sketch({m}) + "=" + m.title + " ";
        return s;
    }
};

Marker marker(MarkerKind kind, Micros in, Micros out, std::string title) {
    Marker m;
    m.kind = kind;
    m.in = in;
    m.out = out;
    m.title = std::move(title);
    return m;
}

TEST_F(ExternalEditsTest, TheCliMarkersSurviveTheEditorsNextEditAndItsUndo) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Step, 30'000'000));  // | Step 1 | Step 2 |
    // Meanwhile: kotsu markers S add --kind knack …; kotsu markers S import tags.json --append
    ASSERT_TRUE(cli().add(marker(MarkerKind::Knack, 5'000'000, 7'000'000, "音")).ok());
    auto imported = cli().import({marker(MarkerKind::Tag, 40'000'000, 40'000'000, "確認")}, ImportMode::Append, "tags.json");
    ASSERT_TRUE(imported.ok()) << imported.error().what();

    ASSERT_TRUE(poll());
    EXPECT_EQ(sketch(state.markers), "step[0-30) knack[5-7) step[30-60) tag[40-40)");
    EXPECT_EQ(stack->undoName(), "split-step") << "the other process touched none of the editor's rows";
    const std::string beforeEdit = exactly(stored());

    exec(addMarkerAt(state, MarkerKind::Tag, 50'000'000));
    EXPECT_EQ(sketch(stored()), "step[0-30) knack[5-7) step[30-60) tag[40-40) tag[50-50)") << "nothing lost or doubled";
    EXPECT_EQ(exactly(stored()), exactly(state.markers));
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(exactly(stored()), beforeEdit);
    EXPECT_EQ(exactly(state.markers), beforeEdit);
    EXPECT_FALSE(poll()) << "the editor's own edits are not news to it";
}

TEST_F(ExternalEditsTest, AnImportThatReplacesTheMarkersDropsTheHistoryThatNoLongerApplies) {
    addAStepAndUndoItsTitle();
    ASSERT_TRUE(stack->canRedo());
    // kotsu markers S import steps.json: every marker replaced, ids new.
    auto imported = cli().import({marker(MarkerKind::Step, 0, 20'000'000, "A"), marker(MarkerKind::Step, 20'000'000, 40'000'000, "B")},
                                 ImportMode::Replace, "steps.json");
    ASSERT_TRUE(imported.ok()) << imported.error().what();

    ASSERT_TRUE(poll());
    EXPECT_EQ(sketch(state.markers), "step[0-20) step[20-40)");
    EXPECT_FALSE(stack->canUndo()) << "undo would bring back a step the import removed";
    EXPECT_FALSE(stack->canRedo());
    const std::string beforeEdit = exactly(stored());
    exec(addMarkerAt(state, MarkerKind::Knack, 25'000'000));
    EXPECT_EQ(sketch(stored()), "step[0-20) step[20-40) knack[25-27)");
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(exactly(stored()), beforeEdit);
}

TEST_F(ExternalEditsTest, OnlyTheHistoryFromAChangedRowDownIsDropped) {
    exec(addMarkerAt(state, MarkerKind::Tag, 1'000'000));
    exec(addMarkerAt(state, MarkerKind::Tag, 2'000'000));
    Marker first = state.markers[0];
    first.title = "別の人の題";
    ASSERT_TRUE(cli().change(first).ok());  // touches the row of the older edit

    ASSERT_TRUE(poll());
    EXPECT_EQ(state.markers[0].title, "別の人の題");
    ASSERT_TRUE(stack->canUndo());
    ASSERT_TRUE(stack->undo().ok());  // the newer tag: untouched elsewhere, undone exactly
    EXPECT_EQ(exactly(stored()), exactly({state.markers[0]}));
    EXPECT_EQ(state.markers[0].title, "別の人の題");
    EXPECT_FALSE(stack->canUndo()) << "undoing the first tag would remove what the other process just edited";
}

TEST_F(ExternalEditsTest, ARedoThatWouldOverwriteAnotherProcesssEditIsDropped) {
    addAStepAndUndoItsTitle();
    Marker noted = stored()[0];
    noted.note = "先に確認";
    ASSERT_TRUE(cli().change(noted).ok());

    ASSERT_TRUE(poll());
    EXPECT_EQ(state.markers[0].note, "先に確認");
    EXPECT_FALSE(stack->canRedo());
    EXPECT_FALSE(stack->canUndo()) << "the step's add sits below the changed row";
}

TEST_F(ExternalEditsTest, WritesThatLeaveTheSessionAloneChangeNothing) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    Session s;
    s.title = "別のセッション";
    ASSERT_TRUE(other->createSession(s).ok());
    EXPECT_FALSE(poll());
    EXPECT_EQ(stack->undoName(), "add-step");
    EXPECT_EQ(sketch(state.markers), "step[0-60)");
}

}  // namespace
}  // namespace kotsu::test
