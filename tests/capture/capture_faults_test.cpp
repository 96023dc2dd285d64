// kotsu capture's faults (issue 9 item 7), each one line naming the device or file, what was recorded
// kept: the same device twice, a device that does not exist, a mode the camera cannot do, a camera that
// goes away mid-take, a full disk mid-take (then `recover` once there is room). And two cameras with a
// microphone in one run, on one session clock: a flash at one moment in both cameras lands at the same
// session time in both recorded files.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <thread>

#include "capture/record/fragments.hpp"
#include "core/av/media_reader.hpp"
#include "tests/capture/capture_child.hpp"
#include "tests/capture/record_fixture.hpp"
#include "tests/cli/cli_support.hpp"
#include "tests/support/small_disk.hpp"

namespace kotsu::test {
namespace {

namespace fs = std::filesystem;

bool oneLine(const CliRun& r) { return std::count(r.err.begin(), r.err.end(), '\n') == 1; }

bool noTakeLeft(const fs::path& lib) { return !fs::exists(lib / "recordings") || fs::is_empty(lib / "recordings"); }

std::string captureLine(const fs::path& lib, const std::vector<std::string>& devices, const std::string& more) {
    std::string s = "capture --session 故障 --preset ultrafast --library '" + lib.string() + "'";
    for (const auto& d : devices) s += " --device \"" + d + "\"";
    return s + " " + more;
}

TEST(CaptureFaults, TheSameDeviceTwiceOrOneThatDoesNotExistIsOneLineNamingIt) {
    ScratchDir dir("capture-twice");
    const fs::path lib = dir / "lib";
    auto r = kotsuCli(captureLine(lib, {"v4l2:/dev/video97", "v4l2:/dev/video97"}, "--duration 1"), dir.path());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("v4l2:/dev/video97: given twice"), std::string::npos) << r.err;
    EXPECT_TRUE(oneLine(r)) << r.err;
    EXPECT_TRUE(noTakeLeft(lib));
    // Through ALSA: a PCM name alsa-lib does not know.
    r = kotsuCli(captureLine(lib, {kCamera, "alsa:kotsu_no_such_pcm"}, "--duration 1"), dir.path());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("alsa:kotsu_no_such_pcm: cannot open the device"), std::string::npos) << r.err;
    EXPECT_TRUE(oneLine(r)) << r.err;
    EXPECT_TRUE(noTakeLeft(lib));
}

TEST(CaptureFaults, AModeTheCameraCannotDoIsOneLineNamingItAndCreatesNothing) {
    ScratchDir dir("capture-mode");
    const fs::path lib = dir / "lib";
    auto r = kotsuCli(captureLine(lib, {kCamera, kMicrophone}, "--size 640x480 --duration 1"), dir.path());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find(std::string(kCamera) + ": cannot record 640x480: the device gives 320x240"), std::string::npos)
        << r.err;
    EXPECT_TRUE(oneLine(r)) << r.err;
    EXPECT_TRUE(noTakeLeft(lib));
    r = kotsuCli(captureLine(lib, {kCamera}, "--fps 25 --duration 1"), dir.path());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("cannot record 25 fps: the device gives 30 fps"), std::string::npos) << r.err;
    EXPECT_TRUE(oneLine(r)) << r.err;
    EXPECT_TRUE(noTakeLeft(lib));
    // What it can do records.
    r = kotsuCli(captureLine(lib, {kCamera}, "--size 320x240 --fps 30 --duration 1"), dir.path());
    EXPECT_EQ(r.code, 0) << r.err;
}

// A camera unplugged mid-take, played by a lavfi source that ends after 2 s: the take stops, is
// finalized and ingested with what it has, and the one line says which device went away.
TEST(CaptureFaults, ACameraThatGoesAwayMidTakeIsNamedAndWhatItRecordedIsKept) {
    ScratchDir dir("capture-unplugged");
    const fs::path lib = dir / "lib";
    const std::string camera = "lavfi:testsrc2=size=320x240:rate=30:duration=2,realtime";
    // --duration 20 only bounds the test if the loss went unnoticed.
    auto r = kotsuCli(captureLine(lib, {camera, kMicrophone}, "--duration 20"), dir.path());
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find(camera + ": the device stopped sending"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("what was recorded is kept"), std::string::npos) << r.err;
    EXPECT_TRUE(oneLine(r)) << r.err;
    const auto took = sessionInLibrary(lib, "故障");
    ASSERT_EQ(took.assets.size(), 1u);
    EXPECT_EQ(took.assets[0].role, "main");
    EXPECT_TRUE(took.assets[0].probe.hasAudio);
    EXPECT_NEAR(took.assets[0].probe.duration / 1e6, 2.0, 0.4);
}

// The recordings folder on a small tmpfs, filled by the test mid-take: the take stops naming the file
// and the full disk, the file keeps its whole fragments (the torn one is cut off), the line says how
// to finish it, and `recover` does once there is room again.
TEST(CaptureFaults, AFullDiskMidTakeKeepsTheWholeFragmentsAndRecoverFinishesIt) {
    ScratchDir dir("capture-full");
    const fs::path lib = dir / "lib";
    std::string why;
    auto disk = SmallDisk::mount(lib / "recordings", 8 << 20, &why);
    if (!disk) GTEST_SKIP() << why;

    Child c = spawn({"capture", "--session", "満杯", "--device", kCamera, "--device", kMicrophone, "--preset",
                     "ultrafast", "--duration", "30", "--library", lib.string()},
                    false, true);
    ASSERT_GT(c.pid, 0);
    const std::string recording = c.waitFor(std::regex(R"(recording: (\S+))"), std::chrono::seconds(30));
    ASSERT_FALSE(recording.empty()) << c.seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));
    disk->fill(0);  // to the last byte
    const bool said = !c.waitFor(std::regex("finishes it"), std::chrono::seconds(30)).empty();
    if (!said) ::kill(c.pid, SIGKILL);
    const int exit = c.wait();
    ASSERT_TRUE(said) << c.seen;
    EXPECT_EQ(exit, 1) << c.seen;
    EXPECT_NE(c.seen.find(recording + ": cannot write the recording"), std::string::npos) << c.seen;
    EXPECT_NE(c.seen.find(std::strerror(ENOSPC)), std::string::npos) << c.seen;
    const std::string folder = fs::path(recording).parent_path().string();
    EXPECT_NE(c.seen.find("kotsu capture recover '" + folder + "'"), std::string::npos) << c.seen;

    // Whole fragments only, readable as they are.
    auto scan = record::scanFragments(recording);
    ASSERT_TRUE(scan.ok()) << scan.error().what();
    EXPECT_GE(scan->fragments, 2);
    EXPECT_EQ(scan->goodEnd, scan->fileSize);
    const double kept = probeDuration(recording);
    EXPECT_GE(kept, 2.0);

    fs::remove(disk->path() / "filler.bin");
    auto rec = kotsuCli("capture recover '" + folder + "' --library '" + lib.string() + "'", dir.path());
    ASSERT_EQ(rec.code, 0) << rec.out << rec.err;
    const auto took = sessionInLibrary(lib, "満杯");
    ASSERT_EQ(took.assets.size(), 1u);
    EXPECT_NEAR(took.assets[0].probe.duration / 1e6, kept, 0.2);
}

// The session time (µs) of the first picture brighter than `luma` (mean Y) in an asset: its file time
// plus the session time of its first picture.
Micros flashAt(const fs::path& file, Micros firstPicture, int luma) {
    auto reader = av::MediaReader::open(file.string());
    EXPECT_TRUE(reader.ok()) << file;
    if (!reader.ok()) return -1;
    av::Frame f;
    av::MediaKind kind;
    while (reader->readFrame(f, kind) == av::Flow::Got) {
        if (kind != av::MediaKind::Video) continue;
        std::int64_t sum = 0;
        for (int y = 0; y < f->height; ++y)
            for (int x = 0; x < f->width; ++x) sum += f->data[0][y * f->linesize[0] + x];
        if (sum / (static_cast<std::int64_t>(f->width) * f->height) > luma)
            return reader->toMicros(f->pts, reader->videoIndex()) + firstPicture;
    }
    return -1;
}

TEST(CaptureSync, TwoCamerasAndAMicrophoneInOneRunShowAFlashAtTheSameSessionTime) {
    ScratchDir dir("capture-sync");
    const fs::path lib = dir / "lib";
    // Both cameras flash white for a fifth of a second from one moment of the wall clock, ~3 s from now:
    // each picture's own moment is its source's start on the wall clock (libav's time(0) as the first
    // picture leaves `realtime`, kept in st(0)) plus its time, so a thread that wakes late under load
    // does not move the flash to another picture.
    const double at = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() + 3.0;
    char flash[200];
    std::snprintf(flash, sizeof flash,
                  "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='between(if(eq(n,0),st(0,time(0)-t),ld(0))+t,%.3f,%.3f)'",
                  at, at + 0.2);
    const std::string main = "lavfi:testsrc2=size=320x240:rate=30,realtime," + std::string(flash);
    const std::string hand = "lavfi:testsrc=size=240x180:rate=30,realtime," + std::string(flash);
    auto r = kotsuCli(captureLine(lib, {main, hand, kMicrophone}, "--role handcam --duration 6"), dir.path());
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    const auto took = sessionInLibrary(lib, "故障");
    ASSERT_EQ(took.assets.size(), 2u);
    std::map<std::string, Micros> flashes;
    for (const auto& a : took.assets) {
        const Micros first = took.firstFrame(a.id, "video");
        ASSERT_GE(first, 0) << a.role;
        flashes[a.role] = flashAt(lib / a.path, first, 200);
        ASSERT_GT(flashes[a.role], 0) << a.role << ": no flash found";
        EXPECT_EQ(a.probe.hasAudio, a.role == "main") << a.role;  // the microphone with the main camera
    }
    ASSERT_EQ(flashes.count("main"), 1u);
    ASSERT_EQ(flashes.count("handcam"), 1u);
    std::printf("flash at %.3f s (main) and %.3f s (handcam) of the session\n", flashes["main"] / 1e6,
                flashes["handcam"] / 1e6);
    EXPECT_LE(std::abs(flashes["main"] - flashes["handcam"]), 33'334);  // one picture at 30 fps
    EXPECT_GT(flashes["main"], 0);
}

}  // namespace
}  // namespace kotsu::test
