#include "annotate/suggest/suggest.hpp"

#include <algorithm>
#include <cmath>

#include "annotate/suggest/detectors.hpp"
#include "annotate/suggest/scan.hpp"
#include "core/av/input_file.hpp"

namespace kotsu::annotate {

namespace {

constexpr Detector kAll[] = {Detector::Content, Detector::Adaptive, Detector::Fade, Detector::Motion,
                             Detector::Audio};

bool uses(const SuggestOptions& o, Detector d) {
    return std::find(o.detectors.begin(), o.detectors.end(), d) != o.detectors.end();
}

bool usesPicture(const SuggestOptions& o) {
    return uses(o, Detector::Content) || uses(o, Detector::Adaptive) || uses(o, Detector::Fade) ||
           uses(o, Detector::Motion);
}

suggest::ScanRequest scanRequest(const SuggestOptions& o, bool video, bool audio, std::optional<Micros> origin) {
    suggest::ScanRequest rq;
    rq.origin = origin;
    rq.video = video;
    rq.audio = audio;
    rq.fast = o.fastDecode;
    rq.width = std::max(16, o.analysisWidth);
    rq.threads = o.threads;
    rq.cancel = o.cancel;
    // Neighbouring reference pictures that differ by half of what makes a cut may hide one between them.
    double trigger = 0;
    if (uses(o, Detector::Content)) trigger = o.contentThreshold;
    if (uses(o, Detector::Adaptive)) trigger = trigger > 0 ? std::min(trigger, o.adaptiveMinContent) : o.adaptiveMinContent;
    rq.refineContent = trigger / 2;
    rq.refineBlack = uses(o, Detector::Fade) ? o.fadeThreshold : 0;
    rq.refineNeighbours = std::max(1, o.adaptiveWindow);
    return rq;
}

std::string fileName(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A file to analyse and the file time of its session time 0 (unset: found from the file).
struct MediaInput {
    std::string path;
    std::optional<Micros> origin;
};

// Picture from `video` (path may be empty), sound from `audio` (may be empty, may be the same file).
Result<SuggestReport> analyzeMedia(const MediaInput& video, const MediaInput& audio, const SuggestOptions& o,
                                   Progress* progress) {
    const std::string& videoPath = video.path;
    const std::string& audioPath = audio.path;
    const bool wantPicture = usesPicture(o);
    const bool wantSound = uses(o, Detector::Audio);
    if (!wantPicture && !wantSound) return Error::make("suggest", "no detectors chosen");
    const bool sameFile = !videoPath.empty() && videoPath == audioPath;

    SuggestReport report;
    report.videoPath = videoPath;
    suggest::ScanResult picture, sound;
    bool pictureScanned = false;
    if (!videoPath.empty()) {
        auto r = suggest::scanMedia(videoPath, scanRequest(o, true, wantSound && sameFile, video.origin), progress);
        if (!r) return r.error();
        picture = std::move(r).value();
        pictureScanned = true;
    }
    if (wantSound && !audioPath.empty() && !sameFile) {
        auto r = suggest::scanMedia(audioPath, scanRequest(o, false, true, audio.origin), progress);
        if (!r) return r.error();
        sound = std::move(r).value();
    } else if (sameFile) {
        sound.hasAudio = picture.hasAudio;
        sound.audio = std::move(picture.audio);
    }
    const std::string& name = !videoPath.empty() ? videoPath : audioPath;
    const bool hasPicture = pictureScanned && picture.hasVideo;
    const bool hasSound = sound.hasAudio;
    if (!hasPicture && !hasSound && !(pictureScanned && picture.hasAudio))
        return Error::make(name, "neither picture nor sound to analyse");
    const bool runPicture = wantPicture && hasPicture;
    const bool runSound = wantSound && hasSound;
    if (!runPicture && !runSound) {
        if (wantPicture && !hasPicture)
            return Error::make(name, "no picture to analyse; only the audio detector applies here (--detectors audio)");
        return Error::make(audioPath.empty() ? name : audioPath, "no sound for the audio detector");
    }
    if (wantPicture && !hasPicture && pictureScanned) report.notes.push_back("no picture: only the audio detector ran");
    if (wantSound && !hasSound) report.notes.push_back("no sound: the audio detector did not run");
    if (runSound) report.audioPath = sameFile ? videoPath : audioPath;
    if (!runPicture) report.videoPath.clear();

    std::vector<suggest::Candidate> all;
    Micros minScene = o.minSpacing;  // picture events closer than a scene's minimum length are one
    if (runPicture) {
        const auto& frames = picture.frames;
        double fps = picture.frameRate > 0 ? picture.frameRate : 30.0;
        Micros minLength = static_cast<Micros>(std::llround(o.minSceneFrames * 1e6 / fps));
        minScene = std::min(minScene, minLength);
        std::vector<Micros> edges;  // where the picture changes at once: not a motion phase
        auto add = [&](std::vector<suggest::Candidate> cs, Detector d) {
            for (auto& c : cs) {
                if (c.reason != "activity") edges.push_back(c.time);
                all.push_back(std::move(c));
            }
            report.ran.push_back(d);
        };
        // Near black and across one picture, brightness jumps by this much at a cut, not in a fade.
        const double dark = 2 * o.fadeThreshold, jump = 2 * o.fadeThreshold;
        if (uses(o, Detector::Content))
            add(suggest::dropFalseCuts(suggest::detectContentCuts(frames, o.contentThreshold, minLength), frames, dark,
                                       jump),
                Detector::Content);
        if (uses(o, Detector::Adaptive))
            add(suggest::dropFalseCuts(suggest::detectAdaptiveCuts(frames, o.adaptiveThreshold, o.adaptiveWindow,
                                                                   o.adaptiveMinContent, minLength),
                                       frames, dark, jump),
                Detector::Adaptive);
        if (uses(o, Detector::Fade)) {
            auto fades = suggest::detectFades(frames, picture.frameTimes, o.fadeThreshold, minLength, jump,
                                              o.minSpacing);
            for (auto& d : suggest::detectDissolves(frames, 25.0, 200'000, dark)) fades.push_back(std::move(d));
            add(std::move(fades), Detector::Fade);
        }
        if (uses(o, Detector::Motion)) {
            // Fades darken every pixel: mask their whole dark stretch, not just the boundary.
            std::vector<Micros> masked = edges;
            for (const auto& f : frames)
                if (f.intensity < o.fadeThreshold * 2) masked.push_back(f.time);
            add(suggest::detectActivity(frames, masked, o.minPhase), Detector::Motion);
        }
        report.framesAnalyzed = picture.analysed;
        report.framesRefined = picture.refined;
        report.duration = picture.duration;
    }
    if (runSound) {
        for (auto& c : suggest::detectPauses(sound.audio, o.minPause)) all.push_back(std::move(c));
        report.ran.push_back(Detector::Audio);
        if (!runPicture) report.duration = sound.duration > 0 ? sound.duration : picture.duration;
    }
    for (const auto& m : suggest::mergeCandidates(std::move(all), o.minSpacing, minScene)) {
        Suggestion s;
        s.time = m.time;
        s.score = m.score;
        s.reason = m.reason;
        report.suggestions.push_back(s);
    }
    return report;
}

struct Streams {
    bool video = false;
    bool audio = false;
};

Result<Streams> inspect(const std::string& path) {
    auto in = av::InputFile::open(path);
    if (!in) return in.error();
    return Streams{in->bestStream(AVMEDIA_TYPE_VIDEO) >= 0, in->bestStream(AVMEDIA_TYPE_AUDIO) >= 0};
}

}  // namespace

const char* toString(Detector d) {
    switch (d) {
        case Detector::Content: return "content";
        case Detector::Adaptive: return "adaptive";
        case Detector::Fade: return "fade";
        case Detector::Motion: return "motion";
        case Detector::Audio: return "audio";
    }
    return "?";
}

Result<std::vector<Detector>> parseDetectors(std::string_view list) {
    std::vector<Detector> out;
    size_t pos = 0;
    while (pos <= list.size()) {
        size_t comma = list.find(',', pos);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view word = list.substr(pos, comma - pos);
        while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
        while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
        pos = comma + 1;
        if (word.empty()) continue;
        if (word == "all") {
            for (auto d : kAll)
                if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
            continue;
        }
        auto it = std::find_if(std::begin(kAll), std::end(kAll), [&](Detector d) { return word == toString(d); });
        if (it == std::end(kAll))
            return Error::make("--detectors", "unknown detector '" + std::string(word) +
                                                  "' (content, adaptive, fade, motion, audio)");
        if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
    }
    if (out.empty()) return Error::make("--detectors", "name at least one detector");
    return out;
}

Result<SuggestReport> analyzeFile(const std::string& path, const SuggestOptions& options, Progress* progress) {
    return analyzeMedia({path, {}}, {path, {}}, options, progress);
}

Result<SuggestReport> analyzeFiles(const std::string& videoPath, const std::string& audioPath,
                                   const SuggestOptions& options, Progress* progress) {
    return analyzeMedia({videoPath, {}}, {audioPath, {}}, options, progress);
}

Result<SuggestReport> runSuggestions(const Library& library, catalog::Catalog& catalog, const Session& session,
                                     const SuggestOptions& options, Progress* progress) {
    const std::string who = "session '" + session.title + "'";
    auto assets = catalog.assets(session.id);
    if (!assets) return assets.error();
    if (assets->empty()) return Error::make(who, "has no assets to analyse (kotsu ingest FILE --session …)");

    std::vector<Streams> streams;
    for (const auto& a : *assets) {
        auto s = inspect(library.absolute(a.path).string());
        if (!s) return s.error();
        streams.push_back(*s);
    }
    auto pick = [&](auto&& ok) -> const Asset* {
        for (size_t i = 0; i < assets->size(); ++i)
            if (ok((*assets)[i], streams[i])) return &(*assets)[i];
        return nullptr;
    };
    // Picture: role main, else the first asset with video. Sound: that asset's, else a role audio asset's.
    const Asset* video = pick([](const Asset& a, const Streams& s) { return a.role == "main" && s.video; });
    if (!video) video = pick([](const Asset&, const Streams& s) { return s.video; });
    const Asset* audio = nullptr;
    if (video && streams[size_t(video - assets->data())].audio) audio = video;
    if (!audio) audio = pick([](const Asset& a, const Streams& s) { return a.role == "main" && s.audio; });
    if (!audio) audio = pick([](const Asset& a, const Streams& s) { return a.role == "audio" && s.audio; });
    if (!audio && !video) audio = pick([](const Asset&, const Streams& s) { return s.audio; });
    if (!video && !audio) return Error::make(who, "neither picture nor sound in its assets");

    // Each asset on its own session timeline: its first picture (first sound when it has none) is 0.
    auto input = [&](const Asset* a) {
        return a ? MediaInput{library.absolute(a->path).string(), a->probe.timelineOrigin} : MediaInput{};
    };
    auto report = analyzeMedia(input(video), input(audio), options, progress);
    if (!report) return report.error();
    report->videoAsset = report->videoPath.empty() || !video ? 0 : video->id;
    report->audioAsset = report->audioPath.empty() || !audio ? 0 : audio->id;
    if (!video && audio && usesPicture(options))
        report->notes.insert(report->notes.begin(),
                             "asset " + std::to_string(audio->id) + " (" + fileName(audio->originalName) +
                                 ") is audio only: only the audio detector ran");
    if (video && audio && audio != video && report->audioAsset)
        report->notes.push_back("sound from asset " + std::to_string(audio->id) + " (" + audio->originalName +
                                "), on its own timeline");

    for (auto& s : report->suggestions) s.sessionId = session.id;
    KOTSU_TRY(catalog.replaceOpenSuggestions(session.id, report->suggestions));
    auto stored = catalog.suggestions(session.id);
    if (!stored) return stored.error();
    for (auto& s : report->suggestions) {
        const Suggestion* match = nullptr;
        for (const auto& c : *stored)
            if (c.time == s.time && (!match || c.reason == s.reason)) match = &c;
        if (match) {
            s.id = match->id;
            s.state = match->state;
        }
    }
    return report;
}

Result<std::vector<Suggestion>> suggestForSession(const Library& library, catalog::Catalog& catalog,
                                                  const Session& session, const SuggestOptions& options,
                                                  Progress* progress) {
    auto r = runSuggestions(library, catalog, session, options, progress);
    if (!r) return r.error();
    return std::move(r->suggestions);
}

Result<std::vector<Suggestion>> suggestForFile(const std::string& path, const SuggestOptions& options) {
    auto r = analyzeFile(path, options, nullptr);
    if (!r) return r.error();
    return std::move(r->suggestions);
}

}  // namespace kotsu::annotate
