#pragma once
// Where the editor finds its media: the asset's proxy (cache/<asset id>/proxy.mp4, a rendition of
// profile "proxy" in the catalog), the thumbnails and waveform peaks made beside it; and how the
// proxy is made when it is missing (transcode/, run as a BackgroundJob by the UI).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/library.hpp"
#include "core/progress.hpp"

namespace kotsu::annotate {

struct MediaFiles {
    std::string video;          // what the viewer plays: the proxy, else the original
    bool isProxy = false;
    // File time of session time 0 in `video`: 0 for the proxy (made with its first picture at 0), the
    // asset's probed origin for the original (unset for assets ingested before it was stored).
    std::optional<Micros> origin;
    std::filesystem::path thumbsDir;   // cache/<asset id>/thumbs (may not exist)
    std::filesystem::path peaksPath;   // cache/<asset id>/peaks.bin (may not exist)
};

[[nodiscard]] MediaFiles locateMedia(const Library& lib, catalog::Catalog& cat, const Asset& asset);
// True when this build can make proxies (transcode::transcodeAsset is there).
[[nodiscard]] bool canMakeProxy();
// Makes the proxy, thumbnails and peaks (blocking; call it from a BackgroundJob).
[[nodiscard]] Status makeProxy(const Library& lib, const Asset& asset, Progress& progress,
                               const CancelToken& cancel);

// Waveform peaks for the audio lane: min/max per bucket, mono, full scale ±32767.
struct WaveformPeaks {
    Micros bucket = 10000;
    std::vector<std::int16_t> min, max;
    [[nodiscard]] bool empty() const { return min.empty(); }
};
[[nodiscard]] std::optional<WaveformPeaks> loadWaveform(const std::filesystem::path& peaksPath);

// Thumbnails for the picture lane: one image every `interval`.
struct ThumbnailSet {
    std::filesystem::path dir;
    Micros interval = 1'000'000;
    int width = 160, height = 90;
    std::vector<std::filesystem::path> files;  // file i shows t = i · interval
    [[nodiscard]] bool empty() const { return files.empty(); }
};
[[nodiscard]] std::optional<ThumbnailSet> loadThumbnailSet(const std::filesystem::path& dir);

}  // namespace kotsu::annotate
