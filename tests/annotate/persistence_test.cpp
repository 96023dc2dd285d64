// Never lose work: each command is committed as it is made, so a killed editor reopens exactly as
// it was, and other readers (kotsu markers list) see the edits while the editor stays open.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "tests/annotate/annotate_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;
using Persistence = AnnotateFixture;

TEST_F(Persistence, AKilledEditorReopensExactlyAsItWas) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        // The child is "the editor": its own connection, a few edits, then SIGKILL without any shutdown.
        auto c = lib.openCatalog();
        if (!c) ::_exit(2);
        auto st = loadEditorState(*c, sessionId);
        if (!st) ::_exit(3);
        CommandStack s(*st, *c);
        auto run = [&](Result<CommandPtr> cmd) {
            if (!cmd || !s.execute(std::move(cmd).value())) ::_exit(4);
        };
        run(addMarkerAt(*st, MarkerKind::Step, 20'000'000));
        Marker m = *st->stepAt(20'000'000);
        m.title = "本締め";
        m.note = "最後の1/4回転で手応えが変わる";
        run(editMarker(*st, m));
        run(addMarkerAt(*st, MarkerKind::Knack, 25'000'000));
        run(addCueAt(*st, 21'000'000, "ここで止める"));
        ::kill(::getpid(), SIGKILL);
        ::_exit(5);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
    ASSERT_EQ(WTERMSIG(status), SIGKILL);

    cat.reset();  // reopen from disk, as a new editor would
    auto c = lib.openCatalog();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(c->integrityCheck().ok());
    auto st = loadEditorState(*c, sessionId);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(sketch(st->markers), "step[0-20) step[20-60) knack[25-27)");
    EXPECT_EQ(st->stepAt(20'000'000)->title, "本締め");
    ASSERT_EQ(st->cues.size(), 1u);
    EXPECT_EQ(st->cues[0].text, "ここで止める");
}

TEST_F(Persistence, AnotherReaderSeesEachEditWhileTheEditorIsOpen) {
    auto reader = lib.openCatalog();
    ASSERT_TRUE(reader.ok());
    for (int i = 0; i < 5; ++i) {
        exec(addMarkerAt(state, MarkerKind::Tag, i * 1'000'000));
        auto seen = reader->markers(sessionId);
        ASSERT_TRUE(seen.ok()) << seen.error().what();
        EXPECT_EQ(seen->size(), size_t(i + 1));
    }
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(reader->markers(sessionId).value().size(), 4u);
}

TEST_F(Persistence, AFailedWriteLeavesStateAndDiskAsTheyWere) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    // Fault injection: another connection holds the write lock, so the editor's transaction cannot begin.
    auto other = lib.openCatalog();
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(other->db().exec("PRAGMA busy_timeout=0").ok());
    ASSERT_TRUE(cat->db().exec("PRAGMA busy_timeout=0").ok());
    ASSERT_TRUE(other->db().exec("BEGIN IMMEDIATE").ok());
    auto cmd = addMarkerAt(state, MarkerKind::Step, 30'000'000);
    ASSERT_TRUE(cmd.ok());
    EXPECT_FALSE(stack->execute(std::move(cmd).value()).ok());
    EXPECT_EQ(sketch(state.markers), "step[0-60)");
    ASSERT_TRUE(other->db().exec("ROLLBACK").ok());
    EXPECT_EQ(sketch(stored()), "step[0-60)");
    EXPECT_FALSE(stack->canRedo());
    EXPECT_EQ(stack->undoName(), "add-step");
}

}  // namespace
}  // namespace kotsu::test
