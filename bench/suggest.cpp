// bench_suggest: kotsu's step suggestions against `ffmpeg -vf scdet -f null -` (and PySceneDetect's
// content detector when a copy is installed) on the same generated clip.
//
// Source: 60 s of 1080p30 H.264 by default, six 10 s scenes (cuts at 10, 20, 30, 40, 50 s), encoded
// as a camera would: x264 veryfast, 2 s GOP, B-frames. kotsu runs all its detectors on the picture
// (content, adaptive, fade, motion); scdet does full-resolution scene-change scoring.
//
//   kotsu            analyzeFile(): reference pictures first, full decode only around changes
//   kotsu full       the same with every picture decoded (--full-decode), for reference
//   ffmpeg scdet     ffmpeg -i clip -vf scdet -f null -
//   pyscenedetect    scenedetect -i clip detect-content (only when installed)
//
// Alternated for several rounds; the table shows the median wall time, fps and the ratio to scdet.
// --no-bframes encodes without B-frames (IPPP, as some phones do): nothing can be skipped on the
// first pass, so only the skipped deblocking and the small analysis size help there.
//   usage: bench_suggest [--seconds 60] [--rounds 3] [--dir DIR] [--keep] [--no-bframes]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "annotate/suggest/suggest.hpp"
#include "core/av/log.hpp"
#include "demo/synth.hpp"

namespace fs = std::filesystem;
using namespace kotsu;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool sh(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string sceneGraph(int seconds) {
    const char* sources[] = {"testsrc2", "smptehdbars", "testsrc", "rgbtestsrc", "testsrc2", "smptehdbars"};
    const char* tints[] = {"", "", "", "", ",hue=h=120:s=0.6", ",negate"};
    int scenes = 6;
    double each = double(seconds) / scenes;
    std::string g, labels;
    for (int i = 0; i < scenes; ++i) {
        std::string label = "[s" + std::to_string(i) + "]";
        g += std::string(sources[i]) + "=size=1920x1080:rate=30,trim=duration=" + std::to_string(each) + ",format=yuv420p" +
             tints[i] + label + ";";
        labels += label;
    }
    // concat stamps in µs and synthesize() hands timestamps to the encoder in 1/rate: settb.
    return g + labels + "concat=n=" + std::to_string(scenes) + ":v=1:a=0,settb=1/30";
}

// "python3 -m scenedetect" or "scenedetect", or empty when neither is installed.
std::string pySceneDetect() {
    if (sh("command -v scenedetect >/dev/null 2>&1")) return "scenedetect";
    if (sh("python3 -c 'import scenedetect, cv2' >/dev/null 2>&1")) return "python3 -m scenedetect";
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    int seconds = 60, rounds = 3;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-suggest";
    bool keep = false, bframes = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::atoi(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (a == "--keep") keep = true;
        else if (a == "--no-bframes") bframes = false;
        else {
            std::fprintf(stderr, "usage: bench_suggest [--seconds 60] [--rounds 3] [--dir DIR] [--keep] [--no-bframes]\n");
            return 2;
        }
    }
    if (!sh("command -v ffmpeg >/dev/null 2>&1")) {
        std::fprintf(stderr, "bench_suggest: the ffmpeg command is not installed (the referee)\n");
        return 77;
    }
    fs::create_directories(dir);
    fs::path clip = dir / ("scenes-1080p30-" + std::to_string(seconds) + "s" + (bframes ? "" : "-ippp") + ".mp4");
    if (!fs::exists(clip)) {
        std::printf("generating %s ...\n", clip.c_str());
        std::fflush(stdout);
        demo::SynthSpec spec;
        spec.video = sceneGraph(seconds);
        spec.duration = Micros(seconds) * 1'000'000;
        spec.videoOptions = {{"preset", "veryfast"}};
        if (!bframes) spec.videoOptions["x264-params"] = "bframes=0";
        spec.gop = 60;
        double t0 = now();
        auto s = demo::synthesize(spec, clip);
        if (!s) {
            std::fprintf(stderr, "bench_suggest: %s\n", s.error().what().c_str());
            return 1;
        }
        std::printf("generated in %.1f s\n", now() - t0);
    }
    const double frames = seconds * 30.0;
    const std::string scdet = "ffmpeg -hide_banner -nostats -loglevel error -i '" + clip.string() +
                              "' -vf scdet -f null - >/dev/null 2>&1";
    const std::string psd = pySceneDetect();
    const std::string psdCmd = psd + " -q -i '" + clip.string() + "' detect-content list-scenes -n >/dev/null 2>&1";

    annotate::SuggestOptions fast;
    fast.detectors = {annotate::Detector::Content, annotate::Detector::Adaptive, annotate::Detector::Fade,
                      annotate::Detector::Motion};
    annotate::SuggestOptions full = fast;
    full.fastDecode = false;

    std::vector<double> tOurs, tFull, tScdet, tPsd;
    annotate::SuggestReport last;
    for (int r = 0; r < rounds; ++r) {
        double t0 = now();
        if (!sh(scdet)) {
            std::fprintf(stderr, "bench_suggest: ffmpeg scdet failed\n");
            return 1;
        }
        tScdet.push_back(now() - t0);

        t0 = now();
        auto ours = annotate::analyzeFile(clip.string(), fast);
        tOurs.push_back(now() - t0);
        if (!ours) {
            std::fprintf(stderr, "bench_suggest: %s\n", ours.error().what().c_str());
            return 1;
        }
        last = std::move(ours).value();

        t0 = now();
        auto slow = annotate::analyzeFile(clip.string(), full);
        tFull.push_back(now() - t0);
        if (!slow) {
            std::fprintf(stderr, "bench_suggest: %s\n", slow.error().what().c_str());
            return 1;
        }
        if (!psd.empty()) {
            t0 = now();
            if (sh(psdCmd)) tPsd.push_back(now() - t0);
        }
        std::printf("round %d: scdet %.2f s  kotsu %.2f s  kotsu full %.2f s%s\n", r + 1, tScdet.back(), tOurs.back(),
                    tFull.back(), tPsd.empty() ? "" : ("  pyscenedetect " + std::to_string(tPsd.back()) + " s").c_str());
        std::fflush(stdout);
    }

    const double scdetMedian = median(tScdet);
    std::printf("\nsource: %s (%d s, 1080p30 H.264 veryfast, GOP 2 s, %s), %d rounds, median wall time\n",
                clip.filename().c_str(), seconds, bframes ? "B-frames" : "no B-frames", rounds);
    std::printf("%-16s %9s %9s %12s\n", "tool", "seconds", "fps", "vs scdet");
    auto row = [&](const char* name, const std::vector<double>& t) {
        double m = median(t);
        std::printf("%-16s %9.2f %9.1f %11.2fx\n", name, m, frames / m, m / scdetMedian);
    };
    row("kotsu", tOurs);
    row("kotsu full", tFull);
    row("ffmpeg scdet", tScdet);
    if (!tPsd.empty())
        row("pyscenedetect", tPsd);
    else
        std::printf("%-16s skipped: neither the scenedetect command nor its python module is installed\n",
                    "pyscenedetect");
    std::printf("\nkotsu analysed %ld of %.0f pictures (%ld decoded again around changes); suggestions:",
                last.framesAnalyzed, frames, last.framesRefined);
    for (const auto& s : last.suggestions) std::printf(" %s %s", formatSeconds(s.time).c_str(), s.reason.c_str());
    std::vector<double> paired;
    for (size_t i = 0; i < tOurs.size(); ++i) paired.push_back(tOurs[i] / tScdet[i]);
    std::printf("\nratio kotsu / scdet = %.2f of the medians, %.2f the median of the rounds' own ratios"
                " (goal: at most 0.50)\n",
                median(tOurs) / scdetMedian, median(paired));
    if (!keep) fs::remove(clip);
    return 0;
}
