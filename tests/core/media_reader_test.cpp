// The one media reader: the session timeline's origin is the first picture, whatever the file's
// sound, edit list or B-frames do; frames, packets and seeks are all on that timeline.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/av/media_reader.hpp"
#include "demo/synth.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

constexpr Micros kFrame = 33'333;  // 30 fps

struct Offsets {
    const char* name;
    Micros videoStart;
    Micros audioStart;
    const char* ext;
    bool bframes;
};

fs::path make(const test::ScratchDir& dir, const Offsets& o) {
    demo::SynthSpec spec;
    spec.video = "testsrc2=size=320x240:rate=30";
    spec.audio = "sine=frequency=500:sample_rate=48000";
    spec.duration = 3'000'000;
    spec.gop = 15;
    spec.videoStart = o.videoStart;
    spec.audioStart = o.audioStart;
    if (o.bframes) spec.videoOptions = {{"preset", "veryfast"}, {"bf", "3"}};
    auto p = dir / (std::string(o.name) + o.ext);
    auto r = demo::synthesize(spec, p);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what());
    return p;
}

struct FirstFrames {
    Micros video = INT64_MIN;
    Micros audio = INT64_MIN;
    int videoFrames = 0;
    Micros lastVideo = 0;
};

FirstFrames readAll(av::MediaReader& r) {
    FirstFrames ff;
    av::Frame f;
    av::MediaKind kind;
    while (r.readFrame(f, kind) == av::Flow::Got) {
        const int s = kind == av::MediaKind::Video ? r.videoIndex() : r.audioIndex();
        Micros t = r.toMicros(f->pts, s);
        if (kind == av::MediaKind::Video) {
            if (ff.video == INT64_MIN) ff.video = t;
            ++ff.videoFrames;
            ff.lastVideo = t;
        } else if (ff.audio == INT64_MIN) {
            ff.audio = t;
        }
    }
    return ff;
}

class MediaReaderOffsets : public ::testing::TestWithParam<Offsets> {};

TEST_P(MediaReaderOffsets, TheFirstPictureIsTimeZeroAndTheSoundKeepsItsDistance) {
    test::ScratchDir dir(std::string("media_reader_") + GetParam().name);
    const auto& o = GetParam();
    auto file = make(dir, o);

    auto origin = av::findTimelineOrigin(file.string());
    ASSERT_TRUE(origin.ok()) << origin.error().what();
    auto r = av::MediaReader::open(file.string());
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->origin(), *origin);

    auto ff = readAll(*r);
    EXPECT_EQ(ff.video, 0) << "the first picture is session time 0";
    EXPECT_EQ(ff.videoFrames, 90) << "every picture is read once";
    EXPECT_NEAR(static_cast<double>(ff.lastVideo), 89.0 * kFrame, 1000);
    // The sound keeps its place relative to the picture: before it (negative) or after it.
    // AAC's priming and a container's rounding allow ~one AAC frame (21 ms).
    EXPECT_NEAR(static_cast<double>(ff.audio), static_cast<double>(o.audioStart - o.videoStart), 25'000)
        << "first audio sample on the session timeline";
    EXPECT_EQ(r->damaged(), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Files, MediaReaderOffsets,
    ::testing::Values(Offsets{"video_half_second_after_audio_mp4", 500'000, 0, ".mp4", false},
                      Offsets{"video_half_second_after_audio_ts", 500'000, 0, ".ts", false},
                      Offsets{"audio_after_video_mp4", 0, 300'000, ".mp4", false},
                      Offsets{"start_offset_1075_ts", 1'075'000, 1'075'000, ".ts", false},
                      Offsets{"bframes_negative_dts_mp4", 0, 0, ".mp4", true},
                      Offsets{"bframes_and_late_video_mp4", 500'000, 0, ".mp4", true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MediaReader, PacketsAreOnTheSessionTimelineToo) {
    test::ScratchDir dir("media_reader_packets");
    auto file = make(dir, {"late", 500'000, 0, ".mp4", true});
    av::ReaderOptions ro;
    ro.decode = false;
    ro.audio = av::AudioStreams::All;
    auto r = av::MediaReader::open(file.string(), std::move(ro));
    ASSERT_TRUE(r.ok()) << r.error().what();
    av::Packet p;
    Micros firstKey = INT64_MIN, firstAudio = INT64_MIN;
    while (r->readPacket(p) == av::Flow::Got) {
        Micros t = r->toMicros(p->pts, p->stream_index);
        if (p->stream_index == r->videoIndex() && firstKey == INT64_MIN && (p->flags & AV_PKT_FLAG_KEY)) firstKey = t;
        if (p->stream_index == r->audioIndex() && firstAudio == INT64_MIN) firstAudio = t;
    }
    EXPECT_EQ(firstKey, 0);
    EXPECT_NEAR(static_cast<double>(firstAudio), -500'000.0, 25'000);
}

TEST(MediaReader, SeekLandsOnTheKeyframeAtOrBeforeTheTime) {
    test::ScratchDir dir("media_reader_seek");
    auto file = make(dir, {"late", 500'000, 0, ".mp4", true});
    auto r = av::MediaReader::open(file.string());
    ASSERT_TRUE(r.ok()) << r.error().what();
    for (Micros t : {Micros(1'700'000), Micros(600'000), Micros(2'500'000), Micros(0)}) {
        ASSERT_TRUE(r->seek(t).ok());
        av::Frame f;
        av::MediaKind kind;
        Micros first = INT64_MIN, reached = INT64_MIN;
        while (r->readFrame(f, kind) == av::Flow::Got) {
            if (kind != av::MediaKind::Video) continue;
            Micros ft = r->toMicros(f->pts, r->videoIndex());
            if (first == INT64_MIN) first = ft;
            if (ft >= t) {
                reached = ft;
                break;
            }
        }
        EXPECT_LE(first, t) << "seek to " << t;
        EXPECT_GT(first, t - 500'000 - kFrame) << "keyframes every 0.5 s";
        EXPECT_NEAR(static_cast<double>(reached), static_cast<double>(t), kFrame) << "frame-exact after decoding on";
    }
}

TEST(MediaReader, SkippingUnreferencedPicturesThenDecodingAllAgain) {
    test::ScratchDir dir("media_reader_skip_nonref");
    auto file = make(dir, {"bframes", 0, 0, ".mp4", true});
    using Skip = av::MediaReader::Skip;
    auto count = [&](Skip firstHalf) {
        av::ReaderOptions o;
        o.audio = av::AudioStreams::None;
        o.skipDeblocking = true;
        auto r = av::MediaReader::open(file.string(), std::move(o));
        EXPECT_TRUE(r.ok()) << r.error().what();
        if (!r) return std::pair<int, int>{0, 0};
        r->skipPictures(firstHalf);
        av::Frame f;
        av::MediaKind kind;
        int before = 0, after = 0;
        while (r->readFrame(f, kind) == av::Flow::Got) {
            Micros t = r->toMicros(f->pts, r->videoIndex());
            if (t < 1'000'000) ++before;
            else ++after;
            if (t >= 700'000) r->skipPictures(Skip::None);  // decoding is ahead of output: switch early
        }
        return std::pair<int, int>{before, after};
    };
    auto [allBefore, allAfter] = count(Skip::None);
    auto [someBefore, someAfter] = count(Skip::NonReference);
    auto [fewBefore, fewAfter] = count(Skip::AllB);
    EXPECT_EQ(allBefore, 30);
    EXPECT_LT(someBefore, allBefore) << "B-frames nothing refers to were skipped";
    EXPECT_LT(fewBefore, someBefore) << "B-frames others refer to were skipped too";
    EXPECT_EQ(someAfter, allAfter) << "every picture once switched back";
    EXPECT_EQ(fewAfter, allAfter) << "every picture once switched back";
}

TEST(MediaReader, SeekExactHandsOutThePictureShownAtTheTimeThenTheNextOnes) {
    test::ScratchDir dir("media_reader_seek_exact");
    auto file = make(dir, {"late", 500'000, 0, ".mp4", true});
    auto r = av::MediaReader::open(file.string());
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto nextPicture = [&]() -> Micros {
        av::Frame f;
        av::MediaKind kind;
        while (r->readFrame(f, kind) == av::Flow::Got)
            if (kind == av::MediaKind::Video) return r->toMicros(f->pts, r->videoIndex());
        return -1;
    };
    for (Micros t : {Micros(1'234'567), Micros(0), Micros(2'000'000), Micros(1'000'000 + kFrame / 2), Micros(-5)}) {
        ASSERT_TRUE(r->seekExact(t).ok()) << t;
        const double n = std::floor(static_cast<double>(std::max<Micros>(0, t)) * 30 / 1e6);  // picture index
        EXPECT_NEAR(static_cast<double>(nextPicture()), n * 1e6 / 30, 2) << "picture shown at " << t;
        EXPECT_NEAR(static_cast<double>(nextPicture()), (n + 1) * 1e6 / 30, 2) << "then the next";
    }
    ASSERT_TRUE(r->seekExact(60'000'000).ok()) << "past the end: the last picture";
    EXPECT_NEAR(static_cast<double>(nextPicture()), 89 * 1e6 / 30, 2);
}

TEST(MediaReader, DamagedPacketsAreSkippedCountedAndBounded) {
    test::ScratchDir dir("media_reader_damage");
    demo::SynthSpec spec;
    spec.video = "testsrc2=size=320x240:rate=30";
    spec.duration = 4'000'000;
    spec.videoCodec = "mjpeg";
    spec.pixelFormat = "yuvj420p";
    spec.videoOptions = {};
    auto good = dir / "good.avi";
    ASSERT_TRUE(demo::synthesize(spec, good).ok());
    // Wipe the headers (start of image, tables, start of scan) of ten pictures in the middle: those
    // packets do not decode.
    auto bad = dir / "bad.avi";
    fs::copy_file(good, bad);
    std::string bytes;
    {
        std::ifstream in(bad, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    int wiped = 0;
    for (size_t at = bytes.size() / 3; wiped < 10 && (at = bytes.find("\xff\xd8\xff", at)) != std::string::npos; at += 1000) {
        std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), 1000, '\0');
        ++wiped;
    }
    ASSERT_EQ(wiped, 10);
    {
        std::ofstream out(bad, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    auto r = av::MediaReader::open(bad.string());
    ASSERT_TRUE(r.ok()) << r.error().what();
    auto ff = readAll(*r);
    EXPECT_EQ(r->damaged(), 10) << "each damaged packet skipped and counted";
    EXPECT_NE(r->lastDamage().code, 0) << "and why the last one was: " << r->lastDamage().what();
    EXPECT_EQ(ff.videoFrames, 110) << "the rest of the file still reads";

    av::ReaderOptions strict;
    strict.maxDamaged = 3;
    auto s = av::MediaReader::open(bad.string(), std::move(strict));
    ASSERT_TRUE(s.ok());
    av::Frame f;
    av::MediaKind kind;
    av::Flow flow;
    while ((flow = s->readFrame(f, kind)) == av::Flow::Got) {
    }
    EXPECT_EQ(flow, av::Flow::Failed) << "past the bound the read stops";
    EXPECT_NE(s->error().what().find("too many damaged packets (4 skipped"), std::string::npos) << s->error().what();
    EXPECT_NE(s->error().what().find("bad.avi"), std::string::npos) << "names the file";
}

TEST(MediaReader, AFileWithoutPictureStartsAtItsFirstSample) {
    test::ScratchDir dir("media_reader_audio_only");
    demo::SynthSpec spec;
    spec.audio = "sine=frequency=500:sample_rate=48000";
    spec.duration = 1'000'000;
    spec.audioStart = 250'000;
    auto file = dir / "voice.ts";
    ASSERT_TRUE(demo::synthesize(spec, file).ok());
    auto r = av::MediaReader::open(file.string());
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->videoIndex(), -1);
    auto ff = readAll(*r);
    EXPECT_EQ(ff.audio, 0);
}

}  // namespace

namespace {

// A check (ingest's decode check) rather than playback: a chosen stream of a file already opened,
// and a bound on the packets read.
TEST(MediaReader, ACheckReadsAChosenStreamAndStopsAtItsBound) {
    test::ScratchDir dir("media_reader_check");
    auto file = make(dir, {"plain", 0, 0, ".mp4", false});
    auto in = av::InputFile::open(file.string());
    ASSERT_TRUE(in.ok());
    const int v = in->bestStream(AVMEDIA_TYPE_VIDEO);
    av::ReaderOptions ro;
    ro.videoStream = v;
    ro.audio = av::AudioStreams::None;
    ro.maxPackets = 10;
    auto r = av::MediaReader::open(std::move(in).value(), std::move(ro));
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->videoIndex(), v);
    EXPECT_EQ(r->origin(), 0) << "found from the file, as with a path";
    auto ff = readAll(*r);
    EXPECT_EQ(ff.videoFrames, 10) << "ten packets read, the decoder drained, then the end";

    av::ReaderOptions wrong;
    wrong.videoStream = 1;  // the sound
    EXPECT_FALSE(av::MediaReader::open(file.string(), std::move(wrong)).ok()) << "not a video stream";
}

}  // namespace
