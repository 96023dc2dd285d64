// bench_package: `kotsu package` against the ffmpeg command packaging the same session.
//
// Source: generated 1080p30 footage with speech-like audio (the demo's look), N steps spread over it,
// Japanese captions. Work on every side: tablet (1280x720 H.264 High) and glasses (854x480 H.264
// Main, captions and step titles burned in with the same ASS script through libass) clips per step,
// the same x264 settings, AAC audio through a speech chain.
//
//   kotsu      buildPackage(): one decode, both profiles encoded once with keyframes at every step
//              boundary, clips cut without re-encoding (+ loudness per clip, thumbnails, manifest)
//   naive      one ffmpeg re-encode per clip per profile (-ss/-t), 2 x steps commands
//   segment    one ffmpeg command per profile with -force_key_frames and the segment muxer
//
// The reference audio chain is highpass, afftdn, acompressor and single-pass loudnorm (comparable
// work to kotsu's two-pass chain with a linear gain). Alternated per round; medians and ratios.
// Then the cost of the steps (issue 11): the same recording packaged with steps covering 30 % of it
// and with steps covering all of it (alternated, goal <= 0.4), and a repackage after one caption
// changed, through the clip cache (goal: seconds).
//   usage: bench_package [--minutes 10] [--steps 20] [--rounds 1] [--dir DIR] [--only reference|steps] [--generate-only]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "capture/ingest.hpp"
#include "core/av/log.hpp"
#include "core/library.hpp"
#include "demo/demo_session.hpp"
#include "player/package/burnin.hpp"
#include "player/package/package.hpp"
#include "player/package/package_plan.hpp"
#include "transcode/profiles.hpp"
#include "demo/synth.hpp"

namespace fs = std::filesystem;
using namespace kotsu;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

bool sh(const std::string& cmd) {
    int rc = std::system(cmd.c_str());
    if (rc != 0) std::fprintf(stderr, "bench: command failed (%d): %s\n", rc, cmd.c_str());
    return rc == 0;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

std::string secs(Micros us) { return std::to_string(double(us) / 1e6); }

// n steps spread evenly; each covers `coverage` of its share of the recording (0.96: nearly all).
std::vector<Marker> evenSteps(Micros duration, int n, double coverage = 0.96) {
    std::vector<Marker> ms;
    Micros len = duration / n;
    for (int i = 0; i < n; ++i) {
        Marker m;
        m.kind = MarkerKind::Step;
        m.in = i * len + len / 50;
        m.out = m.in + static_cast<Micros>(double(len) * coverage);
        m.title = "手順 " + std::to_string(i + 1) + " / Step " + std::to_string(i + 1);
        m.note = "音が変わったら止める";
        ms.push_back(m);
    }
    return ms;
}

std::vector<Cue> everyStepCaptions(const std::vector<Marker>& steps) {
    std::vector<Cue> cues;
    for (const auto& s : steps) cues.push_back(Cue{0, s.in + 500'000, s.in + 3'000'000, "ここで座面を確認します。"});
    return cues;
}

std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string l;
    std::getline(f, l);
    return l;
}

std::string x264(const transcode::Profile& p) {
    std::string a = " -c:v libx264 -preset " + p.preset + " -crf " + std::to_string(p.crf) + " -profile:v " +
                    p.x264Profile + " -pix_fmt yuv420p";
    if (p.maxBitrate > 0)
        a += " -maxrate " + std::to_string(p.maxBitrate) + "k -bufsize " + std::to_string(2 * p.maxBitrate) + "k";
    return a;
}

// The ffmpeg reference's `ass` filter in a -vf string: the path escaped for the option parser
// (\ ' :) and the result again for the graph parser (\ ' [ ] , ;), both av_get_token rules.
std::string assFilterArg(const std::string& path) {
    auto escape = [](const std::string& s, const std::string& special) {
        std::string out;
        for (char c : s) {
            if (special.find(c) != std::string::npos) out += '\\';
            out += c;
        }
        return out;
    };
    return "ass=" + escape("filename=" + escape(path, "\\':"), "\\'[],;");
}

std::string videoFilter(const transcode::Profile& p, const std::string& ass, Micros shift) {
    std::string w = std::to_string(p.width), h = std::to_string(p.height);
    std::string f = "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease,pad=" + w + ":" + h +
                    ":(ow-iw)/2:(oh-ih)/2,fps=30";
    if (!ass.empty()) {
        // Burn with the session-timeline script: shift the clip's timestamps there and back.
        if (shift) f += ",setpts=PTS+" + secs(shift) + "/TB";
        f += "," + assFilterArg(ass);
        if (shift) f += ",setpts=PTS-STARTPTS";
    }
    return f;
}

std::string audioArgs(const transcode::Profile& p) {
    return " -af highpass=f=100,afftdn,acompressor=threshold=-24dB:ratio=3,loudnorm=I=" +
           std::to_string(static_cast<int>(p.targetLufs)) + ":TP=-1.5 -ar 48000 -ac " +
           std::to_string(p.audioChannels) + " -c:a aac -b:a " + std::to_string(p.audioBitrate) + "k";
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    int minutes = 10, steps = 20, rounds = 1;
    std::string only;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-package";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--minutes" && i + 1 < argc) minutes = std::atoi(argv[++i]);
        else if (a == "--steps" && i + 1 < argc) steps = std::atoi(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else if (a == "--generate-only") only = "generate";
        else {
            std::fprintf(stderr, "usage: bench_package [--minutes 10] [--steps 20] [--rounds 1] [--dir DIR] [--only reference|steps] [--generate-only]\n");
            return 2;
        }
    }
    if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) {
        std::fprintf(stderr, "bench_package: the ffmpeg command (the reference) is not installed\n");
        return 77;
    }
    fs::create_directories(dir);
    const Micros duration = Micros{minutes} * 60'000'000;
    auto source = dir / ("session-" + std::to_string(minutes) + "min-1080p30-gop1s.mp4");
    if (!fs::exists(source)) {
        std::printf("generating %d min of 1080p30 footage: %s\n", minutes, source.c_str());
        demo::DemoShape shape;
        shape.duration = duration;
        auto spec = demo::footageSpec(shape);
        spec.videoOptions = {{"preset", "veryfast"}, {"crf", "20"}};
        // A keyframe every second, as the phone and camera files in ../shared/media have (Pixel 7,
        // iPhone .mov: 1.0 s); x264's default (250 frames, 8.3 s) would make every step decode up to
        // 8 s of pictures before its in point, which no real recording here asks for.
        spec.gop = 30;
        if (auto r = demo::synthesize(spec, source); !r) {
            std::fprintf(stderr, "bench_package: %s\n", r.error().what().c_str());
            return 1;
        }
    }

    if (only == "generate") return std::printf("footage: %s\n", source.c_str()), 0;
    // The session in a library of its own.
    auto lib = Library::init(dir / "library");
    if (!lib) return std::fprintf(stderr, "%s\n", lib.error().what().c_str()), 1;
    auto cat = lib->openCatalog();
    capture::IngestRequest req;
    req.sessionTitle = "bench " + std::to_string(minutes) + " min";
    auto reports = capture::ingest(*lib, *cat, req, {source.string()});
    if (reports.empty() || (!reports[0].ok && !reports[0].duplicate))
        return std::fprintf(stderr, "ingest failed: %s\n", reports[0].error.what().c_str()), 1;
    auto session = reports[0].session;
    auto markers = evenSteps(reports[0].asset.probe.duration, steps);
    for (auto& m : markers) m.sessionId = session.id;
    (void)cat->replaceMarkers(session.id, markers);
    auto cues = everyStepCaptions(markers);
    (void)cat->replaceCues(session.id, "ja", cues);

    // The reference's burn-in script: the very one kotsu burns.
    auto plan = package::planSteps(markers, {{"ja", cues}});
    auto ass = dir / "glasses.ass";
    std::ofstream(ass) << package::burninScript(plan, package::BurninStyle{});
    std::vector<transcode::Profile> profiles{*transcode::findProfile("tablet"), *transcode::findProfile("glasses")};
    auto boundaries = package::stepBoundaries(plan);

    const std::string ff = "ffmpeg -hide_banner -nostats -loglevel error -y ";
    std::vector<double> tKotsu, tNaive, tSegment;
    for (int r = 0; r < rounds && only != "steps"; ++r) {
        for (int which = 0; which < 3; ++which) {
            fs::remove_all(dir / "out");
            fs::create_directories(dir / "out");
            double t0 = now();
            bool ok = true;
            if (which == 0) {
                package::PackageOptions po;
                po.out = dir / "out" / "kotsu";
                po.cache = false;  // every round encodes
                auto res = package::buildPackage(*lib, *cat, session, po);
                if (!res) std::fprintf(stderr, "kotsu: %s\n", res.error().what().c_str());
                ok = res.ok();
            } else if (which == 1) {
                for (const auto& s : plan)
                    for (const auto& p : profiles) {
                        std::string cmd = ff + "-ss " + secs(s.step.in) + " -i '" + source.string() + "' -t " +
                                          secs(s.step.out - s.step.in) + " -vf '" +
                                          videoFilter(p, p.name == "glasses" ? ass.string() : "", s.step.in) + "'" +
                                          x264(p) + audioArgs(p) + " -movflags +faststart '" +
                                          (dir / "out" / (p.name + "-" + s.number() + ".mp4")).string() + "'";
                        ok = ok && sh(cmd);
                    }
            } else {
                std::string times;
                for (auto b : boundaries) times += (times.empty() ? "" : ",") + secs(b);
                for (const auto& p : profiles) {
                    std::string cmd = ff + "-i '" + source.string() + "' -vf '" +
                                      videoFilter(p, p.name == "glasses" ? ass.string() : "", 0) + "'" + x264(p) +
                                      " -force_key_frames " + times + audioArgs(p) +
                                      " -f segment -segment_times " + times +
                                      " -reset_timestamps 1 -segment_format mp4 -segment_format_options movflags=+faststart '" +
                                      (dir / "out" / (p.name + "-%03d.mp4")).string() + "'";
                    ok = ok && sh(cmd);
                }
            }
            double t = now() - t0;
            if (!ok) return 1;
            (which == 0 ? tKotsu : which == 1 ? tNaive : tSegment).push_back(t);
            std::printf("round %d  %-8s %8.1f s\n", r + 1, which == 0 ? "kotsu" : which == 1 ? "naive" : "segment", t);
            std::fflush(stdout);
        }
    }
    if (only != "steps") {
        double k = median(tKotsu), n = median(tNaive), s = median(tSegment);
        std::printf("\n%d min 1080p30, %d steps, tablet + glasses, median of %d round(s)\n", minutes, steps, rounds);
        std::printf("%-22s %10s %12s\n", "", "wall s", "x real time");
        std::printf("%-22s %10.1f %12.2f\n", "kotsu package", k, minutes * 60.0 / k);
        std::printf("%-22s %10.1f %12.2f\n", "ffmpeg naive per clip", n, minutes * 60.0 / n);
        std::printf("%-22s %10.1f %12.2f\n", "ffmpeg segment muxer", s, minutes * 60.0 / s);
        std::printf("\nkotsu / naive = %.2f (goal <= 0.35), kotsu / segment = %.2f (goal <= 1.00)\n", k / n, k / s);
        std::printf("loadavg: %s\n", loadavg().c_str());
    }
    if (only == "reference") return 0;

    // The cost of the steps: 30 % of the recording in steps against all of it, alternated.
    auto packageWith = [&](const std::vector<Marker>& ms, bool cache, const char* name) -> double {
        std::vector<Marker> withSession = ms;
        for (auto& m : withSession) m.sessionId = session.id;
        if (!cat->replaceMarkers(session.id, withSession).ok()) return -1;
        fs::remove_all(dir / "out");
        package::PackageOptions po;
        po.out = dir / "out" / name;
        po.cache = cache;
        double t0 = now();
        auto res = package::buildPackage(*lib, *cat, session, po);
        if (!res) return std::fprintf(stderr, "kotsu: %s\n", res.error().what().c_str()), -1;
        return now() - t0;
    };
    auto partial = evenSteps(reports[0].asset.probe.duration, steps, 0.30);
    auto full = evenSteps(reports[0].asset.probe.duration, steps, 0.96);
    std::vector<double> tPartial, tFull;
    for (int r = 0; r < rounds; ++r) {
        for (int which = 0; which < 2; ++which) {
            double t = packageWith(which == 0 ? partial : full, false, which == 0 ? "partial" : "full");
            if (t < 0) return 1;
            (which == 0 ? tPartial : tFull).push_back(t);
            std::printf("round %d  %-14s %8.1f s\n", r + 1, which == 0 ? "30% in steps" : "96% in steps", t);
            std::fflush(stdout);
        }
    }
    // One caption changed after a package: the clip cache keeps the rest.
    if (packageWith(partial, true, "warm") < 0) return 1;
    auto changed = cues;
    changed[steps / 2].text = "ここで座面をもう一度確認します。";
    (void)cat->replaceCues(session.id, "ja", changed);
    double tWarm = packageWith(partial, true, "warm");
    (void)cat->replaceCues(session.id, "ja", cues);
    if (tWarm < 0) return 1;
    double p = median(tPartial), f = median(tFull);
    std::printf("\n%d min 1080p30, %d steps, tablet + glasses, no cache, median of %d round(s)\n", minutes, steps, rounds);
    std::printf("%-30s %10.1f s\n", "steps cover 30% of it", p);
    std::printf("%-30s %10.1f s\n", "steps cover 96% of it", f);
    std::printf("30%% / 96%% = %.2f (goal <= 0.40)\n", p / f);
    std::printf("%-30s %10.1f s (one caption changed, clip cache)\n", "repackage", tWarm);
    std::printf("loadavg: %s\n", loadavg().c_str());
    return 0;
}
