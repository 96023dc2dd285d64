// kotsu capture devices | kotsu capture --session TITLE --device KIND:NAME… [--role R…] [--duration S]
// [--tag-listen HOST:PORT] | kotsu capture recover FILE|FOLDER
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "capture/record/recorder.hpp"
#include "capture/record/tag_keys.hpp"
#include "capture/record/tag_placement.hpp"
#include "capture/record/tag_server.hpp"
#include "capture/record/tags.hpp"
#include "capture/record/take.hpp"
#include "core/av/device.hpp"
#include "core/progress.hpp"
#include "core/time.hpp"

namespace kotsu::cli {

namespace {

namespace fs = std::filesystem;

// The session clock, once the recorder runs (0 before).
class SessionClock {
public:
    void set(std::function<Micros()> f) {
        std::lock_guard lock(m_);
        f_ = std::move(f);
    }
    Micros operator()() {
        std::lock_guard lock(m_);
        return f_ ? f_() : 0;
    }

private:
    std::mutex m_;
    std::function<Micros()> f_;
};

std::string meter(double db) {
    // -60 dBFS … 0 dBFS in 10 steps: a dead microphone shows an empty bar.
    const int n = std::clamp(static_cast<int>(std::lround((db + 60) / 6)), 0, 10);
    std::string s;
    for (int i = 0; i < 10; ++i) s += i < n ? "▮" : "▯";
    return s;
}

// ", 0.4 s sound" when the devices lost sound (filled with silence), else nothing.
std::string soundLost(Micros lost) {
    if (lost <= 0) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, ", %.1f s sound", static_cast<double>(lost) / 1e6);
    return buf;
}

std::string diskFree(const fs::path& p) {
    struct statvfs v {};
    if (statvfs(p.c_str(), &v) != 0) return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(v.f_bavail) * v.f_frsize / 1e9);
    return buf;
}

std::string lastTags(const record::TagBus& bus) {
    auto tags = bus.tags();
    std::string s;
    for (std::size_t i = tags.size() > 3 ? tags.size() - 3 : 0; i < tags.size(); ++i)
        s += " " + (tags[i].label.empty() ? tags[i].kind : tags[i].label) + "@" + record::clockText(tags[i].t);
    return s.empty() ? " -" : s;
}

// HOST:PORT with PORT 0…65535.
std::optional<std::pair<std::string, int>> hostPort(const std::string& v) {
    auto colon = v.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    try {
        std::size_t used = 0;
        int port = std::stoi(v.substr(colon + 1), &used);
        if (used != v.size() - colon - 1 || port < 0 || port > 65535) return std::nullopt;
        return std::make_pair(v.substr(0, colon), port);
    } catch (...) {
        return std::nullopt;
    }
}

int runDevices() {
    std::vector<std::string> notes;
    auto devices = av::listDevices(notes);
    if (devices.empty()) std::printf("none found\n");
    for (const auto& d : devices) {
        std::printf("%s  %s\n", d.spec.c_str(), d.description.c_str());
        for (const auto& m : d.modes) std::printf("    %s\n", m.c_str());
    }
    for (const auto& n : notes) std::printf("  note: %s\n", n.c_str());
    std::printf("test sources: lavfi:testsrc2=size=1280x720:rate=30,realtime  lavfi:sine=frequency=440,arealtime\n");
    return 0;
}

void printTake(const record::TakeReport& r) {
    for (const auto& i : r.ingested) {
        if (i.ok)
            std::printf("ingested  %s → session '%s', asset %lld [%s], %s\n", i.file.c_str(), i.session.title.c_str(),
                        static_cast<long long>(i.asset.id), i.asset.role.c_str(), formatTime(i.asset.probe.duration).c_str());
        else if (i.duplicate)
            std::printf("duplicate %s: already asset %lld\n", i.file.c_str(), static_cast<long long>(i.asset.id));
    }
    std::printf("markers: %d from the tags\n", r.markers);
    for (const auto& n : r.notes) std::printf("  note: %s\n", n.c_str());
}

std::optional<catalog::Catalog> libraryCatalog(const Library& lib) {
    if (!fs::exists(lib.catalogPath())) {
        auto made = Library::init(lib.root);
        if (!made) {
            fail(made.error());
            return std::nullopt;
        }
    }
    return openCatalogOrFail(lib);
}

int runRecover(const Args& a, const Library& lib) {
    auto cat = libraryCatalog(lib);
    if (!cat) return 1;
    auto say = [](const std::string& s) { std::printf("%s\n", s.c_str()), std::fflush(stdout); };
    auto reports = record::recover(a.positional.at(1), lib, *cat, say);
    if (!reports) return fail(reports.error());
    int failed = 0;
    for (const auto& r : *reports) {
        std::printf("take %s\n", r.folder.c_str());
        if (!r.take) {
            ++failed;
            fail(r.take.error());
            continue;
        }
        printTake(*r.take);
    }
    return failed ? 1 : 0;
}

// What both commands tag with: the phone page (--tag-listen, its URL and QR code printed) and the
// terminal's keys on one bus, and the lines they say, kept apart from the status line by one mutex.
struct LiveTagging {
    std::mutex sayMutex;
    std::unique_ptr<record::TagServer> server;
    std::optional<record::KeyTagger> keys;

    void say(const std::string& s) {
        std::lock_guard lock(sayMutex);
        std::fprintf(stderr, "\r\033[K%s\n", s.c_str());
    }
    // False (after saying why) when the page cannot listen.
    bool start(const Args& a, record::TagBus& bus, const std::vector<record::PaletteEntry>& palette, bool recording) {
        if (auto listen = a.value("tag-listen")) {
            auto hp = hostPort(*listen);
            record::TagServerOptions so;
            so.host = hp->first;
            so.port = hp->second;
            so.recording = recording;
            auto s = record::TagServer::start(bus, palette, so);
            if (!s) {
                fail(s.error());
                return false;
            }
            server = std::move(s).value();
            std::printf("tag page: %s\n", server->url().c_str());
            if (isatty(STDOUT_FILENO)) std::printf("%s", record::qrForTerminal(server->url()).c_str());
            std::fflush(stdout);
        }
        keys.emplace(STDIN_FILENO, bus, palette, [this](const std::string& s) { say(s); });
        return true;
    }
    [[nodiscard]] bool stopRequested() const { return (keys && keys->stopRequested()) || cancelRequested(); }
};

int runCapture(const Args& a, const Library& lib) {
    if (!a.positional.empty() && a.positional[0] == "devices") return runDevices();
    if (!a.positional.empty() && a.positional[0] == "recover") return runRecover(a, lib);
    auto session = a.value("session");
    if (!session || session->empty()) return fail("capture: --session \"TITLE\" is required");
    auto specs = a.lists.count("device") ? a.lists.at("device") : std::vector<std::string>{};
    if (specs.empty()) return fail("capture: give at least one --device (see kotsu capture devices)");
    std::vector<record::DeviceRequest> devices;
    for (const auto& s : specs) {
        auto d = av::parseDevice(s);
        if (!d) return fail(d.error());
        devices.push_back({*d, ""});
    }
    // --role applies to the cameras given last: "--device A --device B --role handcam" makes B the hand camera.
    auto roles = a.lists.count("role") ? a.lists.at("role") : std::vector<std::string>{};
    std::vector<record::DeviceRequest*> cameras;
    for (auto& d : devices)
        if (d.spec.kind != "alsa" && d.spec.kind != "pulse" && !d.spec.target.starts_with("sine") &&
            !d.spec.target.starts_with("anullsrc") && d.spec.target.find("arealtime") == std::string::npos)
            cameras.push_back(&d);
    if (roles.size() > cameras.size()) return fail("capture: more --role than cameras");
    for (std::size_t i = 0; i < roles.size(); ++i) cameras[cameras.size() - roles.size() + i]->role = roles[i];

    record::RecordOptions opts;
    opts.size = a.valueOr("size", "");
    opts.fps = std::stoi(a.valueOr("fps", "0"));
    opts.preset = a.valueOr("preset", "veryfast");
    if (auto d = a.value("duration")) opts.duration = parseTime(*d).value();

    auto palette = record::loadPalette();
    if (!palette) return fail(palette.error());
    auto cat = libraryCatalog(lib);
    if (!cat) return 1;
    auto folder = record::newTakeFolder(lib, *session);
    if (!folder) return fail(folder.error());

    record::TakeInfo take{*session, a.valueOr("worker", ""), a.valueOr("task", ""), a.valueOr("site", "")};
    if (auto s = record::writeTake(*folder, take); !s) return fail(s.error());
    SessionClock clock;
    auto bus = record::TagBus::open(*folder / record::kTagFile, [&clock] { return clock(); });
    if (!bus) return fail(bus.error());

    LiveTagging live;
    if (!live.start(a, **bus, *palette, true)) return 1;
    const bool drawStatus = Progress::stderrIsTerminal();
    record::RecordHooks hooks;
    hooks.stopRequested = [&] { return live.stopRequested(); };
    hooks.fileStarted = [&](const record::RecordedFile& f) {
        std::printf("recording: %s\n", f.path.c_str());
        std::fflush(stdout);
    };
    hooks.clockStarted = [&](std::function<Micros()> f) { clock.set(std::move(f)); };
    hooks.clocksKnown = [&](const std::vector<record::RecordedFile>& files) {
        take.files = files;
        if (auto s = record::writeTake(*folder, take); !s) live.say("take.json: " + s.error().what());
    };
    hooks.status = [&](const record::RecordStatus& st) {
        if (!drawStatus) return;
        std::lock_guard lock(live.sayMutex);
        std::fprintf(stderr, "\r\033[K● %s  %.1f fps  dropped %lld%s  %s %s  disk %s  tags:%s", record::clockText(st.elapsed).c_str(),
                     st.fps, static_cast<long long>(st.dropped), soundLost(st.soundLost).c_str(), st.hasAudio ? meter(st.audioDb).c_str() : "no mic",
                     st.hasAudio ? (std::to_string(static_cast<int>(std::lround(st.audioDb))) + " dB").c_str() : "",
                     diskFree(*folder).c_str(), lastTags(**bus).c_str());
    };
    auto result = record::record(devices, opts, *folder, hooks);
    if (drawStatus) std::fprintf(stderr, "\r\033[K");
    if (!result) {
        // Nothing recorded and nothing tagged: the take folder kotsu made holds only its own two small
        // files, which go with it. Anything else in it (a fragment written before the failure) stays.
        std::error_code ec;
        bool onlyOurs = fs::is_empty(*folder / record::kTagFile, ec);
        for (const auto& e : fs::directory_iterator(*folder, ec))
            if (e.path().filename() != record::kTagFile && e.path().filename() != record::kTakeFile) onlyOurs = false;
        if (onlyOurs && !ec) {
            fs::remove(*folder / record::kTagFile, ec);
            fs::remove(*folder / record::kTakeFile, ec);
            fs::remove(*folder, ec);  // only if empty by now
        }
        return fail(result.error());
    }
    live.server.reset();
    std::printf("stopped: %s after %s", result->stopReason.c_str(), formatTime(result->elapsed).c_str());
    if (result->dropped > 0 || result->soundLost > 0)
        std::printf(" (dropped %lld pictures%s)", static_cast<long long>(result->dropped), soundLost(result->soundLost).c_str());
    std::printf("\n");
    // A take that cannot be finished now (a full disk has no room for the finalized copy) stays as
    // it is, whole fragments only, for `recover` once the problem is gone: one line says so.
    auto kept = [&](const Error& e) {
        return fail("capture: " + (result->faulted ? result->stopReason + "; " : std::string()) + e.what() +
                    " — the recording is kept: kotsu capture recover '" + folder->string() + "' finishes it");
    };
    take.files = result->files;
    take.startedAt = result->startedAt;
    if (auto s = record::writeTake(*folder, take); !s) return kept(s.error());
    clearCancel();  // the take stopped by Ctrl-C is still finalized and ingested
    auto say = [](const std::string& s) { std::printf("%s\n", s.c_str()), std::fflush(stdout); };
    auto done = record::finishTake(*folder, lib, *cat, say);
    if (!done) return kept(done.error());
    printTake(*done);
    if (result->faulted) return fail("capture: " + result->stopReason + " (what was recorded is kept)");
    return 0;
}

// kotsu tag: the tag bus with no recording, on the PC's clock; the tags land on the camera files at ingest.
int runTag(const Args& a, const Library& lib) {
    const std::string session = a.valueOr("session", "");
    if (session.empty()) return fail("tag: --session \"TITLE\" is required");
    auto palette = record::loadPalette();
    if (!palette) return fail(palette.error());
    if (!fs::exists(lib.catalogPath())) {
        auto made = Library::init(lib.root);
        if (!made) return fail(made.error());
    }
    const auto wall0 = std::chrono::system_clock::now();
    const auto t0 = std::chrono::steady_clock::now();
    auto take = record::newTagTake(lib, session,
                                   std::chrono::duration_cast<std::chrono::microseconds>(wall0.time_since_epoch()).count());
    if (!take) return fail(take.error());
    auto bus = record::TagBus::open(take->folder / record::kTagFile, [t0] {
        return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    });
    if (!bus) return fail(bus.error());
    LiveTagging live;
    if (!live.start(a, **bus, *palette, false)) return 1;
    std::printf("tagging: %s (the PC's clock; 7 = sync: tag it at a clap the camera hears)\n", take->folder.c_str());
    std::fflush(stdout);
    Micros limit = 0;
    if (auto d = a.value("duration")) limit = parseTime(*d).value();
    while (!live.stopRequested() && (limit == 0 || (*bus)->now() < limit))
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    live.server.reset();
    std::printf("tags: %zu saved in %s; they become markers when the camera files are ingested with --session \"%s\"\n",
                (*bus)->tags().size(), take->folder.c_str(), session.c_str());
    return 0;
}

std::optional<std::string> checkDevice(const std::string& what, const std::string& v) {
    auto d = av::parseDevice(v);
    if (!d) return what + ": " + d.error().message;
    return std::nullopt;
}

std::optional<std::string> checkListen(const std::string& what, const std::string& v) {
    if (!hostPort(v)) return what + ": give HOST:PORT (0.0.0.0:8787, 127.0.0.1:0), not '" + v + "'";
    return std::nullopt;
}

}  // namespace

std::vector<Command> captureCommands() {
    return {
        {.name = "capture",
         .summary = "record cameras and microphones (crash-safe), tag live from the keys or a phone, ingest",
         .options = {{"session", "TITLE", "the recording session"},
                     {"worker", "NAME", "who is recorded"},
                     {"task", "TASK", "what they do"},
                     {"site", "SITE", "where"},
                     {.name = "device", .valueName = "KIND:NAME",
                      .help = "v4l2:/dev/video0, alsa:default, pulse:default or lavfi:GRAPH (repeatable)",
                      .check = checkDevice, .many = true},
                     {.name = "role", .valueName = "ROLE",
                      .help = "main, handcam or overview for the cameras given last (repeatable)",
                      .check = checks::matching([](const std::string& r) { return capture::isVideoRole(r); },
                                                "main, handcam or overview"),
                      .many = true},
                     {"size", "WxH", "picture size asked of cameras", checks::frameSize()},
                     {"fps", "N", "frame rate asked of cameras (default 30)", checks::wholeNumber(1, 240)},
                     {"preset", "NAME", "x264 preset (default veryfast)",
                      checks::oneOf({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium"})},
                     {"duration", "TIME", "stop after this long", checks::time()},
                     {"tag-listen", "HOST:PORT", "serve the phone tag page (port 0: a free port)", checkListen}},
         .verbs = {{.name = "devices", .summary = "list the cameras and microphones there are, with their modes"},
                   {.name = "recover",
                    .summary = "finish a take cut short by a crash or power cut: cut back, finalize, ingest",
                    .positionals = {{.name = "FILE|FOLDER", .help = "a recording, its take folder, or recordings/"}}}},
         .run = runCapture,
         .details = "Keys while recording: 1-9 the tag palette (assets/tag_palette.conf), space a plain mark,\n"
                    "u undo, q stop (y to confirm); Ctrl-C stops too. Each stop finalizes the files (faststart MP4,\n"
                    "tags as chapters, timecode) and ingests them into the session with the tags as markers.",
         .verbOptional = true},
        {.name = "tag",
         .summary = "tag a take that a camera records on its own (keys or phone, the PC's clock)",
         .options = {{"session", "TITLE", "the session the camera files will be ingested into", {}, true},
                     {"tag-listen", "HOST:PORT", "serve the phone tag page (port 0: a free port)", checkListen},
                     {"duration", "TIME", "stop after this long", checks::time()}},
         .run = runTag,
         .details = "Keys as in kotsu capture (7 = sync: tag the clap). The tags are kept in the library's\n"
                    "recordings/ and become markers when the camera's files are ingested into the session:\n"
                    "by their creation time (+ --clock-offset), or aligned to the clap at a sync tag."},
    };
}

}  // namespace kotsu::cli
