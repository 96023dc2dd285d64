#include "player/package/package_zip.hpp"

#include <zip.h>

#include <algorithm>
#include <vector>

#include "core/files.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

Status writeZip(const fs::path& folder, const fs::path& zipPath) {
    TempPath tmp(zipPath);
    int err = 0;
    zip_t* z = zip_open(tmp.temp().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) return Error::make(zipPath.string(), "cannot create the zip (libzip error " + std::to_string(err) + ")");
    std::vector<fs::path> files;
    for (auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto rel = fs::relative(f, folder).generic_string();
        if (rel.rfind("work/", 0) == 0) continue;
        zip_source_t* src = zip_source_file(z, f.c_str(), 0, -1)  /* -1: to the end */;
        if (!src) {
            zip_discard(z);
            return Error::make(f.string(), "cannot add to the zip");
        }
        zip_int64_t idx = zip_file_add(z, rel.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(src);
            zip_discard(z);
            return Error::make(f.string(), "cannot add to the zip");
        }
        // Video is already compressed: store it, so players can read clips without inflating.
        if (f.extension() == ".mp4" || f.extension() == ".jpg") zip_set_file_compression(z, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) {
        std::string msg = zip_strerror(z);
        zip_discard(z);
        return Error::make(zipPath.string(), "cannot write the zip: " + msg);
    }
    return tmp.commit();
}

}  // namespace kotsu::package
