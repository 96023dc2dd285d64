#include "field/serve/site_files.hpp"

#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

namespace kotsu::field {

namespace fs = std::filesystem;

Result<std::vector<ServedPackage>> servedPackages(catalog::Catalog& cat) {
    auto rows = cat.packages();
    if (!rows) return rows.error();
    std::vector<ServedPackage> out;
    std::set<std::string> seen;
    for (const auto& p : *rows) {
        std::error_code ec;
        auto folder = fs::weakly_canonical(fs::path(p.path), ec);
        if (ec || !seen.insert(folder.string()).second) continue;
        if (!fs::is_regular_file(folder / "manifest.json", ec)) continue;
        auto s = cat.session(p.sessionId);
        out.push_back({p.id, s ? s->title : folder.filename().string(), folder, p.createdAt});
    }
    return out;
}

std::optional<fs::path> resolvePackageFile(const fs::path& folder, const std::string& relative) {
    if (relative.empty() || relative.size() > 1024 || relative.front() == '/') return std::nullopt;
    if (relative.find('\\') != std::string::npos || relative.find('\0') != std::string::npos) return std::nullopt;
    fs::path at = folder;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(folder, ec))) return std::nullopt;
    size_t start = 0;
    while (start <= relative.size()) {
        auto slash = relative.find('/', start);
        auto part = relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        // no "", ".", "..", hidden files (a temporary, .git), no colon games
        if (part.empty() || part.front() == '.' || part.find(':') != std::string::npos) return std::nullopt;
        at /= part;
        auto st = fs::symlink_status(at, ec);
        if (ec || fs::is_symlink(st)) return std::nullopt;
        bool last = slash == std::string::npos;
        if (last ? !fs::is_regular_file(st) : !fs::is_directory(st)) return std::nullopt;
        if (last) break;
        start = slash + 1;
    }
    return at;
}

std::string contentTypeFor(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
        {".vtt", "text/vtt; charset=utf-8"},   {".mp4", "video/mp4"},
        {".m4a", "audio/mp4"},                 {".jpg", "image/jpeg"},
        {".png", "image/png"},                 {".webp", "image/webp"},
        {".svg", "image/svg+xml"},             {".sqlite", "application/vnd.sqlite3"},
        {".zip", "application/zip"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string indexPage(const std::vector<ServedPackage>& packages) {
    std::string h =
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>kotsu — packages 教材</title><style>body{font:18px system-ui,sans-serif;margin:1.5em;background:#111;color:#eee}"
        "a{color:#8cf;display:block;padding:.7em 0;font-size:1.2em}small{color:#aaa}</style></head><body>"
        "<h1>kotsu — packages 教材</h1>";
    if (packages.empty()) h += "<p>No packages yet. 教材がありません (kotsu package SESSION --out DIR)</p>";
    h += "<ul>";
    for (const auto& p : packages) {
        h += "<li><a href=\"/p/" + std::to_string(p.id) + "/index.html\">" + markupEscape(p.title) + "</a><small>" +
             markupEscape(p.created) + "</small></li>";
    }
    return h + "</ul></body></html>\n";
}

std::string siteScript(const std::string& token) {
    nlohmann::json site{{"endpoint", "/xapi/statements"}, {"token", token}};
    return "window.KOTSU_SITE = " + site.dump() + ";\n";
}

Result<std::string> siteToken(catalog::Catalog& cat) {
    auto have = cat.siteSetting("serve-token");
    if (!have) return have.error();
    if (*have && (*have)->size() == 32) return **have;
    std::random_device rd;
    static constexpr char hex[] = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rd() & 15];
    KOTSU_TRY(cat.setSiteSetting("serve-token", t));
    return t;
}

}  // namespace kotsu::field
