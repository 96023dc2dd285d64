#include "core/library.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace kotsu {

Library Library::locate(const std::optional<std::string>& flag) {
    if (flag && !flag->empty()) return Library{fs::absolute(*flag)};
    if (const char* env = std::getenv("KOTSU_LIBRARY"); env && *env) return Library{fs::absolute(env)};
    return Library{fs::absolute("kotsu-library")};
}

Result<Library> Library::init(const fs::path& root) {
    Library lib{fs::absolute(root)};
    std::error_code ec;
    if (fs::exists(lib.root, ec) && !fs::is_directory(lib.root, ec))
        return Error::make(lib.root.string(), "exists and is not a folder");
    for (const auto& d : {lib.root, lib.mediaDir(), lib.cacheDir()}) {
        fs::create_directories(d, ec);
        if (ec) return Error::make(d.string(), "cannot create: " + ec.message());
    }
    auto cat = catalog::Catalog::open(lib.catalogPath().string(), true);
    if (!cat) return cat.error();
    return lib;
}

Result<catalog::Catalog> Library::openCatalog() const {
    if (!fs::exists(catalogPath()))
        return Error::make(root.string(), "no kotsu library here (run `kotsu init` first, or pass --library DIR)");
    return catalog::Catalog::open(catalogPath().string(), false);
}

}  // namespace kotsu
