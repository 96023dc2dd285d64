// Caption cues in the editor: add at the playhead, set the end, split, merge, import.
#include "tests/annotate/annotate_fixture.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;
using CaptionEdits = AnnotateFixture;

std::string cues(const std::vector<Cue>& cs) {
    std::string s;
    for (const auto& c : cs) s += (s.empty() ? "" : " ") + formatSeconds(c.start) + "-" + formatSeconds(c.end) + ":" + c.text;
    return s;
}

TEST_F(CaptionEdits, AddSetEndSplitMergeAndUndo) {
    exec(addCueAt(state, 1'000'000, "ここで音を聞く"));
    const Id id = state.cues[0].id;
    exec(setCueEnd(state, id, 4'000'000));
    EXPECT_EQ(cues(state.cues), "1-4:ここで音を聞く");
    exec(editCueText(state, id, "一行目\n二行目"));
    exec(splitCue(state, id, 2'500'000));
    EXPECT_EQ(cues(state.cues), "1-2.5:一行目 2.5-4:二行目");
    exec(mergeCueWithNext(state, id));
    EXPECT_EQ(cues(state.cues), "1-4:一行目\n二行目");
    auto onDisk = cat->cues(sessionId, state.captionLang);
    ASSERT_TRUE(onDisk.ok());
    EXPECT_EQ(cues(*onDisk), cues(state.cues));
    ASSERT_TRUE(stack->undo().ok());  // merge
    EXPECT_EQ(cues(cat->cues(sessionId, state.captionLang).value()), "1-2.5:一行目 2.5-4:二行目");
}

TEST_F(CaptionEdits, ANewCueStopsAtTheNextOne) {
    exec(addCueAt(state, 3'000'000, "b"));
    exec(addCueAt(state, 2'000'000, "a"));
    EXPECT_EQ(cues(state.cues), "2-3:a 3-5:b");
    EXPECT_FALSE(addCueAt(state, 3'500'000).ok());
}

TEST_F(CaptionEdits, ImportReplacesAllCuesAsOneUndoStep) {
    exec(addCueAt(state, 0, "old"));
    exec(replaceCues(state, {Cue{0, 1'000'000, 2'000'000, "新1"}, Cue{0, 3'000'000, 4'000'000, "新2"}}));
    EXPECT_EQ(cues(cat->cues(sessionId, state.captionLang).value()), "1-2:新1 3-4:新2");
    ASSERT_TRUE(stack->undo().ok());
    EXPECT_EQ(cues(cat->cues(sessionId, state.captionLang).value()), "0-2:old");
}

}  // namespace
}  // namespace kotsu::test
