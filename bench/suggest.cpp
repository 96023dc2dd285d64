// bench_suggest: kotsu's step suggestions against `ffmpeg -vf scdet -f null -` and against a plain
// decode of the same file (`ffmpeg -i F -f null -`, the decoder's limit), and their quality.
//
// Speed: 60 s of 1080p30 H.264 by default, six 10 s scenes (cuts at 10, 20, 30, 40, 50 s), encoded as
// cameras do: x264 veryfast, 2 s GOP — once with B-frames, once without (IPPP, as most phones). kotsu
// runs its picture detectors (content, adaptive, fade, motion); scdet does full-resolution scene-change
// scoring; the plain decode does nothing but decode.
//
//   kotsu            analyzeFile(): reference pictures first, full decode only around changes
//   kotsu full       the same with every picture decoded (--full-decode), for reference
//   ffmpeg scdet     ffmpeg -i clip -vf scdet -f null -
//   ffmpeg decode    ffmpeg -i clip -f null -
//   pyscenedetect    scenedetect -i clip detect-content (only when installed)
//
// Alternated for several rounds; the table shows the median wall time, fps and the ratios, with the
// load average before and after. Quality: precision, recall and F1 on the synthetic set and on the
// real-footage set (edits of ../shared/media with known boundaries; tests/suggest), cut and fade
// boundaries for the real set.
//   usage: bench_suggest [--seconds 60] [--rounds 3] [--dir DIR] [--keep] [--bframes-only|--no-bframes]
//                        [--media DIR] [--no-quality]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "annotate/suggest/suggest.hpp"
#include "core/av/log.hpp"
#include "demo/synth.hpp"
#include "tests/suggest/suggest_clips.hpp"
#include "tests/suggest/suggest_real_clips.hpp"
#include "tests/suggest/suggest_score.hpp"

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

std::string loadavg() {
    std::ifstream in("/proc/loadavg");
    std::string line;
    std::getline(in, line);
    return line.empty() ? "?" : line;
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

struct Ratios {
    std::string source;
    double scdet = 0, decode = 0;  // kotsu's median over the reference's median
};

// One source, all tools alternated; prints its table and returns kotsu's ratios.
int benchSource(const fs::path& dir, int seconds, int rounds, bool bframes, bool keep, Ratios& out) {
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
    const std::string quoted = "'" + clip.string() + "'";
    const std::string scdet = "ffmpeg -hide_banner -nostats -loglevel error -i " + quoted +
                              " -vf scdet -f null - >/dev/null 2>&1";
    const std::string decode = "ffmpeg -hide_banner -nostats -loglevel error -i " + quoted + " -f null - >/dev/null 2>&1";
    const std::string psd = pySceneDetect();
    const std::string psdCmd = psd + " -q -i " + quoted + " detect-content list-scenes -n >/dev/null 2>&1";

    annotate::SuggestOptions fast;
    fast.detectors = {annotate::Detector::Content, annotate::Detector::Adaptive, annotate::Detector::Fade,
                      annotate::Detector::Motion};
    annotate::SuggestOptions full = fast;
    full.fastDecode = false;

    std::printf("\nload average before: %s\n", loadavg().c_str());
    std::vector<double> tOurs, tFull, tScdet, tDecode, tPsd;
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
        if (!sh(decode)) {
            std::fprintf(stderr, "bench_suggest: ffmpeg decode failed\n");
            return 1;
        }
        tDecode.push_back(now() - t0);

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
        std::printf("round %d: scdet %.2f s  kotsu %.2f s  decode %.2f s  kotsu full %.2f s%s\n", r + 1, tScdet.back(),
                    tOurs.back(), tDecode.back(), tFull.back(),
                    tPsd.empty() ? "" : ("  pyscenedetect " + std::to_string(tPsd.back()) + " s").c_str());
        std::fflush(stdout);
    }
    std::printf("load average after:  %s\n", loadavg().c_str());

    const double scdetMedian = median(tScdet), decodeMedian = median(tDecode);
    std::printf("\nsource: %s (%d s, 1080p30 H.264 veryfast, GOP 2 s, %s), %d rounds, median wall time\n",
                clip.filename().c_str(), seconds, bframes ? "B-frames" : "no B-frames", rounds);
    std::printf("%-16s %9s %9s %10s %10s\n", "tool", "seconds", "fps", "vs scdet", "vs decode");
    auto row = [&](const char* name, const std::vector<double>& t) {
        double m = median(t);
        std::printf("%-16s %9.2f %9.1f %9.2fx %9.2fx\n", name, m, frames / m, m / scdetMedian, m / decodeMedian);
    };
    row("kotsu", tOurs);
    row("kotsu full", tFull);
    row("ffmpeg scdet", tScdet);
    row("ffmpeg decode", tDecode);
    if (!tPsd.empty())
        row("pyscenedetect", tPsd);
    else
        std::printf("%-16s skipped: neither the scenedetect command nor its python module is installed\n",
                    "pyscenedetect");
    std::printf("\nkotsu analysed %ld of %.0f pictures (%ld decoded again around changes); suggestions:",
                last.framesAnalyzed, frames, last.framesRefined);
    for (const auto& s : last.suggestions) std::printf(" %s %s", formatSeconds(s.time).c_str(), s.reason.c_str());
    std::vector<double> pairedScdet, pairedDecode;
    for (size_t i = 0; i < tOurs.size(); ++i) {
        pairedScdet.push_back(tOurs[i] / tScdet[i]);
        pairedDecode.push_back(tOurs[i] / tDecode[i]);
    }
    out = {bframes ? "B-frames" : "no B-frames", median(tOurs) / scdetMedian, median(tOurs) / decodeMedian};
    std::printf("\nratio kotsu / scdet  = %.2f of the medians, %.2f the median of the rounds' own ratios (goal: at most 0.50)\n",
                out.scdet, median(pairedScdet));
    std::printf("ratio kotsu / decode = %.2f of the medians, %.2f the median of the rounds' own ratios (goal: at most 1.20)\n",
                out.decode, median(pairedDecode));
    if (!keep) fs::remove(clip);
    return 0;
}

// P/R/F1 of one set, clip by clip.
test::suggest::Score quality(const std::string& title, const std::vector<test::suggest::Clip>& set, const fs::path& dir,
                             const annotate::SuggestOptions& o, const std::vector<std::string>& reasons) {
    test::suggest::Score total;
    std::printf("\n%s\n", title.c_str());
    test::suggest::printScoreHeader();
    for (const auto& clip : set) {
        fs::path path;
        try {
            path = test::suggest::make(dir, clip);
        } catch (const std::exception& e) {
            std::printf("%-34s cannot be made: %s\n", clip.name.c_str(), e.what());
            continue;
        }
        auto r = annotate::analyzeFile(path.string(), o);
        if (!r) {
            std::printf("%-34s %s\n", clip.name.c_str(), r.error().what().c_str());
            continue;
        }
        std::string list;
        auto s = test::suggest::score(r->suggestions, clip.expected, reasons, &list);
        test::suggest::printScoreRow(clip.name, s, list);
        total += s;
    }
    test::suggest::printScoreTotal("total", total);
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    int seconds = 60, rounds = 3;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-suggest";
    fs::path media = fs::path(KOTSU_SOURCE_DIR) / ".." / "shared" / "media";
    if (const char* env = std::getenv("KOTSU_SHARED_MEDIA"); env && *env) media = env;
    bool keep = false, withB = true, withoutB = true, withQuality = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::atoi(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (a == "--media" && i + 1 < argc) media = argv[++i];
        else if (a == "--keep") keep = true;
        else if (a == "--no-bframes") withB = false;
        else if (a == "--bframes-only") withoutB = false;
        else if (a == "--no-quality") withQuality = false;
        else {
            std::fprintf(stderr, "usage: bench_suggest [--seconds 60] [--rounds 3] [--dir DIR] [--keep] "
                                 "[--bframes-only|--no-bframes] [--media DIR] [--no-quality]\n");
            return 2;
        }
    }
    if (!sh("command -v ffmpeg >/dev/null 2>&1")) {
        std::fprintf(stderr, "bench_suggest: the ffmpeg command is not installed (the referee)\n");
        return 77;
    }
    fs::create_directories(dir);
    if (withQuality) {
        const fs::path sets = dir / "sets";
        fs::create_directories(sets);
        auto synthetic = quality("synthetic set (all detectors)", test::suggest::clips(), sets, {}, {});
        auto real = test::suggest::realClips(media);
        if (real.empty()) {
            std::printf("\nreal-footage set skipped: %s is absent (--media DIR)\n", media.c_str());
        } else {
            annotate::SuggestOptions picture;
            picture.detectors = {annotate::Detector::Content, annotate::Detector::Adaptive, annotate::Detector::Fade};
            auto r = quality("real-footage set (cuts and fades; content, adaptive, fade)", real, sets, picture,
                             {"cut", "fade"});
            std::printf("real-footage F1 %.3f (goal: at least 0.95), worst cut %.1f ms off (goal: within one frame)\n",
                        r.f1(), r.worstCut / 1000.0);
        }
        std::printf("synthetic F1 %.3f\n", synthetic.f1());
        if (!keep) {
            // Only what this run made: the generated clips, then the folder if that left it empty.
            std::error_code ec;
            for (const auto& set : {test::suggest::clips(), real})
                for (const auto& c : set)
                    if (c.file.empty()) fs::remove(sets / c.name, ec);
            fs::remove(sets, ec);
        }
    }
    std::vector<Ratios> ratios;
    for (bool b : {true, false}) {
        if ((b && !withB) || (!b && !withoutB)) continue;
        Ratios r;
        if (int rc = benchSource(dir, seconds, rounds, b, keep, r); rc != 0) return rc;
        ratios.push_back(r);
    }
    std::printf("\nsummary (load average now: %s)\n", loadavg().c_str());
    for (const auto& r : ratios)
        std::printf("  %-12s kotsu / scdet %.2f (goal <= 0.50)   kotsu / decode %.2f (goal <= 1.20)\n", r.source.c_str(),
                    r.scdet, r.decode);
    return 0;
}
