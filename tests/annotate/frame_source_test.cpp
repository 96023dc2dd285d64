// The viewer's pictures are exactly the frame asked for, in any order, and the sound lines up.
#include "annotate/frame_pump.hpp"
#include "annotate/frame_source.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/av/media_reader.hpp"
#include "tests/annotate/media_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {
namespace {

using namespace annotate;

class FrameSourceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new ScratchDir("annotate-frames");
        auto r = demo::synthesize(numberedSpec(5'000'000), dir_->path() / "numbered.mp4");
        ASSERT_TRUE(r.ok()) << r.error().what();
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string file() { return (dir_->path() / "numbered.mp4").string(); }
    static ScratchDir* dir_;
};
ScratchDir* FrameSourceTest::dir_ = nullptr;

TEST_F(FrameSourceTest, EveryFrameAskedForIsTheFrameShown) {
    auto src = VideoSource::open(file());
    ASSERT_TRUE(src.ok()) << src.error().what();
    EXPECT_EQ(src->frameRate(), (Rational{30, 1}));
    EXPECT_EQ(src->frameCount(), 150);
    // Forward, backward, far jumps and single steps, as an editor scrubs.
    std::vector<std::int64_t> order{0, 1, 2, 149, 75, 74, 73, 76, 77, 15, 14, 16, 100, 30, 31, 0, 120, 119};
    std::mt19937 rng(7);
    for (int i = 0; i < 40; ++i) order.push_back(std::uniform_int_distribution<int>(0, 149)(rng));
    for (auto k : order) {
        auto f = src->frame(k);
        ASSERT_TRUE(f.ok()) << f.error().what();
        ASSERT_EQ(f->index, k);
        ASSERT_EQ(frameNumber(*f), k) << "asked for frame " << k;
        EXPECT_EQ(f->time, k * 1'000'000 / 30 + (k % 3 == 2 ? 1 : 0)) << k;  // rounded to microseconds
    }
}

TEST_F(FrameSourceTest, PlayingForwardDecodesOnWithoutSeeking) {
    auto src = VideoSource::open(file());
    ASSERT_TRUE(src.ok());
    for (std::int64_t k = 40; k < 100; ++k) {
        auto f = src->frame(k);
        ASSERT_TRUE(f.ok());
        ASSERT_EQ(frameNumber(*f), k);
    }
    EXPECT_EQ(src->stats().seeks, 1);
    EXPECT_LE(src->stats().framesDecoded, 60 + 15);
}

TEST_F(FrameSourceTest, PastTheEndIsTheLastFrame) {
    auto src = VideoSource::open(file());
    ASSERT_TRUE(src.ok());
    auto f = src->frame(10'000);
    ASSERT_TRUE(f.ok()) << f.error().what();
    EXPECT_EQ(f->index, 149);
    EXPECT_EQ(frameNumber(*f), 149);
}

TEST_F(FrameSourceTest, ThePumpDecodesOffTheCallersThread) {
    auto src = VideoSource::open(file(), 160);
    ASSERT_TRUE(src.ok());
    FramePump pump(std::move(src).value());
    EXPECT_EQ(pump.width(), 160);
    for (std::int64_t k : {5, 90, 91, 3}) {
        auto f = pump.waitFor(k, std::chrono::seconds(10));
        ASSERT_TRUE(f.has_value());
        EXPECT_EQ(frameNumber(*f), k);
    }
    // Requests made faster than frames decode: only the last one matters.
    for (std::int64_t k = 0; k < 150; k += 3) pump.request(k);
    auto f = pump.waitFor(147, std::chrono::seconds(10));
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(frameNumber(*f), 147);
}

TEST_F(FrameSourceTest, SoundAfterASeekStartsAtTheSeekTime) {
    auto a = AudioSource::open(file());
    ASSERT_TRUE(a.ok()) << a.error().what();
    ASSERT_TRUE(a->seek(1'900'000).ok());
    std::vector<float> pcm;
    auto n = a->read(pcm, 48000 / 2);  // 0.5 s
    ASSERT_TRUE(n.ok());
    ASSERT_EQ(*n, 24000u);
    // The beep starts at 2.0 s: 0.1 s (4800 sample frames) into what was read.
    size_t first = 0;
    while (first < *n && std::fabs(pcm[first * 2]) < 0.05f) ++first;
    EXPECT_NEAR(double(first), 4800.0, 60.0);
    EXPECT_NEAR(double(a->position()), 2'400'000.0, 1000.0);
}

// The first sample frame at or after `from` whose left channel is loud (the beep), or n when none is.
size_t firstLoud(const std::vector<float>& pcm, size_t from = 0) {
    size_t i = from;
    while (i < pcm.size() / 2 && std::fabs(pcm[i * 2]) < 0.05f) ++i;
    return i;
}

// An original, not a proxy: its picture starts half a second after its sound (a camera file trimmed
// by a stream copy). The editor's session time T is the picture's own T and the sound at T.
class LatePictureTest : public ::testing::TestWithParam<const char*> {};

TEST_P(LatePictureTest, FramesAndSoundAreOnTheSessionTimeline) {
    ScratchDir dir(std::string("annotate-late-picture-") + (GetParam() + 1));
    auto spec = numberedSpec(4'000'000);
    spec.videoStart = 500'000;  // the beep, 2.0 s into the sound, is 1.5 s after the first picture
    const auto file = (dir.path() / (std::string("late") + GetParam())).string();
    ASSERT_TRUE(demo::synthesize(spec, file).ok());
    auto origin = av::findTimelineOrigin(file);
    ASSERT_TRUE(origin.ok()) << origin.error().what();
    {
        // File time: the transport stream's muxer and AAC priming move both tracks a little.
        auto in = av::InputFile::open(file);
        ASSERT_TRUE(in.ok());
        EXPECT_NEAR(static_cast<double>(*origin - in->ctx()->start_time), 500'000.0, 25'000.0);
    }

    for (std::optional<Micros> given : {std::optional<Micros>{}, std::optional<Micros>{*origin}}) {
        auto src = VideoSource::open(file, 0, given);
        ASSERT_TRUE(src.ok()) << src.error().what();
        for (std::int64_t k : {0, 1, 45, 44, 100, 15, 119}) {
            auto f = src->frame(k);
            ASSERT_TRUE(f.ok()) << f.error().what();
            EXPECT_EQ(f->index, k);
            EXPECT_EQ(frameNumber(*f), k) << "session time " << f->time;
        }

        auto a = AudioSource::open(file, given);
        ASSERT_TRUE(a.ok()) << a.error().what();
        ASSERT_TRUE(a->seek(1'400'000).ok());
        std::vector<float> pcm;
        auto n = a->read(pcm, 48000 / 2);
        ASSERT_TRUE(n.ok());
        EXPECT_NEAR(double(firstLoud(pcm)), 4800.0, 60.0) << "the beep at session time 1.5 s";
        EXPECT_NEAR(double(a->position()), 1'900'000.0, 1000.0);
    }
}

INSTANTIATE_TEST_SUITE_P(Containers, LatePictureTest, ::testing::Values(".mp4", ".ts"),
                         [](const auto& info) { return std::string(info.param + 1); });

TEST(LateSound, IsPrecededBySilenceFromSessionTimeZero) {
    ScratchDir dir("annotate-late-sound");
    auto spec = numberedSpec(3'000'000);
    spec.audioStart = 300'000;  // the beep is at 2.3 s on the session timeline
    const auto file = (dir.path() / "late_sound.mp4").string();
    ASSERT_TRUE(demo::synthesize(spec, file).ok());
    auto a = AudioSource::open(file);
    ASSERT_TRUE(a.ok()) << a.error().what();
    std::vector<float> pcm;
    auto n = a->read(pcm, 48000 * 5 / 2);
    ASSERT_TRUE(n.ok());
    EXPECT_NEAR(double(firstLoud(pcm)), 2.3 * 48000, 60.0);
}

}  // namespace
}  // namespace kotsu::test
