#pragma once
// Library level: an asset's renditions under cache/<asset id>/, recorded in the catalog.
//
//   cache/<asset id>/proxy.mp4      editor proxy (640×360, keyframe every ≤0.5 s, original sound)
//   cache/<asset id>/tablet.mp4     tablet rendition (voice + work sound tracks)
//   cache/<asset id>/glasses.mp4    glasses rendition (mono voice)
//   cache/<asset id>/thumbs/        one thumbnail per second (thumbnails.hpp), made with the proxy
//   cache/<asset id>/peaks.bin      waveform min/max per 10 ms (waveform.hpp), made with the proxy
//
// Every requested rendition comes from one decode of the original. Step boundaries of the session
// (the in and out of every step marker) become keyframes in the tablet and glasses renditions.
// An audio-only asset (role "audio" or a file without video) gets audio-only renditions and peaks.
#include <filesystem>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/library.hpp"
#include "core/model.hpp"
#include "core/progress.hpp"

namespace kotsu::transcode {

[[nodiscard]] std::filesystem::path renditionPath(const Library& lib, Id assetId, const std::string& profile);
[[nodiscard]] std::filesystem::path thumbnailsDir(const Library& lib, Id assetId);
[[nodiscard]] std::filesystem::path peaksPath(const Library& lib, Id assetId);

// "proxy,tablet" → {"proxy", "tablet"}; an unknown name is an error that lists the known ones.
[[nodiscard]] Result<std::vector<std::string>> parseProfileList(const std::string& commaSeparated);

[[nodiscard]] Result<std::vector<Rendition>> transcodeAsset(const Library& lib, catalog::Catalog& cat,
                                                            const Asset& asset,
                                                            const std::vector<std::string>& profileNames,
                                                            Progress* progress = nullptr,
                                                            const CancelToken& cancel = CancelToken::process());

}  // namespace kotsu::transcode
