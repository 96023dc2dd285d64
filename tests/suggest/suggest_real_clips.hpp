#pragma once
// The real-footage evaluation set: edits made at test time from the camera and phone recordings in
// ../shared/media (libav in-process: lavfi's movie source reads them, concat butts them, fade, xfade,
// crop, rotate and eq make the transitions and the camera movements), each with the boundaries it
// was made with. Every segment is normalised to 640x360 at 30 fps (4:3 and portrait material keeps
// its shape: pillar- and letterboxed), so a butt join at N frames is a cut at exactly N/30 s.
// Encoded as a camera would (x264, B-frames, 50-frame GOP without scene-cut keyframes), so cuts fall
// between reference pictures. Two recordings are used as they are: PySceneDetect's fades clip (its
// ThresholdDetector golden) and the iPhone clip (one continuous, rotated shot: no boundary).
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/suggest/suggest_clips.hpp"

namespace kotsu::test::suggest {

namespace real {

// One recording as a 640x360 30 fps segment of `seconds`, starting `from` seconds into it.
// `look` is applied after the scaling (a camera movement, a flash, letterboxing...).
inline std::string segment(const std::filesystem::path& media, const std::string& file, double seconds,
                           const std::string& look = "", double from = 0, const std::string& before = "") {
    std::string g = "movie=" + (media / file).string() + ",setpts=PTS-STARTPTS" + before + ",fps=30";
    if (from > 0) g += ",trim=start=" + std::to_string(from) + ",setpts=PTS-STARTPTS";
    g += ",scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1" + look +
         ",format=yuv420p,trim=duration=" + std::to_string(seconds) + ",setpts=PTS-STARTPTS";
    return g;
}

// Butts `parts` together; returns the graph and fills `cuts` with the joins (µs).
inline std::string butt(const std::vector<std::pair<std::string, double>>& parts, std::vector<Micros>* cuts) {
    std::string g, labels;
    double at = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        std::string label = "[p" + std::to_string(i) + "]";
        g += parts[i].first + label + ";";
        labels += label;
        if (i > 0 && cuts) cuts->push_back(std::llround(at * 30) * 1'000'000 / 30);
        at += parts[i].second;
    }
    return g + labels + "concat=n=" + std::to_string(parts.size()) + ":v=1:a=0,settb=1/30";
}

inline Clip edit(const std::string& name, const std::string& graph, double seconds, std::vector<Expected> e) {
    Clip c{name, {}, std::move(e)};
    c.spec.video = graph;
    c.spec.duration = std::llround(seconds * 30) * 1'000'000 / 30;
    c.spec.videoOptions = {{"preset", "veryfast"}, {"x264-params", "scenecut=0:keyint=50:bframes=3"}};
    return c;
}

inline Micros frames(int n) { return Micros(n) * 1'000'000 / 30; }

}  // namespace real

constexpr const char* kMvi = "mei__MVI_4823.AVI";                     // Canon compact, driving, 4:3
constexpr const char* kGps = "mei__with-gps.mov";                     // iPhone, hand-held, rotated -90
constexpr const char* kPixel = "axm__pixel7_videoOnly_cleaned.mp4";   // Pixel 7, dark room, rotated 180
constexpr const char* kAerial = "axm__sample_shorter_audio.mp4";      // aerial pan, 60 fps
constexpr const char* kBunny = "webm__bbb_480p_vp9_opus_1second.webm";  // animation, 24 fps
constexpr const char* kDelayed = "psd__delayed_start.mp4";            // 25 fps, starts at 1.075 s
constexpr const char* kFades = "psd__fades.mp4";                      // brightness dips to black
// The display rotation applied, as the editor shows the clips.
inline const std::string kUprightGps = ",transpose=clock";
inline const std::string kUprightPixel = ",hflip,vflip";

// The set; empty when ../shared/media is absent. Cuts must land on their frame; fades within
// `fadeTolerance`; a dissolve anywhere in its middle half, as a cut or a fade.
inline std::vector<Clip> realClips(const std::filesystem::path& media) {
    using real::segment;
    std::vector<Clip> cs;
    if (!std::filesystem::exists(media / kMvi)) return cs;
    const Micros fadeTolerance = 150'000;
    {
        // Different recordings butted: camera, phone (upright), aerial, animation, late-start MPEG-4,
        // the dark phone clip, back to the camera later in its take.
        std::vector<Micros> cuts;
        auto g = real::butt({{segment(media, kMvi, 2.0), 2.0},
                             {segment(media, kGps, 2.5, "", 0, kUprightGps), 2.5},
                             {segment(media, kAerial, 1.1), 1.1},
                             {segment(media, kBunny, 0.9), 0.9},
                             {segment(media, kDelayed, 0.9), 0.9},
                             {segment(media, kPixel, 1.1, "", 0, kUprightPixel), 1.1},
                             {segment(media, kMvi, 1.5, "", 1.0), 1.5}},
                            &cuts);
        std::vector<Expected> e;
        for (auto t : cuts) e.push_back({t, "cut", 0});
        cs.push_back(real::edit("real_butts.mp4", g, 10.0, e));
    }
    {
        // A fade to black and back with a hard cut 0.6 s after the picture is back; a cut 0.7 s
        // before a fade-out that stays black for 1.5 s (both edges of the black are boundaries).
        std::vector<Micros> cuts;
        auto g = real::butt({{segment(media, kMvi, 2.0, ",fade=out:st=1.5:d=0.5"), 2.0},
                             {segment(media, kGps, 1.4, ",fade=in:st=0:d=0.3", 0, kUprightGps), 1.4},
                             {segment(media, kAerial, 1.0), 1.0},
                             {segment(media, kMvi, 0.9, ",fade=out:st=0.4:d=0.5", 0.3), 0.9},
                             {"color=black:size=640x360:rate=30,format=yuv420p,trim=duration=1.5", 1.5},
                             {segment(media, kMvi, 2.0, ",fade=in:st=0:d=0.4", 0.5), 2.0}},
                            &cuts);
        // Joins at 2.0 (black to black), 3.4, 4.4, 5.3 (black to black), 6.8 (black to black).
        // The first black lasts a few frames (one fade, its middle); the second 1.5 s (two: where the
        // picture reaches black, near the end of the fade-out, and where it leaves it).
        std::vector<Expected> e{{real::frames(60), "fade", fadeTolerance},   // 2.0 s, the middle of the black
                                {real::frames(102), "cut", 0},               // 3.4 s, 0.6 s after the fade
                                {real::frames(132), "cut", 0},               // 4.4 s, 0.85 s before the next
                                {real::frames(157), "fade", fadeTolerance},  // reaches black ~5.24 s
                                {real::frames(205), "fade", fadeTolerance}}; // leaves black ~6.83 s
        cs.push_back(real::edit("real_fade_cut.mp4", g, 8.8, e));
    }
    {
        // Dissolves of half a second between recordings.
        std::string g = segment(media, kMvi, 2.5) + "[a];" + segment(media, kGps, 2.5, "", 0, kUprightGps) + "[b];" +
                        segment(media, kAerial, 1.1) + "[c];" + segment(media, kMvi, 2.0, "", 0.5) + "[d];" +
                        "[a][b]xfade=transition=fade:duration=0.5:offset=2.0[ab];"
                        "[ab][c]xfade=transition=fade:duration=0.3:offset=4.0[abc];"
                        "[abc][d]xfade=transition=fade:duration=0.3:offset=4.8,settb=1/30";
        cs.push_back(real::edit("real_dissolves.mp4", g, 6.8,
                                {{2'250'000, "dissolve", 125'000},
                                 {4'150'000, "dissolve", 75'000},
                                 {4'950'000, "dissolve", 75'000}}));
    }
    {
        // Continuous shots, butted: a fast pan across the camera's picture, the phone rolled back
        // and forth, a two-frame flash, the camera letterboxed to 2.39:1, the sideways (unrotated)
        // phone clip, the aerial pan at full speed. Only the joins are boundaries.
        std::vector<Micros> cuts;
        auto g = real::butt(
            {{segment(media, kMvi, 2.4, "", 0, ",scale=1280:960,crop=640:480:x='min(640,t*300)':y=240"), 2.4},
             {segment(media, kGps, 2.5, ",rotate=a='0.35*sin(2*PI*t/1.6)':c=black", 0, kUprightGps + ",scale=640:-2,crop=640:360"), 2.5},
             {segment(media, kMvi, 2.0, ",eq=brightness=0.55:enable='between(t,1.0,1.05)'", 0.4), 2.0},
             {segment(media, kGps, 2.0, ",crop=640:268,pad=640:360:0:46", 1.5, kUprightGps + ",scale=640:-2,crop=640:360"), 2.0},
             {segment(media, kGps, 1.5, "", 0.5), 1.5},
             {segment(media, kAerial, 1.1), 1.1}},
            &cuts);
        std::vector<Expected> e;
        for (auto t : cuts) e.push_back({t, "cut", 0});
        cs.push_back(real::edit("real_motion.mp4", g, 11.5, e));
    }
    {
        // The recordings as they are.
        Clip fades{kFades, {}, {{84 * 40'000, "fade", 80'000}, {167 * 40'000, "fade", 80'000}}};
        fades.file = (media / kFades).string();
        cs.push_back(fades);
        Clip phone{kGps, {}, {}};
        phone.file = (media / kGps).string();
        cs.push_back(phone);
        Clip camera{kMvi, {}, {}};
        camera.file = (media / kMvi).string();
        cs.push_back(camera);
    }
    return cs;
}

}  // namespace kotsu::test::suggest
