// A step cut from its chosen angle: the clip's first picture is the hand camera's picture at the
// step's in point (session time − where the hand camera starts), it lasts the step, the manifest
// names the angle, a camera without a microphone carries the main's sound at the same session time, and a
// changed angle re-encodes that step alone.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "annotate/frame_source.hpp"
#include "core/av/media_reader.hpp"
#include "player/package/package.hpp"
#include "tests/support/two_cameras.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

// clips/tablet/NN-<slug>.mp4
fs::path tabletClip(const fs::path& pkg, int step) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%02d-", step);
    for (const auto& e : fs::directory_iterator(pkg / "clips" / "tablet"))
        if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path();
    return pkg / "clips" / "tablet" / prefix;
}

int firstNumber(const fs::path& clip) {
    auto src = annotate::VideoSource::open(clip.string());
    if (!src) return -2;
    auto f = src->frame(0);
    return f ? frameNumber(*f) : -3;
}

int pictures(const fs::path& clip) {
    auto r = av::MediaReader::open(clip.string());
    if (!r) return -1;
    av::Frame f;
    av::MediaKind k;
    int n = 0;
    while (r->readFrame(f, k) == av::Flow::Got)
        if (k == av::MediaKind::Video) ++n;
    return n;
}

// Where the sound's beep starts in a clip (file time, µs): the first sample above a third of the
// loudest; -1 when the clip has no sound.
Micros beepAt(const fs::path& clip) {
    av::ReaderOptions ro;
    ro.video = false;
    ro.origin = 0;
    auto r = av::MediaReader::open(clip.string(), std::move(ro));
    if (!r || r->audioIndex() < 0) return -1;
    std::vector<std::pair<Micros, float>> samples;
    av::Frame f;
    av::MediaKind k;
    while (r->readFrame(f, k) == av::Flow::Got) {
        if (k != av::MediaKind::Audio || f->format != AV_SAMPLE_FMT_FLTP) continue;
        const Micros t0 = r->toMicros(f->pts, r->audioIndex());
        const auto* x = reinterpret_cast<const float*>(f->data[0]);
        for (int i = 0; i < f->nb_samples; ++i) samples.emplace_back(t0 + Micros(i) * 1'000'000 / f->sample_rate, std::fabs(x[i]));
    }
    float peak = 0;
    for (const auto& s : samples) peak = std::max(peak, s.second);
    if (peak <= 0) return -1;
    for (const auto& s : samples)
        if (s.second > peak / 3) return s.first;
    return -1;
}

Marker step(Micros in, Micros out, std::string title, std::string angle = {}) {
    Marker m;
    m.kind = MarkerKind::Step;
    m.in = in;
    m.out = out;
    m.title = std::move(title);
    m.angle = std::move(angle);
    return m;
}

class AnglesPackage : public ::testing::Test {
protected:
    void SetUp() override {
        makeTwoCameras(cams, "pkg-angles");
        if (HasFatalFailure()) return;
        auto c = cams.lib.openCatalog();
        ASSERT_TRUE(c.ok());
        cat.emplace(std::move(c).value());
    }
    Result<package::PackageResult> build(const std::string& name) {
        package::PackageOptions opt;
        opt.out = cams.dir->path() / name;
        opt.profiles = {"tablet"};
        return package::buildPackage(cams.lib, *cat, cams.session, opt);
    }
    TwoCameras cams;
    std::optional<catalog::Catalog> cat;
};

TEST_F(AnglesPackage, AHandcamStepIsCutFromTheHandCameraOnTheSessionTimeline) {
    ASSERT_TRUE(cat->replaceMarkers(cams.session.id, {step(0, 1'500'000, "準備"),
                                                      step(1'500'000, 2'500'000, "本締め", "handcam"),
                                                      step(2'500'000, 4'000'000, "確認")})
                    .ok());
    auto built = build("pkg");
    ASSERT_TRUE(built.ok()) << built.error().what();
    EXPECT_EQ(built->clipsEncoded, 3);

    // Step 2: session 1.5 s = 0.5 s into the hand camera = its frame 15.
    EXPECT_EQ(firstNumber(tabletClip(built->folder, 2)), kHandNumberBase + 15);
    EXPECT_NEAR(pictures(tabletClip(built->folder, 2)), 30, 1) << "the step's length, within a frame";
    // The others from the main, as before.
    EXPECT_EQ(firstNumber(tabletClip(built->folder, 1)), 0);
    EXPECT_EQ(firstNumber(tabletClip(built->folder, 3)), 75);
    EXPECT_NEAR(pictures(tabletClip(built->folder, 3)), 45, 1);

    std::ifstream in(built->folder / "manifest.json");
    auto manifest = nlohmann::json::parse(in);
    ASSERT_EQ(manifest["steps"].size(), 3u);
    EXPECT_EQ(manifest["steps"][0]["angle"], "main");
    EXPECT_EQ(manifest["steps"][1]["angle"], "handcam");
    // The hand camera has no microphone: its clip carries the main's sound, on the same session time
    // (the main's beep at session 2.0 s is 0.5 s into the step that starts at 1.5 s).
    EXPECT_TRUE(manifest["steps"][1]["clips"]["tablet"].contains("loudness")) << "the main's sound, measured";
    EXPECT_TRUE(manifest["steps"][0]["clips"]["tablet"].contains("loudness"));
    const Micros beep = beepAt(tabletClip(built->folder, 2));
    ASSERT_GE(beep, 0) << "the hand-camera step's clip is silent";
    EXPECT_NEAR(beep, 500'000, 30'000) << "the main's beep lands where it was heard";

    // Back to the main: only that step is encoded again, and it shows the main's picture.
    auto ms = cat->markers(cams.session.id);
    ASSERT_TRUE(ms.ok());
    Marker m = (*ms)[1];
    m.angle.clear();
    ASSERT_TRUE(cat->updateMarker(m).ok());
    auto again = build("pkg2");
    ASSERT_TRUE(again.ok()) << again.error().what();
    EXPECT_EQ(again->clipsEncoded, 1);
    EXPECT_EQ(again->clipsCached, 2);
    EXPECT_EQ(firstNumber(tabletClip(again->folder, 2)), 45);
}

TEST_F(AnglesPackage, AnAngleTheSessionLacksOrAStepBeforeTheCameraStartedIsRefusedBeforeAnyEncode) {
    ASSERT_TRUE(cat->replaceMarkers(cams.session.id, {step(0, 2'000'000, "準備", "overview")}).ok());
    auto r = build("pkg-overview");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("step 1 (準備)"), std::string::npos) << r.error().what();
    EXPECT_NE(r.error().what().find("no overview angle"), std::string::npos) << r.error().what();

    ASSERT_TRUE(cat->replaceMarkers(cams.session.id, {step(500'000, 2'000'000, "準備", "handcam")}).ok());
    r = build("pkg-early");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("outside the handcam angle's pictures"), std::string::npos) << r.error().what();
    EXPECT_FALSE(fs::exists(cams.dir->path() / "pkg-early"));
}

}  // namespace
}  // namespace kotsu::test
