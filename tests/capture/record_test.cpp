// The recorder on lavfi devices: record → finalize → ingest → markers, chapters read back by ffprobe,
// device offsets in the catalog, fragments fdatasynced as they are written.
#include "tests/capture/record_fixture.hpp"

#include "capture/record/fragments.hpp"
#include "core/av/media_reader.hpp"
#include "core/files.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

struct Recorded {
    record::RecordResult result;
    std::vector<record::Tag> tags;
    std::uint64_t syncs = 0;
};

// Records `seconds` from the devices into `folder`, tagging at the given session times.
Recorded recordTake(const fs::path& folder, std::vector<std::string> devices, double seconds,
                    std::vector<std::pair<double, std::string>> tagAt) {
    Recorded rec;
    std::function<Micros()> clock;
    std::mutex m;
    auto bus = record::TagBus::open(folder / record::kTagFile, [&] {
        std::lock_guard lock(m);
        return clock ? clock() : 0;
    });
    EXPECT_TRUE(bus.ok());
    record::RecordOptions opts;
    opts.duration = static_cast<Micros>(seconds * 1e6);
    opts.preset = "ultrafast";
    record::RecordHooks hooks;
    std::thread tagger;
    std::atomic<bool> stop{false};
    hooks.clockStarted = [&](std::function<Micros()> f) {
        {
            std::lock_guard lock(m);
            clock = f;
        }
        tagger = std::thread([&, f] {
            for (auto& [t, kind] : tagAt) {
                while (!stop && f() < static_cast<Micros>(t * 1e6)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                auto tag = (*bus)->add(kind == "knack" ? "コツ" : kind == "step" ? "手順" : kind, kind, 0, "test");
                EXPECT_TRUE(tag.ok());
            }
        });
    };
    hooks.status = [&](const record::RecordStatus& st) { rec.syncs = st.syncs; };
    record::TakeInfo take{"録画テスト", "佐藤", "Flange", "Plant 2"};
    EXPECT_TRUE(record::writeTake(folder, take).ok());
    auto r = record::record(lavfiDevices(devices), opts, folder, hooks);
    stop = true;
    if (tagger.joinable()) tagger.join();
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().what());
    if (!r.ok()) return rec;
    rec.result = *r;
    take.files = r->files;
    take.startedAt = r->startedAt;
    EXPECT_TRUE(record::writeTake(folder, take).ok());
    rec.tags = (*bus)->tags();
    return rec;
}

TEST(Record, LavfiTakeIsFinalizedIngestedWithMarkersChaptersAndOffsets) {
    ScratchDir dir("record-take");
    auto lib = Library::init(dir / "lib");
    ASSERT_TRUE(lib.ok());
    auto folder = record::newTakeFolder(*lib, "録画テスト");
    ASSERT_TRUE(folder.ok());
    auto rec = recordTake(*folder, {kCamera, kMicrophone}, 4.0, {{1.0, "step"}, {2.0, "knack"}, {3.0, "ng"}});
    ASSERT_EQ(rec.result.files.size(), 1u);
    EXPECT_EQ(rec.result.stopReason, "duration");
    const auto& f = rec.result.files.front();
    EXPECT_EQ(f.role, "main");
    ASSERT_EQ(f.devices.size(), 2u);
    EXPECT_EQ(f.devices[0].kind, "video");
    EXPECT_EQ(f.devices[1].kind, "audio");
    EXPECT_GE(f.devices[0].firstFrame, 0);
    ASSERT_EQ(rec.tags.size(), 3u);

    // The fragmented file is whole: fragments of about a second, each synced.
    auto scan = record::scanFragments(f.path);
    ASSERT_TRUE(scan.ok()) << scan.error().what();
    EXPECT_GE(scan->fragments, 3);
    EXPECT_EQ(scan->goodEnd, scan->fileSize);
    EXPECT_GE(rec.syncs, 3u);

    // A copy of the fragmented file to read chapters from after finishTake removes it.
    auto cat = catalog::Catalog::open(lib->catalogPath().string());
    ASSERT_TRUE(cat.ok());
    fs::path finalCopy = dir / "final.mp4";
    ASSERT_TRUE(record::finalizeRecording(f.path, finalCopy, rec.tags, f.devices[0].firstFrame).ok());
    auto chapters = probeChapters(finalCopy);
    ASSERT_EQ(chapters.size(), 4u);  // the opening, then one per tag
    EXPECT_EQ(chapters[0].second, 0.0);
    EXPECT_EQ(chapters[1].first, "手順");
    EXPECT_EQ(chapters[2].first, "コツ");
    EXPECT_EQ(chapters[3].first, "ng");
    EXPECT_NEAR(chapters[1].second, 1.0 - f.devices[0].firstFrame / 1e6, 0.05);
    EXPECT_NEAR(chapters[2].second - chapters[1].second, 1.0, 0.05);
    EXPECT_EQ(probeStreamEntry(finalCopy, "v:0", "codec_name"), "h264");
    EXPECT_EQ(probeStreamEntry(finalCopy, "a:0", "codec_name"), "aac");
    // The time-of-day timecode survives the faststart remux.
    auto tc = run("ffprobe -v error -show_entries stream_tags=timecode -of csv=p=0 '" + finalCopy.string() + "'");
    EXPECT_NE(tc.find(':'), std::string::npos) << tc;
    EXPECT_NEAR(probeDuration(finalCopy), 4.0, 0.5);

    auto report = record::finishTake(*folder, *lib, *cat);
    ASSERT_TRUE(report.ok()) << report.error().what();
    ASSERT_EQ(report->ingested.size(), 1u);
    ASSERT_TRUE(report->ingested[0].ok) << report->ingested[0].error.what();
    EXPECT_EQ(report->markers, 3);
    EXPECT_FALSE(fs::exists(f.path));  // the verified copy is in the library

    auto session = cat->findSession("録画テスト");
    ASSERT_TRUE(session.ok() && *session);
    auto markers = cat->markers((*session)->id);
    ASSERT_TRUE(markers.ok());
    ASSERT_EQ(markers->size(), 3u);
    const auto& step = (*markers)[0];
    EXPECT_EQ(step.kind, MarkerKind::Step);
    EXPECT_EQ(step.title, "手順");
    // Session time 1.0 s on the clock, less the first picture's session time.
    EXPECT_NEAR(step.in / 1e6, 1.0 - f.devices[0].firstFrame / 1e6, 0.05);
    EXPECT_EQ((*markers)[1].kind, MarkerKind::Knack);
    EXPECT_EQ((*markers)[2].kind, MarkerKind::Tag);
    auto devices = cat->captureDevices((*session)->id);
    ASSERT_TRUE(devices.ok());
    ASSERT_EQ(devices->size(), 2u);
    EXPECT_EQ((*devices)[0].kind, "video");
    EXPECT_EQ((*devices)[0].device, kCamera);
    auto assets = cat->assets((*session)->id);
    ASSERT_TRUE(assets.ok());
    ASSERT_EQ(assets->size(), 1u);
    EXPECT_EQ((*assets)[0].role, "main");
    EXPECT_TRUE((*assets)[0].probe.hasAudio);
}

TEST(Record, TwoCamerasOneMicrophoneMakeTwoFilesWithRoles) {
    ScratchDir dir("record-two");
    auto rec = recordTake(dir.path(), {kCamera, "lavfi:testsrc=size=320x240:rate=25,realtime", kMicrophone}, 2.5, {});
    ASSERT_EQ(rec.result.files.size(), 2u);
    EXPECT_EQ(rec.result.files[0].role, "main");
    EXPECT_EQ(rec.result.files[1].role, "handcam");
    EXPECT_EQ(rec.result.files[0].devices.size(), 2u);  // the microphone with the main camera
    EXPECT_EQ(rec.result.files[1].devices.size(), 1u);
    // One session clock: both cameras' first pictures within a few frames of each other.
    EXPECT_LT(std::abs(rec.result.files[0].devices[0].firstFrame - rec.result.files[1].devices[0].firstFrame), 200'000);
}

TEST(Record, ABadDeviceIsOneErrorNamingItAndCreatesNothing) {
    ScratchDir dir("record-bad");
    auto r = record::record(lavfiDevices({"v4l2:/dev/video97"}), {}, dir.path(), {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("v4l2:/dev/video97"), std::string::npos) << r.error().what();
    EXPECT_TRUE(fs::is_empty(dir.path()));
    EXPECT_FALSE(av::parseDevice("webcam0").ok());
    EXPECT_FALSE(av::parseDevice("usb:/dev/video0").ok());
}

// Torn files: a fragmented recording cut at many offsets always scans to a clean end that never moves
// back as the cut moves forward, and every cut with a fragment in it finalizes to a readable file.
TEST(Record, TornFilesRecoverMonotonically) {
    ScratchDir dir("record-torn");
    auto rec = recordTake(dir.path(), {kCamera, kMicrophone}, 4.0, {});
    ASSERT_EQ(rec.result.files.size(), 1u);
    const auto bytes = kotsu::readFile(rec.result.files[0].path);
    ASSERT_TRUE(bytes.ok());
    std::uint64_t lastGood = 0;
    double lastDuration = 0;
    int finalized = 0;
    const std::size_t n = bytes->size();
    for (int i = 1; i <= 24; ++i) {
        const std::size_t cut = n * i / 24 - (i % 3) * 7;  // not only at round offsets
        fs::path torn = dir / ("torn-" + std::to_string(i) + ".frag.mp4");
        writeBytes(torn, bytes->substr(0, cut));
        auto s = record::cutBack(torn);
        ASSERT_TRUE(s.ok()) << i << ": " << s.error().what();
        EXPECT_LE(s->goodEnd, cut);
        EXPECT_GE(s->goodEnd, lastGood) << "cut " << cut;
        lastGood = s->goodEnd;
        if (s->fragments == 0) continue;
        fs::path out = dir / ("torn-" + std::to_string(i) + ".mp4");
        auto fin = record::finalizeRecording(torn, out, {}, 0);
        ASSERT_TRUE(fin.ok()) << i << ": " << fin.error().what();
        const double d = probeDuration(out);
        EXPECT_GE(d, lastDuration - 0.05) << "cut " << cut;
        lastDuration = d;
        ++finalized;
    }
    EXPECT_GE(finalized, 15);
    EXPECT_NEAR(lastDuration, 4.0, 0.5);
}

}  // namespace
}  // namespace kotsu::test
