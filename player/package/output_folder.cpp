#include "player/package/output_folder.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/files.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

namespace {

fs::path normalised(const fs::path& p) {
    std::error_code ec;
    auto abs = fs::absolute(p, ec);
    if (ec) abs = p;
    auto n = fs::weakly_canonical(abs, ec);  // resolves "..", "." and symlinks of the part that exists
    if (ec) n = abs.lexically_normal();
    auto s = n.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

// `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
    auto rel = inner.lexically_relative(outer);
    return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

fs::path defaultOutputFolder(const Library& lib, std::string_view sessionTitle) {
    return lib.root / "packages" / folderNameFor(sessionTitle);
}

bool isKotsuPackage(const fs::path& dir) {
    auto text = readFile(dir / "manifest.json");
    if (!text) return false;
    auto m = nlohmann::json::parse(*text, nullptr, false);
    return m.is_object() && m.contains("format") && m["format"] == "kotsu.package";
}

Result<fs::path> resolveOutputFolder(const Library& lib, const fs::path& out) {
    if (out.empty()) return Error::make("--out", "no output folder given");
    const auto dir = normalised(out);
    const auto named = out.string();
    auto refuse = [&](const std::string& why) { return Error::make(named, why + "; name a new folder for the package"); };
    if (dir == dir.root_path()) return refuse("is the root folder");
    std::error_code ec;
    if (auto cwd = fs::current_path(ec); !ec && within(normalised(cwd), dir))
        return refuse("is the current folder or holds it");
    if (const char* home = std::getenv("HOME"); home && *home && within(normalised(home), dir))
        return refuse("is the home folder or holds it");
    const auto root = normalised(lib.root);
    if (within(root, dir)) return refuse("is the library folder or holds it");
    if (within(dir, normalised(lib.mediaDir())) || within(dir, normalised(lib.cacheDir())))
        return refuse("is inside the library's own media or cache folder");
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) return refuse("exists and is not a folder");
    if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && !isKotsuPackage(dir))
        return refuse("is a folder that is not a kotsu package and would be replaced whole");
    return dir;
}

}  // namespace kotsu::package
