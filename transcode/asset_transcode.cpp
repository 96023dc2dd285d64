#include "transcode/asset_transcode.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/files.hpp"
#include "transcode/profiles.hpp"
#include "transcode/transcoder.hpp"

namespace kotsu::transcode {

namespace fs = std::filesystem;

fs::path renditionPath(const Library& lib, Id assetId, const std::string& profile) {
    return lib.assetCacheDir(assetId) / (profile + ".mp4");
}

fs::path thumbnailsDir(const Library& lib, Id assetId) { return lib.assetCacheDir(assetId) / "thumbs"; }

fs::path peaksPath(const Library& lib, Id assetId) { return lib.assetCacheDir(assetId) / "peaks.bin"; }

Result<std::vector<std::string>> parseProfileList(const std::string& text) {
    std::vector<std::string> names;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (!name.empty()) {
            if (auto p = findProfile(name); !p) return p.error();  // unknown, or a bad profiles.conf
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (names.empty()) return Error::make("--profile", "no profile named");
    return names;
}

Result<std::vector<Rendition>> transcodeAsset(const Library& lib, catalog::Catalog& cat, const Asset& asset,
                                              const std::vector<std::string>& profileNames, Progress* progress,
                                             const CancelToken& cancel) {
    auto session = cat.session(asset.sessionId);
    if (!session) return session.error();
    auto markers = cat.markers(asset.sessionId);
    if (!markers) return markers.error();
    std::vector<Micros> boundaries;
    for (const auto& m : *markers)
        if (m.kind == MarkerKind::Step) {
            boundaries.push_back(m.in);
            boundaries.push_back(m.out);
        }
    std::sort(boundaries.begin(), boundaries.end());
    boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());

    std::vector<OutputSpec> specs;
    bool proxy = false;
    for (const auto& name : profileNames) {
        auto p = findProfile(name);
        if (!p) return Error::make(asset.originalName, "unknown profile '" + name + "'");
        OutputSpec s;
        s.profile = *p;
        s.path = renditionPath(lib, asset.id, name);
        s.language = session->language;
        if (name == "proxy") proxy = true;
        else s.forcedKeyframes = boundaries;
        specs.push_back(std::move(s));
    }
    TranscodeOptions opts;
    opts.progress = progress;
    opts.label = asset.originalName;
    opts.origin = asset.probe.timelineOrigin;
    opts.cancel = cancel;
    if (proxy) {
        opts.thumbnailsDir = thumbnailsDir(lib, asset.id);
        opts.peaksPath = peaksPath(lib, asset.id);
    }
    std::error_code ec;
    fs::create_directories(lib.assetCacheDir(asset.id), ec);
    if (ec) return Error::make(lib.assetCacheDir(asset.id).string(), "cannot create: " + ec.message());
    // A run killed outright (SIGKILL, power loss) leaves hidden temporaries (".proxy.tmp-<pid>-<n>.mp4",
    // ".thumbs.tmp-<pid>-<n>") beside the final names.
    removeStaleTempsIn(lib.assetCacheDir(asset.id));

    auto results = transcode(lib.absolute(asset.path).string(), specs, opts);
    if (!results) {
        Error e = results.error();
        // Name the file as the crew knows it as well as where it is stored.
        if (!asset.originalName.empty() && e.path.find(asset.originalName) == std::string::npos)
            e.path = asset.originalName + " (" + e.path + ")";
        return e;
    }
    std::vector<Rendition> out;
    for (size_t i = 0; i < results->size(); ++i) {
        const auto& r = (*results)[i];
        Rendition rd;
        rd.assetId = asset.id;
        rd.profile = specs[i].profile.name;
        rd.path = fs::relative(r.path, lib.root).generic_string();
        rd.width = r.width;
        rd.height = r.height;
        rd.duration = r.duration;
        rd.voice = r.voice;
        rd.workSound = r.workSound;
        KOTSU_TRY(cat.putRendition(rd));
        out.push_back(rd);
    }
    return out;
}

}  // namespace kotsu::transcode
