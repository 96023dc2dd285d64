// bench_capture: `kotsu capture`'s recorder against the ffmpeg command recording the same source.
//
// Source: 1080p30 testsrc2 paced by `realtime` plus a 48 kHz sine paced by `arealtime` (lavfi: the
// same libavdevice path as a camera and a microphone). Both sides encode H.264 (libx264, the same
// preset, zerolatency, 1 s GOP, CRF 23) and AAC into fragmented MP4. Rounds alternate kotsu, ffmpeg.
//
//   kotsu   record(): one process, device threads, encoder thread, writer thread fdatasyncing ~1 s
//           fragments (RUSAGE_SELF around the take)
//   ffmpeg  ffmpeg -f lavfi … -c:v libx264 … -movflags +frag_keyframe+empty_moov (RUSAGE_CHILDREN)
//
// Prints per side: pictures expected / written / dropped, CPU seconds per recorded second, the
// kotsu/ffmpeg CPU ratio, and the load average before and after.
//   usage: bench_capture [--minutes 2] [--rounds 1] [--preset veryfast] [--dir DIR]
#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "capture/record/recorder.hpp"
#include "core/av/log.hpp"

namespace fs = std::filesystem;
using namespace kotsu;

namespace {

double cpuOf(int who) {
    rusage u{};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

std::string loadavg() {
    std::ifstream in("/proc/loadavg");
    std::string s;
    std::getline(in, s);
    return s;
}

long long packets(const fs::path& f) {
    std::string cmd = "ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 '" +
                      f.string() + "' 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    long long n = -1;
    if (std::fscanf(p, "%lld", &n) != 1) n = -1;
    pclose(p);
    return n;
}

struct Side {
    double cpu = 0, seconds = 0;
    long long expected = 0, written = 0, dropped = 0;
};

}  // namespace

int main(int argc, char** argv) {
    double minutes = 2;
    int rounds = 1;
    std::string preset = "veryfast";
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-capture";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--minutes") minutes = std::atof(argv[i + 1]);
        else if (a == "--rounds") rounds = std::atoi(argv[i + 1]);
        else if (a == "--preset") preset = argv[i + 1];
        else if (a == "--dir") dir = argv[i + 1];
    }
    av::configureLogging();
    const double seconds = minutes * 60;
    const std::string video = "testsrc2=size=1920x1080:rate=30,realtime";
    const std::string audio = "sine=frequency=440:sample_rate=48000,arealtime";
    std::printf("bench_capture: 1080p30 + 48 kHz, %.1f s a take, %d round(s), x264 %s; load before: %s\n", seconds,
                rounds, preset.c_str(), loadavg().c_str());
    Side k, f;
    for (int r = 0; r < rounds; ++r) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        {
            record::RecordOptions o;
            o.duration = static_cast<Micros>(seconds * 1e6);
            o.preset = preset;
            std::vector<record::DeviceRequest> devs{{*av::parseDevice("lavfi:" + video), ""},
                                                    {*av::parseDevice("lavfi:" + audio), ""}};
            record::RecordStatus last;
            record::RecordHooks h;
            h.status = [&](const record::RecordStatus& s) { last = s; };
            const double c0 = cpuOf(RUSAGE_SELF);
            auto res = record::record(devs, o, dir, h);
            const double c1 = cpuOf(RUSAGE_SELF);
            if (!res) {
                std::fprintf(stderr, "kotsu: %s\n", res.error().what().c_str());
                return 1;
            }
            k.cpu += c1 - c0;
            k.seconds += seconds;
            k.expected += static_cast<long long>(seconds * 30);
            k.written += packets(res->files.at(0).path);
            k.dropped += last.dropped;
        }
        {
            const fs::path out = dir / "ffmpeg.mp4";
            const std::string cmd =
                "ffmpeg -nostdin -loglevel error -y -f lavfi -i '" + video + "' -f lavfi -i '" + audio +
                "' -t " + std::to_string(seconds) + " -c:v libx264 -preset " + preset +
                " -tune zerolatency -crf 23 -g 30 -keyint_min 30 -x264-params scenecut=0 -pix_fmt yuv420p"
                " -c:a aac -b:a 64k -movflags +frag_keyframe+empty_moov+default_base_moof '" + out.string() + "'";
            const double c0 = cpuOf(RUSAGE_CHILDREN);
            if (std::system(cmd.c_str()) != 0) {
                std::fprintf(stderr, "ffmpeg failed: %s\n", cmd.c_str());
                return 1;
            }
            const double c1 = cpuOf(RUSAGE_CHILDREN);
            f.cpu += c1 - c0;
            f.seconds += seconds;
            f.expected += static_cast<long long>(seconds * 30);
            f.written += packets(out);
            f.dropped += std::max(0LL, static_cast<long long>(seconds * 30) - packets(out));
        }
    }
    std::printf("%-8s %10s %10s %10s %14s\n", "", "expected", "written", "dropped", "CPU s/rec s");
    std::printf("%-8s %10lld %10lld %10lld %14.3f\n", "kotsu", k.expected, k.written, k.dropped, k.cpu / k.seconds);
    std::printf("%-8s %10lld %10lld %10lld %14.3f\n", "ffmpeg", f.expected, f.written, f.dropped, f.cpu / f.seconds);
    std::printf("CPU ratio kotsu/ffmpeg: %.2f   load after: %s\n", (k.cpu / k.seconds) / (f.cpu / f.seconds), loadavg().c_str());
    fs::remove_all(dir);
    return 0;
}
