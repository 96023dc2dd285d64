// Exports checked by real tools where they exist (xmllint for FCPXML, melt for MLT) and by their own
// arithmetic (EDL) or a round trip through import (OTIO, for which Debian has no reader).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "core/files.hpp"
#include "story/import_otio.hpp"
#include "story/story_export.hpp"
#include "tests/story/story_fixture.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

story::StoryDoc docOf(test::StoryFixture& f) {
    auto doc = story::loadStoryDoc(*f.cat, f.lib, f.story);
    EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().what());
    return *doc;
}

std::int64_t frames(const std::string& tc, int fps) {
    int h, m, s, fr;
    EXPECT_EQ(std::sscanf(tc.c_str(), "%d:%d:%d:%d", &h, &m, &s, &fr), 4) << tc;
    return ((h * 60LL + m) * 60 + s) * fps + fr;
}

}  // namespace

TEST(StoryExport, OtioUsesTheSchemaNamesAndRoundTripsThroughImport) {
    test::StoryFixture f("story-otio");
    auto doc = docOf(f);
    auto out = f.dir / "story.otio";
    auto written = story::exportStory(doc, story::ExportFormat::Otio, out, false);
    ASSERT_TRUE(written.ok()) << written.error().what();
    EXPECT_EQ(written->pictures, 2) << "the title card and the lower third";
    auto text = readFile(out);
    ASSERT_TRUE(text.ok());
    auto j = nlohmann::json::parse(*text);
    EXPECT_EQ(j["OTIO_SCHEMA"], "Timeline.1");
    EXPECT_EQ(j["tracks"]["OTIO_SCHEMA"], "Stack.1");
    const auto& main = j["tracks"]["children"][0];
    EXPECT_EQ(main["OTIO_SCHEMA"], "Track.1");
    EXPECT_EQ(main["kind"], "Video");
    int clips = 0, gaps = 0, markers = 0;
    for (const auto& c : main["children"]) {
        if (c["OTIO_SCHEMA"] == "Gap.1") ++gaps;
        if (c["OTIO_SCHEMA"] != "Clip.2") continue;
        ++clips;
        const std::string key = c["active_media_reference_key"];
        ASSERT_TRUE(c["media_references"].contains(key)) << "an unknown key loads silently with no media";
        const auto& ref = c["media_references"][key];
        EXPECT_EQ(ref["OTIO_SCHEMA"], "ExternalReference.1");
        const std::string url = ref["target_url"];
        ASSERT_EQ(url.rfind("file:///", 0), 0u) << url;
        EXPECT_TRUE(fs::exists(url.substr(7))) << url;
        EXPECT_EQ(c["source_range"]["start_time"]["OTIO_SCHEMA"], "RationalTime.1");
        for (const auto& m : c["markers"]) {
            EXPECT_EQ(m["OTIO_SCHEMA"], "Marker.2");
            ++markers;
        }
    }
    EXPECT_EQ(clips, 2);
    EXPECT_EQ(gaps, 1) << "the title card's time on the main track";
    EXPECT_GE(markers, 1) << "the knack marker inside its clip";

    // Round trip: the same story back.
    auto items = story::importOtio(out, *f.cat, f.story);
    ASSERT_TRUE(items.ok()) << items.error().what();
    story::StoryService svc(*f.cat, f.story);
    ASSERT_TRUE(svc.replace(*items).ok());
    auto back = f.cat->storyItems(f.story.id);
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), f.items.size());
    for (size_t i = 0; i < back->size(); ++i) {
        EXPECT_EQ((*back)[i].id, f.items[i].id) << i;
        EXPECT_EQ((*back)[i].kind, f.items[i].kind) << i;
        EXPECT_EQ((*back)[i].in, f.items[i].in) << i;
        EXPECT_EQ((*back)[i].out, f.items[i].out) << i;
        EXPECT_EQ((*back)[i].text, f.items[i].text) << i;
    }

    // An editor's changes: the second clip moved first, trimmed by 5 frames, a 1 s gap after it.
    auto edited = nlohmann::json::parse(*text);
    auto& children = edited["tracks"]["children"][0]["children"];
    nlohmann::json clip2 = children[2], clip1 = children[1];
    ASSERT_EQ(clip2["OTIO_SCHEMA"], "Clip.2");
    clip2["source_range"]["duration"]["value"] = clip2["source_range"]["duration"]["value"].get<double>() - 5;
    nlohmann::json gap = children[0];
    gap["source_range"]["duration"]["value"] = 30.0;
    children = nlohmann::json::array({clip2, gap, clip1});
    edited["tracks"]["children"] = nlohmann::json::array({edited["tracks"]["children"][0]});  // titles, lower thirds dropped
    auto editedFile = f.dir / "edited.otio";
    ASSERT_TRUE(writeFileAtomic(editedFile, edited.dump()).ok());
    auto changed = story::importOtio(editedFile, *f.cat, f.story);
    ASSERT_TRUE(changed.ok()) << changed.error().what();
    ASSERT_EQ(changed->size(), 3u);
    EXPECT_EQ((*changed)[0].id, f.items[3].id) << "the knack clip";
    const auto& knack = doc.placed[2];
    EXPECT_EQ((*changed)[0].out - (*changed)[0].in,
              story::fromFrames(knack.srcInFrame + knack.frames - 5, f.story.fps) - story::fromFrames(knack.srcInFrame, f.story.fps));
    EXPECT_EQ((*changed)[1].kind, StoryItemKind::Title);
    EXPECT_EQ((*changed)[1].duration(), 1'000'000);
    EXPECT_EQ((*changed)[2].id, f.items[1].id);

    auto bad = f.dir / "bad.otio";
    ASSERT_TRUE(writeFileAtomic(bad, "{\"OTIO_SCHEMA\": \"Timeline.1\"}").ok());
    EXPECT_FALSE(story::importOtio(bad, *f.cat, f.story).ok());
}

TEST(StoryExport, FcpxmlIsWellFormedInTheDtdsOrder) {
    if (!test::haveTool("xmllint")) GTEST_SKIP() << "xmllint not installed";
    test::StoryFixture f("story-fcpxml");
    auto doc = docOf(f);
    auto out = f.dir / "story.fcpxml";
    ASSERT_TRUE(story::exportStory(doc, story::ExportFormat::Fcpxml, out, false).ok());
    int status = -1;
    (void)test::run("xmllint --noout '" + out.string() + "' 2>&1", &status);
    EXPECT_EQ(status, 0);
    auto text = *readFile(out);
    EXPECT_NE(text.find("<fcpxml version=\"1.10\">"), std::string::npos);
    EXPECT_LT(text.find("<format "), text.find("<asset ")) << "format before the assets";
    EXPECT_NE(text.find("<media-rep kind=\"original-media\" src=\"file:///"), std::string::npos);
    // Inside an asset-clip: anchored items (the lower third), then markers, then chapter markers.
    auto c1 = text.find("<asset-clip");
    auto c1End = text.find("</asset-clip>", c1);
    auto lower = text.find("<video ref=", c1);
    auto chapter1 = text.find("<chapter-marker", c1);
    ASSERT_NE(c1End, std::string::npos);
    EXPECT_LT(lower, chapter1);
    EXPECT_LT(chapter1, c1End);
    EXPECT_NE(text.find("lane=\"1\"", c1), std::string::npos);
    auto c2 = text.find("<asset-clip", c1End);
    auto c2End = text.find("</asset-clip>", c2);
    auto marker = text.find("<marker ", c2);
    auto chapter2 = text.find("<chapter-marker", c2);
    EXPECT_LT(marker, chapter2);
    EXPECT_LT(chapter2, c2End);
    // The sequence is as long as the story, in frames at 30 fps.
    EXPECT_NE(text.find("duration=\"" + std::to_string(story::totalFrames(doc.placed)) + "/30s\" tcStart"), std::string::npos);
}

TEST(StoryExport, EdlEventsAndTimecodesAddUp) {
    test::StoryFixture f("story-edl");
    auto doc = docOf(f);
    auto out = f.dir / "story.edl";
    ASSERT_TRUE(story::exportStory(doc, story::ExportFormat::Edl, out, false).ok());
    auto text = *readFile(out);
    for (unsigned char c : text) ASSERT_LT(c, 0x80) << "ASCII only";
    std::regex event(R"((\d{3})  (\S+)\s+V     C        (\S+) (\S+) (\S+) (\S+))");
    std::vector<std::array<std::int64_t, 4>> events;
    for (std::sregex_iterator it(text.begin(), text.end(), event), end; it != end; ++it)
        events.push_back({frames((*it)[3], 30), frames((*it)[4], 30), frames((*it)[5], 30), frames((*it)[6], 30)});
    ASSERT_EQ(events.size(), 2u) << text;
    const std::int64_t hour = 3600 * 30;
    std::int64_t clipFrames = 0;
    for (const auto& e : events) {
        EXPECT_EQ(e[1] - e[0], e[3] - e[2]) << "source and record durations agree";
        clipFrames += e[1] - e[0];
    }
    EXPECT_EQ(events[0][2], hour + doc.placed[1].recordFrame) << "after the title card's time";
    EXPECT_EQ(events[1][2], events[0][3]);
    EXPECT_EQ(events[1][3] - hour, story::totalFrames(doc.placed));
    EXPECT_EQ(clipFrames + doc.placed[0].frames, story::totalFrames(doc.placed));
    EXPECT_NE(text.find("* FROM CLIP NAME:  "), std::string::npos);
    EXPECT_NE(text.find("* LOC: "), std::string::npos) << "the knack marker";
}

TEST(StoryExport, MeltRendersTheMltToTheStorysFrameCount) {
    if (!test::haveTool("melt") || !test::haveTool("ffprobe")) GTEST_SKIP() << "melt or ffprobe not installed";
    test::StoryFixture f("story-mlt");
    auto doc = docOf(f);
    auto out = f.dir / "story.mlt";
    ASSERT_TRUE(story::exportStory(doc, story::ExportFormat::Mlt, out, true).ok());
    auto video = f.dir / "melt.mp4";
    int status = -1;
    auto log = test::run("cd '" + f.dir.path().string() + "' && melt -silent story.mlt -consumer avformat:melt.mp4 real_time=-2 "
                         "vcodec=libx264 preset=ultrafast 2>&1", &status);
    ASSERT_EQ(status, 0) << log;
    auto count = test::run("ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames "
                           "-of csv=p=0 '" + video.string() + "'");
    EXPECT_EQ(std::stoll(count), story::totalFrames(doc.placed));
    // Black under the title card (a <blank> alone would be white): the first frame is dark.
    auto mean = test::run("ffmpeg -v info -nostats -i '" + video.string() +
                          "' -vf \"select=eq(n\\,0),crop=100:40:0:0,signalstats,metadata=print:key=lavfi.signalstats.YAVG\" "
                          "-frames:v 1 -f null - 2>&1");
    auto at = mean.find("YAVG=");
    ASSERT_NE(at, std::string::npos) << mean;
    EXPECT_LT(std::stod(mean.substr(at + 5)), 40);
}
