#pragma once
// The library on disk: catalog.db, media/ (originals), cache/ (rebuildable).
#include <filesystem>
#include <optional>
#include <string>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu {

struct Library {
    std::filesystem::path root;

    [[nodiscard]] std::filesystem::path catalogPath() const { return root / "catalog.db"; }
    [[nodiscard]] std::filesystem::path mediaDir() const { return root / "media"; }
    [[nodiscard]] std::filesystem::path cacheDir() const { return root / "cache"; }
    // cache/<asset id>/ holds an asset's proxy, renditions, thumbnails and waveform peaks.
    [[nodiscard]] std::filesystem::path assetCacheDir(std::int64_t assetId) const {
        return cacheDir() / std::to_string(assetId);
    }
    [[nodiscard]] std::filesystem::path absolute(const std::string& relative) const { return root / relative; }

    // --library DIR, else $KOTSU_LIBRARY, else ./kotsu-library
    static Library locate(const std::optional<std::string>& flag);
    // Creates the folders and the catalog (idempotent).
    [[nodiscard]] static Result<Library> init(const std::filesystem::path& root);
    // Opens an existing library's catalog.
    [[nodiscard]] Result<catalog::Catalog> openCatalog() const;
};

}  // namespace kotsu
