#include "player/package/manifest.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <random>

#include "core/cancel.hpp"
#include "core/hash.hpp"

namespace kotsu::package {

using namespace kotsu::transcode;  // the engine this stage drives

using nlohmann::json;

namespace {

json loudnessJson(const Loudness& l) { return json{{"integrated", l.integrated}, {"true_peak", l.truePeak}}; }

std::string nowUtc() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

// A knack carries its note (what to notice); a safety marker its warning.
json markerJson(const Marker& m) {
    json j{{"id", m.id}, {"in_us", m.in}, {"out_us", m.out}, {"title", m.title}};
    if (m.kind == MarkerKind::Safety) j["warning"] = m.warning.empty() ? m.title : m.warning;
    else j["note"] = m.note;
    return j;
}

}  // namespace

json buildManifest(const Session& session, const std::vector<Profile>& profiles,
                   const std::vector<std::string>& languages, const std::vector<StepEntry>& steps,
                   const std::vector<FileEntry>& files) {
    json m;
    m["format"] = "kotsu.package";
    m["version"] = 1;
    m["generator"] = "kotsu 0.1.0";
    m["created"] = nowUtc();
    m["session"] = json{{"id", session.id},         {"title", session.title}, {"worker", session.worker},
                        {"task", session.task},     {"site", session.site},   {"recorded_at", session.recordedAt},
                        {"language", session.language.empty() ? "ja" : session.language}};
    m["profiles"] = json::array();
    for (const auto& p : profiles) {
        json tracks = json::array({json{{"index", 0}, {"label", "voice"}}});
        if (p.workSoundTrack) tracks.push_back(json{{"index", 1}, {"label", "work sound"}});
        m["profiles"].push_back(json{{"name", p.name},
                                     {"width", p.width},
                                     {"height", p.height},
                                     {"captions", p.name == "glasses" ? "burned" : "soft"},
                                     {"audio_tracks", tracks}});
    }
    m["languages"] = languages;
    m["steps"] = json::array();
    for (const auto& e : steps) {
        const auto& s = *e.plan;
        json j{{"index", s.index},
               {"id", s.step.id},
               {"title", s.step.title},
               {"note", s.step.note},
               {"warning", s.allWarnings()},
               {"tags", s.step.tags},
               {"in", formatTime(s.step.in)},
               {"out", formatTime(s.step.out)},
               {"in_us", s.step.in},
               {"out_us", s.step.out},
               {"duration_us", s.step.out - s.step.in},
               {"angle", s.step.angle.empty() ? "main" : s.step.angle},
               {"thumbnail", e.thumbnail},
               {"knacks", json::array()},
               {"safety", json::array()},
               {"captions", json::object()},
               {"clips", json::object()}};
        for (const auto& k : s.knacks) j["knacks"].push_back(markerJson(k));
        for (const auto& w : s.safety) j["safety"].push_back(markerJson(w));
        for (const auto& [lang, cues] : s.captions) {
            json cj = json::array();
            for (const auto& c : cues)
                cj.push_back(json{{"start", double(c.start) / 1e6}, {"end", double(c.end) / 1e6}, {"text", c.text}});
            auto file = e.captionFiles.find(lang);
            j["captions"][lang] = json{{"path", file != e.captionFiles.end() ? file->second : ""}, {"cues", cj}};
        }
        for (const auto& [profile, c] : e.clips) {
            json cj{{"path", c.path},         {"width", c.width}, {"height", c.height},
                    {"duration_us", c.duration}, {"size", c.size}, {"checksum", c.checksum}};
            if (c.voice) cj["loudness"]["voice"] = loudnessJson(*c.voice);
            if (c.workSound) cj["loudness"]["work_sound"] = loudnessJson(*c.workSound);
            j["clips"][profile] = cj;
        }
        m["steps"].push_back(j);
    }
    m["files"] = json::array();
    for (const auto& f : files) m["files"].push_back(json{{"path", f.path}, {"size", f.size}, {"checksum", f.checksum}});
    return m;
}

std::string manifestScript(const json& manifest) {
    // dump() escapes nothing HTML-special; inside a .js file loaded by <script src> that is safe,
    // and "</script>" cannot end anything there.
    return "window.KOTSU_MANIFEST = " + manifest.dump(1) + ";\n";
}

std::string newPackageUid() {
    std::random_device rd;
    static constexpr char hex[] = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rd() & 15];
    return t;
}

Result<FileEntry> describeFile(const std::filesystem::path& root, const std::string& relative) {
    std::ifstream in(root / relative, std::ios::binary);
    if (!in) return Error::make((root / relative).string(), "cannot read");
    Hasher h;
    std::vector<char> buf(1 << 20);
    std::int64_t size = 0;
    while (in) {
        // Ctrl-C/SIGTERM while verifying a large (or endless) file: stop now.
        if (cancelRequested()) return Error::make((root / relative).string(), "cancelled");
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = in.gcount();
        if (n <= 0) break;
        h.update(buf.data(), static_cast<size_t>(n));
        size += n;
    }
    return FileEntry{relative, size, h.hex()};
}

}  // namespace kotsu::package
