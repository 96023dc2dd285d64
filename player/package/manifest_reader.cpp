#include "player/package/manifest_reader.hpp"

#include "core/json_io.hpp"

namespace kotsu::package {

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

}  // namespace kotsu::package
