#include "player/package/manifest.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "core/hash.hpp"
#include "core/json_io.hpp"

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

Result<ReadManifest> readManifest(std::string_view text, const std::string& fileName) {
    if (text.size() > kMaxManifestBytes)
        return Error::make(fileName, "larger than " + std::to_string(kMaxManifestBytes >> 20) + " MB: not a manifest");
    auto parsed = parseJson(text, fileName);
    if (!parsed) return parsed.error();
    ReadManifest out;
    out.json = std::move(parsed).value();
    const auto& m = out.json;
    auto wrong = [&](const std::string& where, const nlohmann::json& v, const std::string& expected) {
        return Error::make(fileName, where + " is " + jsonKind(v) + ", expected " + expected);
    };
    if (!m.is_object()) return wrong("the document", m, "an object");
    if (!m.contains("format") || m["format"] != "kotsu.package") return Error::make(fileName, "not a kotsu.package manifest");
    if (!m.contains("version") || !m["version"].is_number_integer() || m["version"] != 1)
        return Error::make(fileName, "unsupported package version " + (m.contains("version") ? m["version"].dump() : "(none)"));
    if (!m.contains("files")) return Error::make(fileName, "has no file list");
    if (!m["files"].is_array()) return wrong("files", m["files"], "a list");
    for (size_t i = 0; i < m["files"].size(); ++i) {
        const auto& f = m["files"][i];
        const std::string where = "files[" + std::to_string(i) + "]";
        if (!f.is_object()) return wrong(where, f, "an object");
        FileEntry e;
        if (!f.contains("path") || !f["path"].is_string()) return wrong(where + ".path", f.value("path", nlohmann::json()), "a string");
        e.path = f["path"].get<std::string>();
        if (!f.contains("size") || !f["size"].is_number_integer() || f["size"].get<std::int64_t>() < 0)
            return wrong(where + ".size", f.value("size", nlohmann::json()), "a whole number of bytes");
        e.size = f["size"].get<std::int64_t>();
        if (!f.contains("checksum") || !f["checksum"].is_string())
            return wrong(where + ".checksum", f.value("checksum", nlohmann::json()), "a string");
        e.checksum = f["checksum"].get<std::string>();
        out.files.push_back(std::move(e));
    }
    if (m.contains("steps")) {
        if (!m["steps"].is_array()) return wrong("steps", m["steps"], "a list");
        for (size_t i = 0; i < m["steps"].size(); ++i) {
            const auto& step = m["steps"][i];
            const std::string where = "steps[" + std::to_string(i) + "]";
            if (!step.is_object()) return wrong(where, step, "an object");
            std::string index = step.contains("index") ? step["index"].dump() : std::to_string(i + 1);
            if (!step.contains("clips")) continue;
            if (!step["clips"].is_object()) return wrong(where + ".clips", step["clips"], "an object");
            for (const auto& [profile, clip] : step["clips"].items()) {
                if (!clip.is_object()) return wrong(where + ".clips." + profile, clip, "an object");
                if (!clip.contains("path") || !clip["path"].is_string())
                    return wrong(where + ".clips." + profile + ".path", clip.value("path", nlohmann::json()), "a string");
                out.clips.push_back({index, profile, clip["path"].get<std::string>()});
            }
        }
    }
    return out;
}

Result<FileEntry> describeFile(const std::filesystem::path& root, const std::string& relative) {
    std::ifstream in(root / relative, std::ios::binary);
    if (!in) return Error::make((root / relative).string(), "cannot read");
    Hasher h;
    std::vector<char> buf(1 << 20);
    std::int64_t size = 0;
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = in.gcount();
        if (n <= 0) break;
        h.update(buf.data(), static_cast<size_t>(n));
        size += n;
    }
    return FileEntry{relative, size, h.hex()};
}

}  // namespace kotsu::package
