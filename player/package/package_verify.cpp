#include "player/package/package_verify.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/json_io.hpp"
#include "player/package/manifest_reader.hpp"
#include "player/package/package_source.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kotsu::package {

Result<VerifyReport> verifyPackage(const fs::path& path) {
    auto opened = openPackageSource(path);
    if (!opened) return opened.error();
    PackageSource& src = **opened;
    const std::string manifestName = (path / "manifest.json").string();
    auto text = src.readText("manifest.json", kMaxManifestBytes);
    if (!text)
        return Error::make(manifestName, "not a kotsu package: manifest.json is " +
                                             (text.error().message == "missing" ? std::string("missing") : text.error().message));
    auto read = readManifest(*text, manifestName);
    if (!read) return read.error();

    VerifyReport report;
    for (const auto& [entry, problem] : src.containerProblems()) report.problems.push_back({entry, problem});
    std::set<std::string> listed;
    for (const auto& f : read->files) {
        if (!safeRelativeName(f.path)) {
            report.problems.push_back({f.path, "unsafe path in the manifest"});
            continue;
        }
        listed.insert(f.path);
        auto d = src.describe(f.path, f.size);
        if (!d) {
            if (d.error().message == "cancelled") return d.error();
            report.problems.push_back({f.path, d.error().message});
            continue;
        }
        ++report.filesChecked;
        report.bytesChecked += d->size;
        if (d->size != f.size)
            report.problems.push_back({f.path, "size " + std::to_string(d->size) + ", expected " + std::to_string(f.size)});
        else if (d->checksum != f.checksum)
            report.problems.push_back({f.path, "checksum differs (corrupt)"});
    }
    for (const auto& clip : read->clips)
        if (!listed.count(clip.path))
            report.problems.push_back({clip.path, "clip of step " + clip.step + " (" + clip.profile + ") not in the file list"});

    auto js = src.readText("manifest.js", kMaxManifestBytes + 64);
    if (!js) {
        report.problems.push_back({"manifest.js", js.error().message});
    } else {
        const std::string prefix = "window.KOTSU_MANIFEST = ";
        std::string body = *js;
        bool same = false;
        if (body.rfind(prefix, 0) == 0) {
            body = body.substr(prefix.size());
            while (!body.empty() && (body.back() == '\n' || body.back() == ';')) body.pop_back();
            auto parsed = parseJson(body, "manifest.js");
            same = parsed && *parsed == read->json;
        }
        if (!same) report.problems.push_back({"manifest.js", "does not carry the same data as manifest.json"});
    }
    return report;
}

}  // namespace kotsu::package
