// bench_transcode: kotsu's one-decode transcoder against the ffmpeg command doing the same work.
//
// Source: a generated 1080p30 H.264 clip with speech-like stereo audio (60 s by default).
// Work, identical on every side: proxy + tablet + glasses renditions with the same filter chains
// (the specs come from kotsu's own builders), the same x264/AAC settings, and the same audio work:
// a loudness measurement pass over the speech chain (pass 1), then the chain with the linear gains
// and limiters applied (pass 2). kotsu additionally measures the loudness of every written track.
//
//   kotsu            transcode(): one decode, three outputs (+ its audio-only pass 1)
//   ffmpeg single    one ffmpeg command with split/asplit into three outputs (+ one measuring command)
//   ffmpeg separate  one ffmpeg command per profile (+ a measuring command for tablet and glasses)
//
// Alternated for several rounds; the table shows the median wall time and the ratios.
//   usage: bench_transcode [--seconds 60] [--rounds 3] [--dir DIR] [--keep]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "core/av/log.hpp"
#include "transcode/loudness.hpp"
#include "transcode/speech_chain.hpp"
#include "demo/synth.hpp"
#include "transcode/transcoder.hpp"
#include "transcode/video_chain.hpp"

namespace fs = std::filesystem;
using namespace kotsu;
using namespace kotsu::transcode;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds (user + system) of this process and its finished children: on a shared machine the
// wall time depends on the neighbours, the CPU time much less.
double cpu() {
    double total = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage u{};
        getrusage(who, &u);
        total += u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
    }
    return total;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

bool sh(const std::string& cmd) {
    int rc = std::system(cmd.c_str());
    if (rc != 0) std::fprintf(stderr, "bench: command failed (%d): %s\n", rc, cmd.c_str());
    return rc == 0;
}

void writeText(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }

// The tracks kotsu plans for a profile (stereo source), with the gains its pass 1 found.
std::vector<AudioTrackPlan> tracksFor(const Profile& p, const std::vector<double>& gains, size_t& next) {
    auto ts = kotsu::transcode::tracksFor(p, 2);
    for (auto& t : ts) t.gainDb = gains[next++];
    return ts;
}

std::string x264Args(const Profile& p, Rational fps) {
    std::string a = " -c:v libx264 -preset " + p.preset + " -crf " + std::to_string(p.crf) + " -profile:v " +
                    p.x264Profile + " -pix_fmt yuv420p -color_range tv -colorspace bt709 -color_primaries bt709"
                    " -color_trc bt709";
    if (p.keyframeEvery > 0) a += " -g " + std::to_string(static_cast<int>(p.keyframeEvery * fps.toDouble() + 1e-6));
    if (p.maxBitrate > 0)
        a += " -maxrate " + std::to_string(p.maxBitrate) + "k -bufsize " + std::to_string(2 * p.maxBitrate) + "k";
    return a;
}

struct Reference {
    std::string measureGraph;  // pass 1 for the given profiles
    std::vector<std::string> measureOutputs;
    std::string encodeGraph;   // pass 2
    std::string encodeArgs;    // the -map … outputs
};

// The ffmpeg command lines for `ps` from one decode, with kotsu's filter specs.
Reference reference(const std::vector<Profile>& ps, const std::vector<double>& allGains,
                    const std::vector<size_t>& gainOffset, const VideoSource& src, Rational fps, const fs::path& outDir,
                    const std::string& suffix) {
    Reference r;
    AudioGraphPlan plan;
    std::vector<std::pair<size_t, size_t>> trackRange;  // per profile: first track, count
    for (size_t k = 0; k < ps.size(); ++k) {
        size_t next = gainOffset[k];
        auto ts = tracksFor(ps[k], allGains, next);
        trackRange.push_back({plan.tracks.size(), ts.size()});
        plan.tracks.insert(plan.tracks.end(), ts.begin(), ts.end());
    }
    // Pass 1: the measuring graph.
    AudioGraphPlan measure = plan;
    measure.measure = true;
    std::vector<std::string> mlabels;
    std::string mg = audioGraphSpec(measure, &mlabels);
    r.measureGraph = replaceAll(mg, "[in]", "[0:a]");
    r.measureOutputs = mlabels;
    // Pass 2.
    std::string g = "[0:v]split=" + std::to_string(ps.size());
    for (size_t k = 0; k < ps.size(); ++k) g += "[vin" + std::to_string(k) + "]";
    for (size_t k = 0; k < ps.size(); ++k) {
        VideoTarget t;
        t.width = ps[k].width;
        t.height = ps[k].height;
        t.fps = fps;
        std::string vs = videoChainSpec(src, t);
        vs = replaceAll(vs, "[in]", "[vin" + std::to_string(k) + "]");
        vs = replaceAll(vs, "[out]", "[vout" + std::to_string(k) + "]");
        g += ";" + vs;
    }
    std::vector<std::string> alabels;
    g += ";" + replaceAll(audioGraphSpec(plan, &alabels), "[in]", "[0:a]");
    r.encodeGraph = g;
    for (size_t k = 0; k < ps.size(); ++k) {
        std::string o = " -map '[vout" + std::to_string(k) + "]'";
        for (size_t t = 0; t < trackRange[k].second; ++t)
            o += " -map '[t" + std::to_string(trackRange[k].first + t) + "]'";
        o += x264Args(ps[k], fps) + " -c:a aac -b:a " + std::to_string(ps[k].audioBitrate) +
             "k -movflags +faststart -y " + (outDir / (ps[k].name + suffix + ".mp4")).string();
        r.encodeArgs += o;
    }
    return r;
}

bool runReference(const Reference& r, const fs::path& input, const fs::path& dir, const std::string& tag) {
    std::string ff = "ffmpeg -hide_banner -nostats -loglevel error ";
    if (!r.measureOutputs.empty()) {
        writeText(dir / ("measure-" + tag + ".txt"), r.measureGraph);
        std::string cmd = ff + "-i '" + input.string() + "' -filter_complex_script '" +
                          (dir / ("measure-" + tag + ".txt")).string() + "'";
        for (const auto& l : r.measureOutputs) cmd += " -map '[" + l + "]' -f null -";
        if (!sh(cmd)) return false;
    }
    writeText(dir / ("encode-" + tag + ".txt"), r.encodeGraph);
    return sh(ff + "-i '" + input.string() + "' -filter_complex_script '" + (dir / ("encode-" + tag + ".txt")).string() +
              "'" + r.encodeArgs);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    int seconds = 60, rounds = 3;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-transcode";
    bool keep = false;
    std::string only;  // run one side only (profiling): kotsu | single | separate
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--only" && i + 1 < argc) {
            only = argv[++i];
            continue;
        }
        if (a == "--seconds" && i + 1 < argc) seconds = std::atoi(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (a == "--keep") keep = true;
        else {
            std::fprintf(stderr, "usage: bench_transcode [--seconds 60] [--rounds 3] [--dir DIR] [--keep]\n");
            return 2;
        }
    }
    if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) {
        std::fprintf(stderr, "bench_transcode: the ffmpeg command (the reference) is not installed\n");
        return 77;
    }
    fs::create_directories(dir);
    fs::path input = dir / ("source-" + std::to_string(seconds) + "s-1080p30.mp4");
    if (!fs::exists(input)) {
        std::printf("generating %s (%d s 1080p30 H.264 veryfast + AAC stereo)…\n", input.c_str(), seconds);
        std::fflush(stdout);
        kotsu::demo::SynthSpec s;
        s.duration = Micros{seconds} * 1'000'000;
        s.video = "testsrc2=size=1920x1080:rate=30";
        s.audio = "sine=frequency=180:sample_rate=48000[v0];sine=frequency=540:sample_rate=48000[v1];"
                  "[v0][v1]amix=inputs=2,volume=volume='0.15+0.85*gt(sin(2*PI*2.7*t)\\,0.2)':eval=frame[voice];"
                  "anoisesrc=color=pink:amplitude=0.03:sample_rate=48000[noise];[voice][noise]amix=inputs=2:duration=first";
        s.videoOptions = {{"preset", "veryfast"}};
        if (auto st = kotsu::demo::synthesize(s, input); !st) {
            std::fprintf(stderr, "bench_transcode: %s\n", st.error().what().c_str());
            return 1;
        }
    }

    std::vector<Profile> ps{*findProfile("proxy"), *findProfile("tablet"), *findProfile("glasses")};
    Rational fps{30, 1};
    VideoSource src;
    src.width = 1920;
    src.height = 1080;
    src.pixelFormat = AV_PIX_FMT_YUV420P;
    src.colorRange = AVCOL_RANGE_MPEG;

    // Gains for the reference: kotsu's pass 1 once (the reference's own pass 1 is timed below).
    std::vector<double> gains;
    std::vector<size_t> offsets;
    {
        AudioGraphPlan plan;
        std::vector<double> dummy(8, 0);
        for (const auto& p : ps) {
            size_t n = 0;
            offsets.push_back(plan.tracks.size());
            auto ts = tracksFor(p, dummy, n);
            plan.tracks.insert(plan.tracks.end(), ts.begin(), ts.end());
        }
        auto m = measureTracks(input.string(), AudioPick{0}, Micros(0), plan);
        if (!m) {
            std::fprintf(stderr, "bench_transcode: %s\n", m.error().what().c_str());
            return 1;
        }
        for (size_t i = 0; i < plan.tracks.size(); ++i)
            gains.push_back(plan.tracks[i].normalized() ? normalisationGain((*m)[i], plan.tracks[i].targetLufs) : 0);
    }

    std::vector<double> ours, single, separate, oursCpu, singleCpu, separateCpu;
    std::vector<Loudness> lastLoudness;
    for (int round = 0; round < rounds; ++round) {
        for (int step = 0; step < 3; ++step) {
            int which = (round + step) % 3;  // rotate the order so no side always runs first
            if (!only.empty() && only != (which == 0 ? "kotsu" : which == 1 ? "single" : "separate")) continue;
            double t0 = now(), c0 = cpu();
            bool ok = true;
            if (which == 0) {
                std::vector<OutputSpec> specs;
                for (const auto& p : ps) {
                    OutputSpec o;
                    o.profile = p;
                    o.path = dir / (p.name + "-kotsu.mp4");
                    specs.push_back(o);
                }
                auto r = kotsu::transcode::transcode(input.string(), specs);
                ok = r.ok();
                if (!ok) std::fprintf(stderr, "bench_transcode: %s\n", r.error().what().c_str());
                else {
                    lastLoudness.clear();
                    for (const auto& x : *r) {
                        if (x.voice) lastLoudness.push_back(*x.voice);
                        if (x.workSound) lastLoudness.push_back(*x.workSound);
                    }
                }
            } else if (which == 1) {
                ok = runReference(reference(ps, gains, offsets, src, fps, dir, "-single"), input, dir, "single");
            } else {
                for (size_t k = 0; k < ps.size() && ok; ++k)
                    ok = runReference(reference({ps[k]}, gains, {offsets[k]}, src, fps, dir, "-separate"), input, dir,
                                      ps[k].name);
            }
            double t = now() - t0, c = cpu() - c0;
            if (!ok) return 1;
            (which == 0 ? ours : which == 1 ? single : separate).push_back(t);
            (which == 0 ? oursCpu : which == 1 ? singleCpu : separateCpu).push_back(c);
            std::printf("round %d  %-16s %7.2f s wall  %7.2f s cpu\n", round + 1,
                        which == 0 ? "kotsu" : which == 1 ? "ffmpeg single" : "ffmpeg separate", t, c);
            std::fflush(stdout);
        }
    }
    if (!only.empty()) return 0;
    double mo = median(ours), ms = median(single), mp = median(separate);
    double co = median(oursCpu), cs = median(singleCpu), cp = median(separateCpu);
    std::printf("\n%d s 1080p30 → proxy 640x360 + tablet 1280x720 (2 AAC tracks) + glasses 854x480 (mono), %d rounds\n",
                seconds, rounds);
    std::printf("%-18s %10s %12s %12s %10s %12s\n", "", "wall s", "× real time", "kotsu/this", "cpu s",
                "kotsu/this");
    std::printf("%-18s %10.2f %12.2f %12s %10.2f %12s\n", "kotsu (one decode)", mo, seconds / mo, "1.00", co, "1.00");
    std::printf("%-18s %10.2f %12.2f %12.2f %10.2f %12.2f\n", "ffmpeg single cmd", ms, seconds / ms, mo / ms, cs, co / cs);
    std::printf("%-18s %10.2f %12.2f %12.2f %10.2f %12.2f\n", "ffmpeg 3 separate", mp, seconds / mp, mo / mp, cp, co / cp);
    std::printf("\nwall: kotsu / ffmpeg single = %.2f (goal ≤ 1.00), kotsu / ffmpeg separate = %.2f (goal ≤ 0.75)\n",
                mo / ms, mo / mp);
    std::printf("cpu:  kotsu / ffmpeg single = %.2f, kotsu / ffmpeg separate = %.2f\n", co / cs, co / cp);
    if (!lastLoudness.empty()) {
        std::printf("kotsu output loudness (tablet voice, tablet work sound, glasses voice):");
        for (const auto& l : lastLoudness) std::printf("  %.1f LUFS/%.1f dBTP", l.integrated, l.truePeak);
        std::printf("\n");
    }
    if (!keep)
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().filename().string().rfind("source-", 0) != 0) fs::remove(e.path());
    return 0;
}
