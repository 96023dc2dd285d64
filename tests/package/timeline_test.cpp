// Camera files whose picture and sound start at different times (stream-copied trims, camcorder .mts,
// edit lists, B-frames with negative DTS) package into clips that are exact on the session timeline:
// the first picture of the file is session time 0, each clip starts on the picture of its step's in
// point, lasts its step, carries the sound that was heard with those pictures, and shows its burned-in
// captions when the cues say.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "capture/ingest.hpp"
#include "core/av/media_reader.hpp"
#include "core/library.hpp"
#include "demo/synth.hpp"
#include "player/package/package.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

constexpr double kFps = 30;
constexpr Micros kFrame = 33'333;

struct Case {
    const char* name;
    Micros videoStart;
    Micros audioStart;
    const char* ext;
    bool bframes;
};

// Each picture's brightness names its frame number; the sound is silent but for a 1 kHz beep at
// 2.8 s of its own time.
demo::SynthSpec spec(const Case& c) {
    demo::SynthSpec s;
    s.video = "nullsrc=size=320x240:rate=30,geq=lum='16+N':cb=128:cr=128";
    s.audio = "sine=frequency=1000:sample_rate=48000,volume='between(t,2.8,2.9)':eval=frame";
    s.duration = 6'000'000;
    s.gop = 15;
    s.videoStart = c.videoStart;
    s.audioStart = c.audioStart;
    if (c.bframes) s.videoOptions = {{"preset", "veryfast"}, {"bf", "3"}};
    return s;
}

// Over the middle half of the picture's width: a 4:3 source is pillarboxed in 16:9 renditions.
double lumaMean(const AVFrame* f, int fromRow = 0) {
    double sum = 0;
    long n = 0;
    for (int y = fromRow; y < f->height; ++y)
        for (int x = f->width / 4; x < f->width * 3 / 4; ++x, ++n) sum += f->data[0][y * f->linesize[0] + x];
    return n ? sum / static_cast<double>(n) : 0;
}

double lumaSpread(const AVFrame* f, int fromRow) {
    double mean = lumaMean(f, fromRow), sq = 0;
    long n = 0;
    for (int y = fromRow; y < f->height; ++y)
        for (int x = f->width / 4; x < f->width * 3 / 4; ++x, ++n) {
            double d = f->data[0][y * f->linesize[0] + x] - mean;
            sq += d * d;
        }
    return n ? std::sqrt(sq / static_cast<double>(n)) : 0;
}

// The brightness of every picture of a file, in order, and of the picture shown at `t` (session time).
std::vector<double> everyPicture(const fs::path& file) {
    std::vector<double> out;
    auto r = av::MediaReader::open(file.string());
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what());
    if (!r) return out;
    av::Frame f;
    av::MediaKind k;
    while (r->readFrame(f, k) == av::Flow::Got)
        if (k == av::MediaKind::Video) out.push_back(lumaMean(f.get()));
    return out;
}

std::optional<av::Frame> pictureAt(const fs::path& file, Micros t) {
    auto r = av::MediaReader::open(file.string());
    if (!r) return std::nullopt;
    av::Frame f;
    av::MediaKind k;
    while (r->readFrame(f, k) == av::Flow::Got)
        if (k == av::MediaKind::Video && r->toMicros(f->pts, r->videoIndex()) >= t - kFrame / 2) return std::move(f);
    return std::nullopt;
}

// Where the beep starts in a clip's work-sound track, by ffmpeg's silencedetect (the referee).
std::optional<double> beepAt(const fs::path& clip) {
    auto out = test::run("ffmpeg -nostats -v info -i '" + clip.string() +
                         "' -map 0:a:1 -af silencedetect=n=-40dB:d=0.05 -f null - 2>&1");
    std::smatch m;
    if (std::regex_search(out, m, std::regex(R"(silence_end: ([0-9.]+))"))) return std::stod(m[1]);
    return std::nullopt;
}

// clips/<profile>/NN-<slug>.mp4
fs::path clipOf(const fs::path& pkg, const std::string& profile, int step) {
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%02d-", step);
    for (const auto& e : fs::directory_iterator(pkg / "clips" / profile))
        if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path();
    return pkg / "clips" / profile / prefix;
}

class PackageTimeline : public ::testing::TestWithParam<Case> {};

TEST_P(PackageTimeline, ClipsAreExactAndInSyncWhereverPictureAndSoundStart) {
    if (!test::haveTool("ffmpeg")) GTEST_SKIP() << "no ffmpeg referee";
    const Case& c = GetParam();
    test::ScratchDir dir(std::string("pkg_timeline_") + c.name);
    auto source = dir / (std::string("take") + c.ext);
    auto made = demo::synthesize(spec(c), source);
    ASSERT_TRUE(made.ok()) << made.error().what();

    auto lib = Library::init(dir / "library");
    ASSERT_TRUE(lib.ok());
    auto cat = lib->openCatalog();
    ASSERT_TRUE(cat.ok());
    capture::IngestRequest req;
    req.sessionTitle = std::string("offset ") + c.name;
    auto reports = capture::ingest(*lib, *cat, req, {source.string()});
    ASSERT_TRUE(reports.size() == 1 && reports[0].ok) << (reports.empty() ? "" : reports[0].error.what());
    const Asset& asset = reports[0].asset;
    ASSERT_TRUE(asset.probe.timelineOrigin.has_value()) << "found at ingest";
    EXPECT_NEAR(static_cast<double>(*asset.probe.timelineOrigin), static_cast<double>(c.videoStart), 2 * kFrame);

    const std::vector<std::pair<Micros, Micros>> steps{{1'000'000, 2'500'000}, {2'500'000, 4'000'000},
                                                       {4'000'000, 5'500'000}};
    std::vector<Marker> markers;
    for (size_t i = 0; i < steps.size(); ++i) {
        Marker m;
        m.sessionId = reports[0].session.id;
        m.in = steps[i].first;
        m.out = steps[i].second;
        m.title = "手順 " + std::to_string(i + 1);
        markers.push_back(m);
    }
    ASSERT_TRUE(cat->replaceMarkers(reports[0].session.id, markers).ok());
    ASSERT_TRUE(cat->replaceCues(reports[0].session.id, "ja", {Cue{0, 2'600'000, 3'400'000, "ここで音が変わる"}}).ok());

    package::PackageOptions opt;
    opt.out = dir / "pkg";
    auto built = package::buildPackage(*lib, *cat, reports[0].session, opt);
    ASSERT_TRUE(built.ok()) << built.error().what();

    auto original = everyPicture(source);
    ASSERT_EQ(original.size(), 180u);
    // The beep, on the session timeline: 2.8 s of the sound's own time.
    const Micros beep = c.audioStart - c.videoStart + 2'800'000;
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto [in, out] = steps[i];
        fs::path tablet = clipOf(built->folder, "tablet", static_cast<int>(i + 1));
        ASSERT_TRUE(fs::exists(tablet)) << "step " << i + 1;

        double duration = std::stod(test::probeStreamEntry(tablet, "v:0", "duration"));
        EXPECT_NEAR(duration, static_cast<double>(out - in) / 1e6, 1.0 / kFps + 1e-3) << "step " << i + 1;

        // The clip's first picture is the original's picture at the step's in point.
        auto clip = everyPicture(tablet);
        ASSERT_FALSE(clip.empty());
        size_t best = 0;
        for (size_t k = 1; k < original.size(); ++k)
            if (std::abs(original[k] - clip.front()) < std::abs(original[best] - clip.front())) best = k;
        const auto expected = static_cast<long>(std::lround(static_cast<double>(in) * kFps / 1e6));
        EXPECT_NEAR(static_cast<double>(best), static_cast<double>(expected), 1.0)
            << "step " << i + 1 << " starts on picture " << best << ", its in point shows picture " << expected;

        // The sound heard with those pictures: the beep where the session timeline puts it.
        if (beep >= in && beep + 100'000 < out) {
            auto at = beepAt(tablet);
            ASSERT_TRUE(at.has_value()) << "no beep in step " << i + 1;
            EXPECT_NEAR(*at, static_cast<double>(beep - in) / 1e6, 0.03) << "sound in sync in step " << i + 1;
        }
    }

    // Glasses: the caption (2.6–3.4 s) is burned into step 2 (2.5–4.0 s) from 0.1 s to 0.9 s.
    fs::path glasses = clipOf(built->folder, "glasses", 2);
    ASSERT_TRUE(fs::exists(glasses));
    auto spreadAt = [&](Micros t) {
        auto f = pictureAt(glasses, t);
        EXPECT_TRUE(f.has_value()) << t;
        return f ? lumaSpread(f->get(), f->get()->height * 2 / 3) : 0.0;
    };
    EXPECT_LT(spreadAt(0), 8.0) << "no caption before its cue";
    EXPECT_GT(spreadAt(500'000), 20.0) << "the caption shows during its cue";
    EXPECT_LT(spreadAt(1'100'000), 8.0) << "no caption after its cue";
}

INSTANTIATE_TEST_SUITE_P(Offsets, PackageTimeline,
                         ::testing::Values(Case{"picture_half_second_after_sound_mp4", 500'000, 0, ".mp4", false},
                                           Case{"sound_after_picture_mp4", 0, 300'000, ".mp4", false},
                                           Case{"start_offset_1075_mts", 1'075'000, 1'075'000, ".ts", false},
                                           Case{"bframes_late_picture_mp4", 500'000, 0, ".mp4", true}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
