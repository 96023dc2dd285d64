#include "transcode/speech_chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/frame.h>
}

namespace kotsu::transcode {

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

double linear(double db) { return std::pow(10.0, db / 20.0); }

// The true-peak ceiling is met with a sample-peak limiter set 2 dB lower: inter-sample peaks,
// the limiter's own overshoot and the AAC encoder add up to about that much back (measured on the
// demo's narration: 1 dB of margin let glasses clips reach -0.8 dBTP; 4 dB cost >1 LU of loudness).
constexpr double kLimiterMarginDb = 2.0;

std::string layout(int channels) { return channels == 1 ? "mono" : "stereo"; }

// What ends a normalised track: the meter (pass 1) or gain and limiter (pass 2).
std::string tail(const AudioTrackPlan& t, bool measure) {
    // Pass 1 needs the integrated loudness only: the limiter is always there to hold the peaks.
    if (measure) return "ebur128=metadata=1";
    double ceiling = std::max(0.0625, linear(t.maxTruePeak - kLimiterMarginDb));
    return "volume=volume=" + num(t.gainDb) + "dB:precision=float,alimiter=limit=" + num(ceiling) +
           ":attack=5:release=50:level=0:latency=1";
}

}  // namespace

std::vector<AudioTrackPlan> tracksFor(const Profile& p, int sourceChannels) {
    std::vector<AudioTrackPlan> tracks;
    AudioTrackPlan first;
    if (p.speechChain) {
        first.kind = TrackKind::Voice;
        first.channels = std::clamp(p.audioChannels, 1, 2);
        first.compressThresholdDb = p.compressThresholdDb;
        first.compressRatio = p.compressRatio;
        first.targetLufs = p.targetLufs;
        first.maxTruePeak = p.maxTruePeak;
    } else {
        first.kind = TrackKind::Original;
        first.channels = std::clamp(std::min(sourceChannels, p.audioChannels), 1, 2);
    }
    tracks.push_back(first);
    if (p.workSoundTrack) {
        AudioTrackPlan work;
        work.kind = TrackKind::WorkSound;
        work.channels = 2;
        work.targetLufs = p.targetLufs;
        work.maxTruePeak = p.maxTruePeak;
        tracks.push_back(work);
    }
    return tracks;
}

std::string audioGraphSpec(const AudioGraphPlan& plan, std::vector<std::string>* outputs) {
    std::vector<size_t> voices, others;
    for (size_t i = 0; i < plan.tracks.size(); ++i) {
        const auto& t = plan.tracks[i];
        if (plan.measure && !t.normalized()) continue;
        (t.kind == TrackKind::Voice ? voices : others).push_back(i);
    }
    bool peaks = plan.peaks && !plan.measure;
    size_t branches = (voices.empty() ? 0 : 1) + others.size() + (peaks ? 1 : 0);
    std::vector<std::string> labels;
    std::string spec = "[in]aresample=" + std::to_string(kAudioRate) + ":async=1:first_pts=0,asplit=" +
                       std::to_string(std::max<size_t>(branches, 1));
    for (size_t b = 0; b < branches; ++b) spec += "[s" + std::to_string(b) + "]";
    if (branches == 0) spec += "[unused];[unused]anullsink";
    size_t branch = 0;

    if (!voices.empty()) {
        spec += ";[s" + std::to_string(branch++) +
                "]aformat=channel_layouts=mono,highpass=f=100:poles=2,afftdn=nr=12:nf=-40:tn=1,asplit=" +
                std::to_string(voices.size());
        for (size_t v = 0; v < voices.size(); ++v) spec += "[v" + std::to_string(v) + "]";
        for (size_t v = 0; v < voices.size(); ++v) {
            const auto& t = plan.tracks[voices[v]];
            std::string label = "t" + std::to_string(voices[v]);
            spec += ";[v" + std::to_string(v) + "]acompressor=threshold=" + num(linear(t.compressThresholdDb)) +
                    ":ratio=" + num(t.compressRatio) + ":attack=5:release=150";
            if (t.channels == 2) spec += ",pan=stereo|c0=c0|c1=c0";
            spec += "," + tail(t, plan.measure);
            if (!plan.measure) spec += ",aformat=sample_fmts=fltp";
            spec += "[" + label + "]";
            labels.push_back(label);
        }
    }
    for (size_t i : others) {
        const auto& t = plan.tracks[i];
        std::string label = "t" + std::to_string(i);
        spec += ";[s" + std::to_string(branch++) + "]aformat=channel_layouts=" + layout(t.channels);
        if (t.normalized()) spec += "," + tail(t, plan.measure);
        if (!plan.measure) spec += ",aformat=sample_fmts=fltp";
        spec += "[" + label + "]";
        labels.push_back(label);
    }
    if (peaks) {
        spec += ";[s" + std::to_string(branch++) + "]aformat=sample_fmts=flt:channel_layouts=mono[peaks]";
        labels.push_back("peaks");
    }
    if (outputs) *outputs = labels;
    return spec;
}

bool readMeter(const AVFrame* frame, MeterReading& into) {
    auto get = [&](const char* key) -> const char* {
        auto* e = av_dict_get(frame->metadata, key, nullptr, 0);
        return e ? e->value : nullptr;
    };
    const char* i = get("lavfi.r128.I");
    if (!i) return false;
    into.integrated = std::atof(i);
    if (const char* lra = get("lavfi.r128.LRA")) into.range = std::atof(lra);
    if (const char* tp = get("lavfi.r128.true_peak")) into.truePeakLinear = std::max(into.truePeakLinear, std::atof(tp));
    return true;
}

Loudness toLoudness(const MeterReading& m) {
    Loudness l;
    l.integrated = m.integrated;
    l.range = m.range;
    l.truePeak = m.truePeakLinear > 0 ? 20.0 * std::log10(m.truePeakLinear) : -144.0;
    return l;
}

}  // namespace kotsu::transcode
