#include "annotate/media_files.hpp"

#if __has_include("transcode/asset_transcode.hpp")
#include "transcode/asset_transcode.hpp"
#define KOTSU_ANNOTATE_HAVE_ASSET_TRANSCODE 1
#endif
#if __has_include("transcode/waveform.hpp")
#include "transcode/waveform.hpp"
#define KOTSU_ANNOTATE_HAVE_PEAKS 1
#endif
#if __has_include("transcode/thumbnails.hpp")
#include "transcode/thumbnails.hpp"
#define KOTSU_ANNOTATE_HAVE_THUMBNAILS 1
#endif

namespace fs = std::filesystem;

namespace kotsu::annotate {

MediaFiles locateMedia(const Library& lib, catalog::Catalog& cat, const Asset& asset) {
    MediaFiles m;
    const fs::path dir = lib.assetCacheDir(asset.id);
    m.thumbsDir = dir / "thumbs";
    m.peaksPath = dir / "peaks.bin";
    if (auto rs = cat.renditions(asset.id); rs.ok()) {
        for (const auto& r : *rs) {
            std::error_code ec;
            if (r.profile == "proxy" && fs::exists(lib.absolute(r.path), ec)) {
                m.video = lib.absolute(r.path).string();
                m.isProxy = true;
                m.origin = 0;
                return m;
            }
        }
    }
    std::error_code ec;
    if (fs::exists(dir / "proxy.mp4", ec)) {
        m.video = (dir / "proxy.mp4").string();
        m.isProxy = true;
        m.origin = 0;
        return m;
    }
    if (!asset.path.empty()) m.video = lib.absolute(asset.path).string();
    m.origin = asset.probe.timelineOrigin;
    return m;
}

bool canMakeProxy() {
#ifdef KOTSU_ANNOTATE_HAVE_ASSET_TRANSCODE
    return true;
#else
    return false;
#endif
}

Status makeProxy(const Library& lib, const Asset& asset, Progress& progress, const CancelToken& cancel) {
#ifdef KOTSU_ANNOTATE_HAVE_ASSET_TRANSCODE
    // Its own connection: this runs on a background thread while the editor keeps the other one.
    auto cat = lib.openCatalog();
    if (!cat) return cat.error();
    auto r = transcode::transcodeAsset(lib, *cat, asset, {"proxy"}, &progress, cancel);
    if (!r) return r.error();
    return {};
#else
    (void)lib;
    (void)progress;
    (void)cancel;
    return Error::make(asset.originalName, "this build cannot make proxies yet (transcode::transcodeAsset)");
#endif
}

std::optional<WaveformPeaks> loadWaveform(const fs::path& peaksPath) {
#ifdef KOTSU_ANNOTATE_HAVE_PEAKS
    std::error_code ec;
    if (!fs::exists(peaksPath, ec)) return std::nullopt;
    auto p = transcode::loadPeaks(peaksPath);
    if (!p) return std::nullopt;
    WaveformPeaks w;
    w.bucket = p->bucket;
    w.min = std::move(p->min);
    w.max = std::move(p->max);
    return w;
#else
    (void)peaksPath;
    return std::nullopt;
#endif
}

std::optional<ThumbnailSet> loadThumbnailSet(const fs::path& dir) {
#ifdef KOTSU_ANNOTATE_HAVE_THUMBNAILS
    std::error_code ec;
    if (!fs::exists(dir / "index.json", ec)) return std::nullopt;
    auto idx = transcode::loadThumbnails(dir);
    if (!idx) return std::nullopt;
    ThumbnailSet t;
    t.dir = idx->dir;
    t.interval = idx->interval;
    t.width = idx->width;
    t.height = idx->height;
    for (const auto& f : idx->files) t.files.push_back(idx->dir / f);
    return t;
#else
    (void)dir;
    return std::nullopt;
#endif
}

}  // namespace kotsu::annotate
