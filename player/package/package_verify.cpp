#include "player/package/package_verify.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/files.hpp"
#include "player/package/manifest.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kotsu::package {

using namespace kotsu::transcode;  // the engine this stage drives

namespace {

// Relative paths only, and never out of the package.
bool safeRelative(const std::string& p) {
    if (p.empty() || p[0] == '/') return false;
    fs::path path(p);
    for (const auto& part : path)
        if (part == "..") return false;
    return true;
}

}  // namespace

Result<VerifyReport> verifyPackage(const fs::path& dir) {
    if (!fs::is_directory(dir)) return Error::make(dir.string(), "not a folder (a package is a folder with manifest.json)");
    auto text = readFile(dir / "manifest.json");
    if (!text) return Error::make(dir.string(), "not a kotsu package: manifest.json is missing or unreadable");
    json m;
    try {
        m = json::parse(*text);
    } catch (const json::exception& e) {
        return Error::make((dir / "manifest.json").string(), std::string("corrupt: ") + e.what());
    }
    if (!m.is_object() || m.value("format", "") != "kotsu.package")
        return Error::make((dir / "manifest.json").string(), "not a kotsu.package manifest");
    if (m.value("version", 0) != 1)
        return Error::make((dir / "manifest.json").string(), "unsupported package version " + m["version"].dump());

    VerifyReport report;
    std::set<std::string> listed;
    if (!m.contains("files") || !m["files"].is_array())
        return Error::make((dir / "manifest.json").string(), "has no file list");
    for (const auto& f : m["files"]) {
        std::string path = f.value("path", "");
        if (!safeRelative(path)) {
            report.problems.push_back({path, "unsafe path in the manifest"});
            continue;
        }
        listed.insert(path);
        if (!fs::exists(dir / path)) {
            report.problems.push_back({path, "missing"});
            continue;
        }
        auto d = describeFile(dir, path);
        if (!d) {
            report.problems.push_back({path, "unreadable"});
            continue;
        }
        ++report.filesChecked;
        report.bytesChecked += d->size;
        auto size = f.value("size", std::int64_t{-1});
        if (d->size != size)
            report.problems.push_back({path, "size " + std::to_string(d->size) + ", expected " + std::to_string(size)});
        else if (d->checksum != f.value("checksum", ""))
            report.problems.push_back({path, "checksum differs (corrupt)"});
    }
    const json steps = m.value("steps", json::array());
    for (const auto& step : steps) {
        const json clips = step.value("clips", json::object());
        for (auto& [profile, clip] : clips.items()) {
            std::string path = clip.value("path", "");
            if (!listed.count(path)) report.problems.push_back({path, "clip of step " + step.value("index", json(0)).dump() + " (" + profile + ") not in the file list"});
        }
    }
    auto js = readFile(dir / "manifest.js");
    if (!js) {
        report.problems.push_back({"manifest.js", "missing"});
    } else {
        const std::string prefix = "window.KOTSU_MANIFEST = ";
        std::string body = *js;
        bool same = false;
        if (body.rfind(prefix, 0) == 0) {
            body = body.substr(prefix.size());
            while (!body.empty() && (body.back() == '\n' || body.back() == ';')) body.pop_back();
            try {
                same = json::parse(body) == m;
            } catch (const json::exception&) {
                same = false;
            }
        }
        if (!same) report.problems.push_back({"manifest.js", "does not carry the same data as manifest.json"});
    }
    return report;
}

}  // namespace kotsu::package
