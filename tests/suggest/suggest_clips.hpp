#pragma once
// The synthetic clips of the suggest tests, each with the boundaries it was made with.
// Made at test time from lavfi (320x240, a few seconds), once per test process.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "tests/support/test_support.hpp"
#include "demo/synth.hpp"

namespace kotsu::test::suggest {

struct Expected {
    Micros time;
    std::string reason;  // "dissolve": a cut or a fade
    Micros tolerance;    // 0: the exact frame
};

struct Clip {
    std::string name;
    demo::SynthSpec spec;
    std::vector<Expected> expected;
    std::string file;  // non-empty: a recording used as it is (spec unused)
};

// concat's output time base is 1/1000000, and synthesize() hands the graph's timestamps to an
// encoder in 1/rate: settb brings them back to 1/30.
inline const std::string kThreeScenes =
    "testsrc2=size=320x240:rate=30,trim=duration=2[a];"
    "smptebars=size=320x240:rate=30,trim=duration=2[b];"
    "testsrc=size=320x240:rate=30,trim=duration=2[c];"
    "[a][b][c]concat=n=3:v=1:a=0,settb=1/30";

inline std::vector<Clip> clips() {
    std::vector<Clip> cs;
    const std::vector<Expected> cuts{{2'000'000, "cut", 0}, {4'000'000, "cut", 0}};
    {
        Clip c{"cuts.mp4", {}, cuts};
        c.spec.video = kThreeScenes;
        c.spec.duration = 6'000'000;
        cs.push_back(c);
    }
    {
        // B-frames and a fixed GOP without scene-cut keyframes: the cuts fall between reference
        // pictures, so the fast path must decode those stretches again to find the exact frame.
        Clip c{"cuts_bframes.mp4", {}, cuts};
        c.spec.video = kThreeScenes;
        c.spec.duration = 6'000'000;
        c.spec.videoOptions = {{"preset", "veryfast"}, {"x264-params", "scenecut=0:keyint=50:bframes=3"}};
        cs.push_back(c);
    }
    {
        // Frames thinned to 10 fps between 1 s and 2 s: the cut is picture 40, at 2.0 s.
        Clip c{"vfr.mp4", {}, {{2'000'000, "cut", 0}}};
        c.spec.video = "testsrc2=size=320x240:rate=30,trim=duration=2[a];smptebars=size=320x240:rate=30,trim=duration=2[b];"
                       "[a][b]concat=n=2:v=1:a=0,select='lt(t\\,1)+gte(t\\,2)+not(mod(n\\,3))',settb=1/30";
        c.spec.duration = 4'000'000;
        cs.push_back(c);
    }
    {
        Clip c{"rotated.mp4", {}, {{2'000'000, "cut", 0}}};
        c.spec.video = "testsrc2=size=320x240:rate=30,trim=duration=2[a];smptebars=size=320x240:rate=30,trim=duration=2[b];"
                       "[a][b]concat=n=2:v=1:a=0,settb=1/30";
        c.spec.duration = 4'000'000;
        c.spec.rotation = 90;
        c.spec.sampleAspect = {4, 3};
        cs.push_back(c);
    }
    {
        // The first picture is stamped 1.5 s (as a camera's transport stream would be): the cut is
        // still 2.0 s into the file, also when the fast path seeks back to look closer.
        Clip c{"late_start.ts", {}, {{2'000'000, "cut", 0}}};
        c.spec.videoOptions = {{"preset", "veryfast"}, {"x264-params", "scenecut=0:keyint=50:bframes=3"}};
        c.spec.video = "testsrc2=size=320x240:rate=30,trim=duration=2[a];smptebars=size=320x240:rate=30,trim=duration=2[b];"
                       "[a][b]concat=n=2:v=1:a=0,settb=1/30";
        c.spec.duration = 4'000'000;
        c.spec.videoStart = 1'500'000;  // synth puts a graph's own first frame at 0
        cs.push_back(c);
    }
    {
        // Fade to black over 1.5–2.0 s, black until 2.5 s, back in by 3.0 s.
        Clip c{"fade.mp4", {}, {{2'250'000, "fade", 150'000}}};
        c.spec.video = "testsrc2=size=320x240:rate=30,trim=duration=2,fade=out:st=1.5:d=0.5[a];"
                       "smptebars=size=320x240:rate=30,trim=duration=2.5,fade=in:st=0.5:d=0.5[b];"
                       "[a][b]concat=n=2:v=1:a=0,settb=1/30";
        c.spec.duration = 4'500'000;
        cs.push_back(c);
    }
    {
        // One take: a still bench, a part moving across it from 2 s to 5 s.
        Clip c{"rest_work.mp4", {}, {{2'000'000, "activity", 500'000}, {5'000'000, "activity", 500'000}}};
        c.spec.video = "smptebars=size=320x240:rate=30[bg];testsrc2=size=64x48:rate=30[fg];"
                       "[bg][fg]overlay=x='20+mod(t*150\\,220)':y='90+40*sin(t*5)':enable='between(t,2,5)'";
        c.spec.duration = 7'000'000;
        cs.push_back(c);
    }
    {
        // Narration over site noise, silent 2.0–3.2 s and 5.0–6.0 s, a breath at 1.0–1.3 s.
        Clip c{"narration.m4a", {}, {{3'200'000, "pause", 500'000}, {6'000'000, "pause", 500'000}}};
        c.spec.audio = "sine=frequency=330:sample_rate=48000,"
                       "volume='if(between(t,1.0,1.3)+between(t,2.0,3.2)+between(t,5.0,6.0),0,0.5)':eval=frame[v];"
                       "anoisesrc=color=pink:amplitude=0.01:sample_rate=48000[n];[v][n]amix=inputs=2:normalize=0";
        c.spec.duration = 7'500'000;
        cs.push_back(c);
    }
    return cs;
}

// Generates a clip into `dir` (once) and returns its path.
inline std::filesystem::path make(const std::filesystem::path& dir, const Clip& c) {
    if (!c.file.empty()) return c.file;
    auto p = dir / c.name;
    if (!std::filesystem::exists(p)) {
        auto s = demo::synthesize(c.spec, p);
        if (!s) throw std::runtime_error("cannot make " + c.name + ": " + s.error().what());
    }
    return p;
}

inline Clip clip(const std::string& name) {
    for (auto& c : clips())
        if (c.name == name) return c;
    throw std::runtime_error("no clip " + name);
}

}  // namespace kotsu::test::suggest
