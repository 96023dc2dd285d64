#include "apps/kotsu/cli.hpp"

#include <cstdio>

namespace kotsu::cli {

std::optional<std::string> Args::value(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::string Args::valueOr(const std::string& name, const std::string& def) const {
    auto v = value(name);
    return v ? *v : def;
}

Option jsonFlag() { return {"json", "", "print JSON on stdout instead of text"}; }

Positional sessionArg() { return {"SESSION", "the session's title or id"}; }

int fail(const Error& e) {
    std::fprintf(stderr, "kotsu: %s\n", e.what().c_str());
    return 1;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "kotsu: %s\n", message.c_str());
    return 1;
}

int usage(const std::string& command, const std::string& problem) {
    std::fprintf(stderr, "kotsu: %s: %s; see 'kotsu %s --help'\n", command.c_str(), problem.c_str(), command.c_str());
    return 2;
}

std::optional<catalog::Catalog> openCatalogOrFail(const Library& lib) {
    auto cat = lib.openCatalog();
    if (!cat) {
        fail(cat.error());
        return std::nullopt;
    }
    return std::move(cat).value();
}

std::optional<Session> findSessionOrFail(catalog::Catalog& cat, const std::string& titleOrId) {
    auto s = cat.findSession(titleOrId);
    if (!s) {
        fail(s.error());
        return std::nullopt;
    }
    if (!s.value()) {
        fail("session '" + titleOrId + "': no such session (see `kotsu sessions`)");
        return std::nullopt;
    }
    return *s.value();
}

}  // namespace kotsu::cli
