#include "core/asset_file.hpp"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace kotsu::assets {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string joined(std::span<const std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

}  // namespace

std::string_view builtIn(std::string_view name) {
    for (const auto& a : embedded())
        if (a.name == name) return a.data;
    return {};
}

std::vector<fs::path> userFiles(std::string_view name) {
    std::vector<fs::path> dirs;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) dirs.push_back(fs::path(xdg) / "kotsu");
    else if (const char* home = std::getenv("HOME"); home && *home) dirs.push_back(fs::path(home) / ".config/kotsu");
    if (const char* lib = std::getenv("KOTSU_LIBRARY"); lib && *lib) dirs.emplace_back(lib);
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& d : dirs)
        if (fs::is_regular_file(d / name, ec)) out.push_back(d / name);
    return out;
}

Error ConfFile::error(int line, const std::string& message) const {
    return Error::make(path + ":" + std::to_string(line), message);
}

Result<ConfFile> parseConf(std::string_view text, std::string path) {
    ConfFile f;
    f.path = std::move(path);
    f.sections.push_back({"", 0, {}});
    int line = 0;
    while (!text.empty()) {
        ++line;
        size_t nl = text.find('\n');
        std::string_view raw = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (raw.empty() || raw.front() == '#') continue;
        if (raw.front() == '[') {
            if (raw.back() != ']' || trim(raw.substr(1, raw.size() - 2)).empty())
                return f.error(line, "a section is written [name]");
            std::string name(trim(raw.substr(1, raw.size() - 2)));
            for (const auto& s : f.sections)
                if (s.name == name) return f.error(line, "section [" + name + "] again (first on line " + std::to_string(s.line) + ")");
            f.sections.push_back({name, line, {}});
            continue;
        }
        size_t eq = raw.find('=');
        if (eq == std::string_view::npos || trim(raw.substr(0, eq)).empty())
            return f.error(line, "expected 'key = value', got '" + std::string(raw) + "'");
        std::string_view value = trim(raw.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        ConfEntry e{std::string(trim(raw.substr(0, eq))), std::string(value), line};
        auto& entries = f.sections.back().entries;
        for (const auto& o : entries)
            if (o.key == e.key) return f.error(line, "'" + e.key + "' again (first on line " + std::to_string(o.line) + ")");
        entries.push_back(std::move(e));
    }
    return f;
}

Result<std::vector<ConfFile>> loadConf(std::string_view name) {
    std::vector<ConfFile> files;
    if (auto text = builtIn(name); !text.empty()) {
        auto f = parseConf(text, "assets/" + std::string(name) + " (built in)");
        if (!f) return f.error();
        files.push_back(std::move(*f));
    }
    for (const auto& p : userFiles(name)) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) return Error::make(p.string(), "cannot read");
        auto f = parseConf(text.str(), p.string());
        if (!f) return f.error();
        files.push_back(std::move(*f));
    }
    return files;
}

Result<int> toInt(const ConfFile& f, const ConfEntry& e, int min, int max) {
    int v = 0;
    auto [end, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (ec != std::errc() || end != e.value.data() + e.value.size() || e.value.empty())
        return f.error(e.line, e.key + ": '" + e.value + "' is not a whole number");
    if (v < min || v > max)
        return f.error(e.line, e.key + ": " + e.value + " is outside " + std::to_string(min) + "…" + std::to_string(max));
    return v;
}

Result<double> toNumber(const ConfFile& f, const ConfEntry& e, double min, double max) {
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(e.value.c_str(), &end);
    if (e.value.empty() || *end != '\0' || errno != 0) return f.error(e.line, e.key + ": '" + e.value + "' is not a number");
    if (v < min || v > max) {
        std::ostringstream range;
        range << min << "…" << max;
        return f.error(e.line, e.key + ": " + e.value + " is outside " + range.str());
    }
    return v;
}

Result<bool> toBool(const ConfFile& f, const ConfEntry& e) {
    if (e.value == "yes" || e.value == "true" || e.value == "on") return true;
    if (e.value == "no" || e.value == "false" || e.value == "off") return false;
    return f.error(e.line, e.key + ": '" + e.value + "' is not yes or no");
}

Result<std::string> toChoice(const ConfFile& f, const ConfEntry& e, std::span<const std::string_view> allowed) {
    for (auto a : allowed)
        if (a == e.value) return e.value;
    return f.error(e.line, e.key + ": '" + e.value + "' is not one of " + joined(allowed));
}

Result<std::string> toColour(const ConfFile& f, const ConfEntry& e) {
    const auto& v = e.value;
    bool ok = v.size() == 7 && v[0] == '#';
    for (size_t i = 1; ok && i < v.size(); ++i) ok = std::isxdigit(static_cast<unsigned char>(v[i])) != 0;
    if (!ok) return f.error(e.line, e.key + ": '" + v + "' is not a colour #RRGGBB");
    std::string rgb = v.substr(1);
    for (auto& c : rgb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return rgb;
}

}  // namespace kotsu::assets
