#pragma once
// What `kotsu serve` may hand out, decided without HTTP: the packages of the library (recorded by
// `kotsu package`, folder still there with its manifest), a request path resolved to a regular file
// inside one package (no "..", no hidden names, no symlink anywhere on the way, no folder), the
// index page, the site script with the write token, and the token itself.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::field {

struct ServedPackage {
    Id id = 0;  // packages.id: the URL is /p/<id>/
    std::string title;
    std::filesystem::path folder;
    std::string created;
};

// The newest record of each package folder that still holds a manifest.json, newest first.
[[nodiscard]] Result<std::vector<ServedPackage>> servedPackages(catalog::Catalog& cat);
// The file a request names inside a package, or nothing (refused or missing: both answer 404).
[[nodiscard]] std::optional<std::filesystem::path> resolvePackageFile(const std::filesystem::path& folder,
                                                                      const std::string& relative);
// text/html; charset=utf-8, video/mp4, … by extension; application/octet-stream otherwise.
[[nodiscard]] std::string contentTypeFor(const std::filesystem::path& file);
[[nodiscard]] std::string indexPage(const std::vector<ServedPackage>& packages);
// The package's site.js as served: where statements go and the token that lets them in.
[[nodiscard]] std::string siteScript(const std::string& token);
// The site's write token (catalog site setting "serve-token"), made on first use: 32 random hex digits.
[[nodiscard]] Result<std::string> siteToken(catalog::Catalog& cat);

}  // namespace kotsu::field
