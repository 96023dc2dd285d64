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

Result<Args> parse(const std::vector<std::string>& argv, const OptionSpec& spec, const std::string& command) {
    Args a;
    for (size_t i = 0; i < argv.size(); ++i) {
        const auto& s = argv[i];
        if (s == "--") {
            for (++i; i < argv.size(); ++i) a.positional.push_back(argv[i]);
            break;
        }
        if (s.rfind("--", 0) == 0 && s.size() > 2) {
            std::string name = s.substr(2);
            std::optional<std::string> inlineValue;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (name == "help" || spec.boolean.count(name)) {
                if (inlineValue) return Error::make(command, "--" + name + " takes no value");
                a.flags.insert(name);
            } else if (name == "library" || spec.withValue.count(name)) {
                if (inlineValue) {
                    a.values[name] = *inlineValue;
                } else {
                    if (i + 1 >= argv.size()) return Error::make(command, "--" + name + " needs a value");
                    a.values[name] = argv[++i];
                }
            } else {
                return Error::make(command, "unknown option --" + name + " (see kotsu " + command + " --help)");
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

int fail(const Error& e) {
    std::fprintf(stderr, "kotsu: %s\n", e.what().c_str());
    return 1;
}

int fail(const std::string& message) {
    std::fprintf(stderr, "kotsu: %s\n", message.c_str());
    return 1;
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
