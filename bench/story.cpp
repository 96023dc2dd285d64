// bench_story: kotsu's one-pass story render against one `ffmpeg` command doing the same film.
//
// Two generated 1080p30 sessions (speech-like stereo); a story of 12 ranges taken from them in turn,
// a title card first and last, a lower third on the second range, 0.5 s crossfades everywhere.
//
//   kotsu    story::renderStory (decodes only the ranges, crossfades, libass cards, speech chain to −14 LUFS
//            — its own measuring pass included)
//   ffmpeg   one command: each range an input (-ss/-t), the card PNGs as looped inputs, fps/scale/crop,
//            xfade + acrossfade chains, overlay for the lower third, kotsu's speech-chain spec with the
//            gain kotsu found (ffmpeg gets the measurement for free), the same x264/AAC settings.
//
// Alternated for several rounds; prints medians, the ratio and the load average.
//   usage: bench_story [--range-seconds 15] [--size 1920x1080] [--rounds 3] [--dir DIR] [--keep] [--generate-only]
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
#include "core/files.hpp"
#include "core/library.hpp"
#include "demo/demo_session.hpp"
#include "demo/synth.hpp"
#include "story/story_export.hpp"
#include "story/story_render.hpp"
#include "story/story_service.hpp"
#include "transcode/speech_chain.hpp"

namespace fs = std::filesystem;
using namespace kotsu;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string s;
    std::getline(f, s);
    return s;
}

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.6f", v);
    return b;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    double rangeSeconds = 15;
    int rounds = 3, width = 1920, height = 1080;
    fs::path dir = fs::temp_directory_path() / "kotsu-bench-story";
    bool keep = false, generateOnly = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--range-seconds" && i + 1 < argc) rangeSeconds = std::atof(argv[++i]);
        else if (a == "--rounds" && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (a == "--size" && i + 1 < argc) std::sscanf(argv[++i], "%dx%d", &width, &height);
        else if (a == "--dir" && i + 1 < argc) dir = argv[++i];
        else if (a == "--keep") keep = true;
        else if (a == "--generate-only") generateOnly = true;
        else {
            std::fprintf(stderr, "usage: bench_story [--range-seconds 15] [--size 1920x1080] [--rounds 3] [--dir DIR] [--keep] "
                                 "[--generate-only]\n");
            return 2;
        }
    }
    const int ranges = 12;
    const Micros range = static_cast<Micros>(rangeSeconds * 1e6);
    const Micros sessionLength = range * (ranges / 2) + 2'000'000;
    fs::remove_all(dir);
    fs::create_directories(dir);
    // The generated footage is kept beside DIR and reused by later runs of the same length and size
    // (--generate-only makes it ahead of a measuring run).
    const fs::path footageDir = dir.string() + "-footage";
    fs::create_directories(footageDir);
    auto lib = Library::init(dir / "library");
    if (!lib) return std::fprintf(stderr, "bench: %s\n", lib.error().what().c_str()), 1;
    auto cat = lib->openCatalog();
    if (!cat) return 1;

    std::vector<Session> sessions;
    for (int s = 0; s < 2; ++s) {
        demo::DemoShape shape;
        shape.duration = sessionLength;
        shape.width = width;
        shape.height = height;
        auto footage = footageDir / ("session" + std::to_string(s) + "-" + std::to_string(sessionLength / 1000) + "ms-" +
                                     std::to_string(width) + "x" + std::to_string(height) + ".mp4");
        if (!fs::exists(footage)) {
            if (auto r = demo::synthesize(demo::footageSpec(shape), footage); !r)
                return std::fprintf(stderr, "bench: %s\n", r.error().what().c_str()), 1;
        }
        if (generateOnly) continue;
        capture::IngestRequest req{.sessionTitle = "bench session " + std::to_string(s)};
        auto reports = capture::ingest(*lib, *cat, req, {footage.string()});
        if (reports.empty() || !reports[0].ok) return std::fprintf(stderr, "bench: ingest failed\n"), 1;
        sessions.push_back(reports[0].session);
    }
    if (generateOnly) {
        fs::remove_all(dir);
        std::printf("footage in %s\n", footageDir.c_str());
        return 0;
    }
    auto created = cat->createStory(Story{.title = "bench story", .width = width, .height = height}, {});
    if (!created) return 1;
    story::StoryService svc(*cat, *created);
    (void)svc.addTitle({.text = "熟練の技とは、何か。", .sub = "bench", .length = 3'000'000});
    Id second = 0;
    for (int i = 0; i < ranges; ++i) {
        Micros in = 1'000'000 + (i / 2) * range;
        auto c = svc.addClip({.sessionId = sessions[i % 2].id, .in = in, .out = in + range});
        if (!c) return std::fprintf(stderr, "bench: %s\n", c.error().what().c_str()), 1;
        if (i == 1) second = c->id;
    }
    (void)svc.addLowerThird(second, "佐藤 一郎", "旋盤一筋 32年");
    (void)svc.addTitle({.text = "コツとは、手が覚えた理由である。", .length = 3'000'000});
    auto doc = story::loadStoryDoc(*cat, *lib, *created);
    if (!doc) return std::fprintf(stderr, "bench: %s\n", doc.error().what().c_str()), 1;

    // The cards as PNG pictures for ffmpeg (the same libass drawing kotsu uses).
    auto pictures = story::exportStory(*doc, story::ExportFormat::Mlt, dir / "cards.mlt", false);
    if (!pictures) return std::fprintf(stderr, "bench: %s\n", pictures.error().what().c_str()), 1;

    double gainDb = 0;
    auto kotsuOnce = [&](int round) -> double {
        double t0 = now();
        auto r = story::renderStory(*cat, *doc, {.out = dir / ("kotsu" + std::to_string(round) + ".mp4")});
        if (!r) {
            std::fprintf(stderr, "bench: kotsu: %s\n", r.error().what().c_str());
            return -1;
        }
        gainDb = r->gainDb;  // what kotsu's pass 1 found, handed to ffmpeg
        return now() - t0;
    };
    // ffmpeg's command, with the speech chain's pass-2 spec at the gain kotsu measured on its first run.
    auto fades = story::crossfadeFrames(*doc);
    const Rational fps = doc->story.fps;
    auto seconds = [&](std::int64_t frames) { return double(frames) * fps.den / fps.num; };
    std::string inputs, graph;
    std::string size = std::to_string(width) + ":" + std::to_string(height);
    int input = 0;
    Id lowerId = 0;
    std::int64_t lowerAt = 0, lowerFrames = 0, at = 0;
    for (size_t i = 0; i < doc->placed.size(); ++i) {
        const auto& p = doc->placed[i];
        std::string v = "[v" + std::to_string(i) + "]", a = "[a" + std::to_string(i) + "]";
        if (p.item.kind == StoryItemKind::Clip) {
            inputs += " -ss " + num(p.item.in / 1e6) + " -t " + num(seconds(p.frames) + 0.1) + " -i '" +
                      doc->sources[i].file.string() + "'";
            graph += "[" + std::to_string(input) + ":v]fps=30,scale=" + size + ":force_original_aspect_ratio=increase,crop=" + size +
                     ",setsar=1,format=yuv420p,trim=end_frame=" + std::to_string(p.frames) + ",setpts=PTS-STARTPTS" + v + ";";
            graph += "[" + std::to_string(input) + ":a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,atrim=end=" +
                     num(seconds(p.frames)) + ",asetpts=PTS-STARTPTS" + a + ";";
            ++input;
        } else {
            inputs += " -loop 1 -framerate 30 -t " + num(seconds(p.frames)) + " -i '" +
                      (dir / ("cards-title-" + std::to_string(p.item.id) + ".png")).string() + "'";
            graph += "[" + std::to_string(input) + ":v]format=yuv420p,setsar=1" + v + ";";
            graph += "anullsrc=r=48000:cl=stereo,atrim=end=" + num(seconds(p.frames)) + a + ";";
            ++input;
        }
        for (const auto& lt : p.lowerThirds) {
            lowerId = lt.id;
            lowerAt = at + story::toFrames(lt.in, fps);
            lowerFrames = std::min(story::toFrames(lt.duration(), fps), p.frames);
        }
        at += p.frames - (i < fades.size() ? fades[i] : 0);
    }
    std::string v = "[v0]", a = "[a0]";
    std::int64_t offset = 0;
    for (size_t i = 1; i < doc->placed.size(); ++i) {
        offset += doc->placed[i - 1].frames - fades[i - 1];
        std::string vo = "[x" + std::to_string(i) + "]", ao = "[y" + std::to_string(i) + "]";
        graph += v + "[v" + std::to_string(i) + "]xfade=transition=fade:duration=" + num(seconds(fades[i - 1])) +
                 ":offset=" + num(seconds(offset)) + vo + ";";
        graph += a + "[a" + std::to_string(i) + "]acrossfade=d=" + num(seconds(fades[i - 1])) + ":c1=tri:c2=tri" + ao + ";";
        v = vo;
        a = ao;
    }
    if (lowerId) {
        inputs += " -loop 1 -framerate 30 -t " + num(seconds(lowerFrames)) + " -i '" +
                  (dir / ("cards-lower-third-" + std::to_string(lowerId) + ".png")).string() + "'";
        graph += "[" + std::to_string(input) + ":v]setpts=PTS+" + num(seconds(lowerAt)) + "/TB[lt];" + v +
                 "[lt]overlay=eof_action=pass:enable='between(n," + std::to_string(lowerAt) + "," +
                 std::to_string(lowerAt + lowerFrames - 1) + ")'[vout];";
        v = "[vout]";
    }

    std::vector<double> tk, tf;
    for (int round = 0; round < rounds; ++round) {
        double k = kotsuOnce(round);
        if (k < 0) return 1;
        tk.push_back(k);
        transcode::AudioTrackPlan voice;
        voice.kind = transcode::TrackKind::Voice;
        voice.channels = 2;
        voice.targetLufs = -14;
        voice.maxTruePeak = -1;
        voice.gainDb = gainDb;
        std::vector<std::string> outs;
        std::string chain = transcode::audioGraphSpec({.tracks = {voice}}, &outs);
        for (size_t p = chain.find("[in]"); p != std::string::npos; p = chain.find("[in]")) chain.replace(p, 4, a);
        std::string full = graph + chain;
        std::ofstream(dir / "graph.txt") << full;
        std::string cmd = "ffmpeg -hide_banner -nostats -loglevel error -y" + inputs + " -filter_complex_script '" +
                          (dir / "graph.txt").string() + "' -map '" + v + "' -map '[" + outs[0] +
                          "]' -c:v libx264 -preset veryfast -crf 20 -profile:v high -g 60 -pix_fmt yuv420p -c:a aac -b:a 192k"
                          " -movflags +faststart '" + (dir / ("ffmpeg" + std::to_string(round) + ".mp4")).string() + "'";
        double t0 = now();
        if (std::system(cmd.c_str()) != 0) return std::fprintf(stderr, "bench: ffmpeg failed: %s\n", cmd.c_str()), 1;
        tf.push_back(now() - t0);
        std::printf("round %d: kotsu %.2f s, ffmpeg %.2f s\n", round + 1, tk.back(), tf.back());
    }
    std::printf("\nstory of %d ranges × %.1f s + 2 cards, %dx%d, %zu crossfades, %d round(s)\n", ranges, rangeSeconds, width,
                height, fades.size(), rounds);
    std::printf("kotsu  median %.2f s\nffmpeg median %.2f s\nratio kotsu/ffmpeg %.2f   (goal ≤ 1.0)\nloadavg %s\n", median(tk),
                median(tf), median(tk) / median(tf), loadavg().c_str());
    if (!keep) fs::remove_all(dir);
    return 0;
}
