// The render, probed by referees: frames (the items less the crossfades, to the frame), H.264 High +
// AAC, loudness by ffmpeg's ebur128, the 9:16 frame, and a frame of melt's rendering of the MLT export
// matching kotsu's own render of that moment.
#include <gtest/gtest.h>

#include "story/story_export.hpp"
#include "story/story_render.hpp"
#include "tests/story/story_fixture.hpp"

using namespace kotsu;

namespace {

std::int64_t countFrames(const std::filesystem::path& f) {
    auto n = test::run("ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 '" +
                       f.string() + "'");
    return n.empty() ? -1 : std::stoll(n);
}

}  // namespace

TEST(StoryRender, SizesForEachAspect) {
    Story s{.width = 1920, .height = 1080};
    EXPECT_EQ(story::renderSize(s, "16:9"), (std::pair{1920, 1080}));
    EXPECT_EQ(story::renderSize(s, "9:16"), (std::pair{1080, 1920}));
    EXPECT_EQ(story::renderSize(s, "1:1"), (std::pair{1080, 1080}));
}

TEST(StoryRender, LengthLoudnessCodecsAndAMeltFrameThatMatches) {
    if (!test::haveTool("ffprobe") || !test::haveTool("ffmpeg")) GTEST_SKIP() << "ffprobe/ffmpeg referees not installed";
    test::StoryFixture f("story-render");
    auto doc = story::loadStoryDoc(*f.cat, f.lib, f.story);
    ASSERT_TRUE(doc.ok()) << doc.error().what();
    auto out = f.dir / "film.mp4";
    auto done = story::renderStory(*f.cat, *doc, {.out = out});
    ASSERT_TRUE(done.ok()) << done.error().what();
    const auto fades = story::crossfadeFrames(*doc);
    ASSERT_EQ(fades.size(), 2u);
    EXPECT_EQ(fades[0], 15) << "0.5 s at 30 fps";
    const std::int64_t expected = story::totalFrames(doc->placed) - fades[0] - fades[1];
    EXPECT_EQ(done->frames, expected);
    EXPECT_EQ(countFrames(out), expected);
    EXPECT_EQ(test::probeStreamEntry(out, "v:0", "profile"), "High");
    EXPECT_EQ(test::probeStreamEntry(out, "a:0", "codec_name"), "aac");
    auto loud = test::measureLoudness(out);
    ASSERT_TRUE(loud);
    EXPECT_NEAR(loud->integrated, -14, 1);
    EXPECT_LE(loud->truePeak, -1);
    EXPECT_FALSE(std::filesystem::exists(out.string() + ".tmp")) << "no temporary left";

    // melt's rendering of the MLT export against kotsu's, in the middle of the third item (the knack clip,
    // after its crossfade): kotsu's frame is earlier by the two crossfades.
    if (!test::haveTool("melt")) GTEST_SKIP() << "melt not installed";
    ASSERT_TRUE(story::exportStory(*doc, story::ExportFormat::Mlt, f.dir / "story.mlt", false).ok());
    int status = -1;
    auto log = test::run("cd '" + f.dir.path().string() + "' && melt -silent story.mlt -consumer avformat:melt.mp4 real_time=-2 "
                         "vcodec=libx264 crf=15 preset=ultrafast 2>&1", &status);
    ASSERT_EQ(status, 0) << log;
    const auto& knack = doc->placed[2];
    const std::int64_t meltFrame = knack.recordFrame + knack.frames / 2;
    const std::int64_t kotsuFrame = meltFrame - fades[0] - fades[1];
    auto psnr = test::run("ffmpeg -v info -nostats -i '" + (f.dir / "melt.mp4").string() + "' -i '" + out.string() +
                          "' -filter_complex \"[0:v]select=eq(n\\," + std::to_string(meltFrame) + "),setpts=0[a];[1:v]select=eq(n\\," +
                          std::to_string(kotsuFrame) + "),setpts=0[b];[a][b]psnr\" -frames:v 1 -f null - 2>&1");
    auto at = psnr.find("average:");
    ASSERT_NE(at, std::string::npos) << psnr;
    EXPECT_GT(std::stod(psnr.substr(at + 8)), 30) << psnr.substr(at, 40);
}

TEST(StoryRender, NineBySixteenAndAnEmptyStory) {
    if (!test::haveTool("ffprobe")) GTEST_SKIP() << "ffprobe not installed";
    test::StoryFixture f("story-render-916");
    auto doc = story::loadStoryDoc(*f.cat, f.lib, f.story);
    ASSERT_TRUE(doc.ok());
    auto out = f.dir / "vertical.mp4";
    auto done = story::renderStory(*f.cat, *doc, {.out = out, .aspect = "9:16", .captions = "ja"});
    ASSERT_TRUE(done.ok()) << done.error().what();
    EXPECT_EQ(test::probeStreamEntry(out, "v:0", "width"), "360");
    EXPECT_EQ(test::probeStreamEntry(out, "v:0", "height"), "640");

    auto empty = f.cat->createStory(Story{.title = "空"}, {});
    ASSERT_TRUE(empty.ok());
    auto none = story::loadStoryDoc(*f.cat, f.lib, *empty);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().what().find("is empty"), std::string::npos);
    // A music file that does not decode: named, and nothing written.
    auto bad = f.dir / "music.mp3";
    test::writeBytes(bad, "not music");
    auto refused = story::renderStory(*f.cat, *doc, {.out = f.dir / "m.mp4", .music = bad.string()});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().what().find("music"), std::string::npos) << refused.error().what();
    EXPECT_FALSE(std::filesystem::exists(f.dir / "m.mp4"));
}
