#include "demo/demo_session.hpp"

#include <string>

namespace kotsu::demo {

namespace {

constexpr int kSteps = 6;

struct StepText {
    const char* title;
    const char* note;
    const char* warning;
    const char* tags;
    const char* knack;      // a knack point's title inside the step ("" for none)
    const char* caption1;
    const char* caption2;
};

// The veteran's words, as an editor would write them after watching the take.
const StepText kText[kSteps] = {
    {"段取り確認 / Check the setup", "ボルトの並びを目で追い、座面の傷を指でなぞって確かめる", "", "準備",
     "座面の傷は指先で分かる", "まず、フランジの座面を確認します。", "指でなぞって、傷がないか見ます。"},
    {"仮締め / Snug the bolts", "手で回して、ねじ山が噛む感触を待つ。固ければ無理に回さない", "",
     "締結,感触", "ねじ山が噛む感触", "最初は手で仮締めします。", "噛んだ感触が来たら、次のボルトへ。"},
    {"対角締め / Tighten in a star pattern", "1→5→3→7 と対角に。片締めにならないよう三回に分けて",
     "トルクレンチのヘッドに手を挟まないこと", "締結,順序", "三回に分ける",
     "対角の順で、少しずつ締めていきます。", "一度に締め切らないのがコツです。"},
    {"本締め / Final torque", "クリック音が「カチッ」と高くなったら止める。音が鈍いときは座面を疑う",
     "", "締結,音", "音が高くなったら止める", "ここで規定トルクまで締めます。",
     "カチッという音をよく聞いてください。"},
    {"合マーク / Match marks", "締め終わったボルトに合マークを一直線に入れる。ずれは緩みのサイン", "",
     "確認", "", "締め終わったら合マークを入れます。", "後で緩みがすぐ分かります。"},
    {"最終点検 / Final check", "全周を目視し、隙間ゲージが入らないことを確かめる",
     "点検中は配管の圧力をかけないこと", "確認,安全", "隙間ゲージが入らない",
     "最後に全周を点検します。", "隙間がなければ完了です。"},
};

std::vector<std::string> splitTags(const char* s) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = s; *p; ++p) {
        if (*p == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += *p;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// Each step fills 90% of its phase, leaving a short rest between steps.
Micros phaseLength(Micros duration) { return duration / kSteps; }

}  // namespace

demo::SynthSpec footageSpec(const DemoShape& s) {
    const double phase = double(phaseLength(s.duration)) / 1e6;
    const std::string W = std::to_string(s.width), H = std::to_string(s.height);
    const std::string r = std::to_string(s.fps);
    const int box = s.height / 6;
    // work(t): 1 while the worker's hands move (the middle of each phase), 0 at rest.
    const std::string work = "between(mod(t\\," + std::to_string(phase) + ")\\," + std::to_string(phase * 0.15) +
                             "\\," + std::to_string(phase * 0.85) + ")";
    demo::SynthSpec spec;
    // A workbench (textured, its colour changing phase by phase), a part that moves while the
    // veteran works and rests between steps, and a hand-held camera's shake.
    spec.video =
        "cellauto=s=" + W + "x" + H + ":r=" + r + ":rule=18:scroll=0:start_full=1,format=yuv420p,"
        "colorchannelmixer=rr=0.62:gg=0.50:bb=0.38,"
        "drawbox=x=iw*0.2:y=ih*0.18:w=iw*0.6:h=ih*0.64:color=0xe0e0e0@0.9:t=" + std::to_string(std::max(4, s.height / 90)) + "[bench];"
        "color=c=0xd08030:s=" + std::to_string(box * 2) + "x" + std::to_string(box) + ":r=" + r + "[part];"
        "[bench][part]overlay=x='(W-w)/2+" + std::to_string(s.width / 4) + "*sin(2.1*t)*" + work + "':"
        "y='(H-h)/2+" + std::to_string(s.height / 6) + "*cos(1.7*t)*" + work + "',"
        "hue=h='floor(t/" + std::to_string(phase) + ")*55':s=1.2,"
        "crop=w=iw*0.94:h=ih*0.94:x='iw*0.03+iw*0.012*sin(t*6.3)':y='ih*0.03+ih*0.012*cos(t*4.7)',"
        "scale=" + W + ":" + H + ",fps=" + r;
    // Factory noise (rumble and hum) under speech-like narration: voiced tones at syllable rate,
    // talking in the first half of each step and silent while the veteran works.
    const std::string talk = "between(mod(t\\," + std::to_string(phase) + ")\\," + std::to_string(phase * 0.05) +
                             "\\," + std::to_string(phase * 0.45) + ")";
    spec.audio =
        "anoisesrc=color=brown:amplitude=0.25:sample_rate=48000,lowpass=f=900[noise];"
        "aevalsrc='0.05*sin(2*PI*100*t)+0.5*" + talk +
        "*(0.55+0.45*sin(2*PI*4.3*t))*(sin(2*PI*(170+35*sin(2*PI*2.1*t))*t)+0.5*sin(4*PI*(170+35*sin(2*PI*2.1*t))*t)"
        "+0.25*sin(6*PI*(170+35*sin(2*PI*2.1*t))*t))':s=48000:c=mono[voice];"
        "[noise][voice]amix=inputs=2:normalize=0,pan=stereo|c0=c0|c1=c0";
    spec.duration = s.duration;
    spec.videoOptions = {{"preset", "ultrafast"}, {"crf", "20"}};
    spec.gop = s.fps * 2;
    return spec;
}

std::vector<Marker> demoMarkers(Micros duration) {
    std::vector<Marker> ms;
    const Micros phase = phaseLength(duration);
    for (int i = 0; i < kSteps; ++i) {
        const auto& t = kText[i];
        Micros in = i * phase + phase / 40;
        Micros out = (i + 1) * phase - phase / 40;
        Marker step;
        step.kind = MarkerKind::Step;
        step.in = in;
        step.out = out;
        step.title = t.title;
        step.note = t.note;
        step.warning = t.warning;
        step.tags = splitTags(t.tags);
        step.author = "demo";
        ms.push_back(step);
        if (*t.knack) {
            Marker k;
            k.kind = MarkerKind::Knack;
            k.in = in + (out - in) / 2;
            k.out = k.in + (out - in) / 5;
            k.title = t.knack;
            k.note = t.note;
            k.author = "demo";
            ms.push_back(k);
        }
        if (*t.warning) {
            Marker w;
            w.kind = MarkerKind::Safety;
            w.in = in + (out - in) / 4;
            w.out = w.in + (out - in) / 6;
            w.title = "安全 / Safety";
            w.warning = t.warning;
            w.author = "demo";
            ms.push_back(w);
        }
    }
    Marker tag;
    tag.kind = MarkerKind::Tag;
    tag.in = tag.out = phase * 3 + phase / 2;
    tag.title = "good sound";
    tag.tags = {"音"};
    ms.push_back(tag);
    return ms;
}

std::vector<Cue> demoCaptions(Micros duration) {
    std::vector<Cue> cues;
    const Micros phase = phaseLength(duration);
    for (int i = 0; i < kSteps; ++i) {
        Micros base = i * phase;
        cues.push_back(Cue{0, base + phase * 8 / 100, base + phase * 25 / 100, kText[i].caption1});
        cues.push_back(Cue{0, base + phase * 27 / 100, base + phase * 44 / 100, kText[i].caption2});
    }
    return cues;
}

}  // namespace kotsu::demo
