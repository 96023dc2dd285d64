// One editing service for `kotsu markers` and the editor: the same rules, the same words when an
// edit is refused, one transaction per edit. The CLI path runs the built kotsu binary.
#include "annotate/caption_service.hpp"
#include "annotate/marker_service.hpp"
#include "tests/annotate/annotate_fixture.hpp"
#include "tests/cli/cli_support.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

struct MarkerServiceTest : AnnotateFixture {
    CliRun cli(const std::string& args) {
        return kotsuCli(args + " --library '" + (dir->path() / "lib").string() + "'", dir->path());
    }
    // What the editor says when it refuses the command.
    std::string editorRefuses(CommandPtr cmd) {
        auto r = stack->execute(std::move(cmd));
        EXPECT_FALSE(r.ok());
        return r.ok() ? "" : "kotsu: " + r.error().what() + "\n";
    }
};

TEST_F(MarkerServiceTest, TheCliAndTheEditorRefuseAnOverlappingStepWithTheSameMessage) {
    exec(addMarkerAt(state, MarkerKind::Step, 30'000'000));  // | · | Step 1 30–60 |
    Marker overlap;
    overlap.sessionId = sessionId;
    overlap.kind = MarkerKind::Step;
    overlap.in = 20'000'000;
    overlap.out = 40'000'000;
    overlap.title = "重なり";
    const std::string before = sketch(stored());
    // The editor first: its refused insert is rolled back, so the CLI's would get the same id.
    const std::string editor = editorRefuses(std::make_unique<AddMarker>(overlap));
    auto r = cli("markers ボルト締め add --kind step --in 20 --out 40 --title 重なり");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(editor.find("overlaps"), std::string::npos) << editor;
    EXPECT_EQ(r.err, editor);
    EXPECT_EQ(sketch(stored()), before);
    EXPECT_EQ(sketch(state.markers), before);
}

TEST_F(MarkerServiceTest, TheCliAndTheEditorRefuseToOrphanAKnackWithTheSameMessage) {
    exec(addMarkerAt(state, MarkerKind::Step, 0));
    exec(addMarkerAt(state, MarkerKind::Knack, 5'000'000));  // | Step 1 [knack] |
    const Id step = state.markers[0].id;
    const std::string editor = editorRefuses(std::make_unique<RemoveMarker>(state.markers[0]));
    auto r = cli("markers ボルト締め remove " + std::to_string(step));
    EXPECT_NE(r.code, 0);
    EXPECT_NE(editor.find("inside a step"), std::string::npos) << editor;
    EXPECT_EQ(r.err, editor);
    EXPECT_EQ(sketch(stored()), "step[0-60) knack[5-7)");
}

TEST_F(MarkerServiceTest, TheCliAndTheEditorCheckCaptionsAlike) {
    test::ScratchDir files("marker-service-vtt");
    auto vtt = files / "late.vtt";
    std::ofstream(vtt) << "WEBVTT\n\n00:01:10.000 --> 00:01:12.000\nlate\n";
    auto r = cli("captions ボルト締め import '" + vtt.string() + "' --lang ja");
    EXPECT_NE(r.code, 0);
    auto editor = replaceCues(state, {Cue{0, 70'000'000, 72'000'000, "late"}});
    ASSERT_FALSE(editor.ok());
    EXPECT_EQ(r.err, "kotsu: " + vtt.string() + ": " + editor.error().what() + "\n");
}

TEST_F(MarkerServiceTest, AnAppendingImportKeepsTheIdsOfTheMarkersAlreadyThere) {
    MarkerService service(*cat, sessionId);
    Marker step;
    step.kind = MarkerKind::Step;
    step.in = 0;
    step.out = 10'000'000;
    step.title = "段取り";
    auto added = service.add(step);
    ASSERT_TRUE(added.ok()) << added.error().what();
    Marker tag;
    tag.kind = MarkerKind::Tag;
    tag.in = tag.out = 12'000'000;
    auto stored = service.import({tag}, ImportMode::Append, "tags.csv");
    ASSERT_TRUE(stored.ok()) << stored.error().what();
    ASSERT_EQ(stored->size(), 2u);
    EXPECT_EQ((*stored)[0].id, added->id);
    EXPECT_GT((*stored)[1].id, added->id);
}

TEST_F(MarkerServiceTest, AnImportNamesTheFileAndItsEntryAndWritesNothing) {
    MarkerService service(*cat, sessionId);
    Marker a, b;
    a.kind = b.kind = MarkerKind::Step;
    a.title = b.title = "x";
    a.in = 0, a.out = 5'000'000;
    b.in = 4'000'000, b.out = 8'000'000;
    auto r = service.import({a, b}, ImportMode::Replace, "bad.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().path, "bad.json");
    EXPECT_NE(r.error().message.find("entry 2"), std::string::npos) << r.error().what();
    EXPECT_TRUE(AnnotateFixture::stored().empty());
}

TEST_F(MarkerServiceTest, ARemovedMarkersIdIsNotHandedOutAgain) {
    MarkerService service(*cat, sessionId);
    Marker tag;
    tag.kind = MarkerKind::Tag;
    auto first = service.add(tag);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(service.remove(first->id).ok());
    auto second = service.add(tag);
    ASSERT_TRUE(second.ok());
    EXPECT_GT(second->id, first->id);
}

}  // namespace
}  // namespace kotsu::test
