#include "tests/support/user_assets.hpp"

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace kotsu::test {

namespace {

std::optional<std::string> getenvOpt(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string>(v) : std::nullopt;
}

void restoreEnv(const char* name, const std::optional<std::string>& v) {
    if (v) ::setenv(name, v->c_str(), 1);
    else ::unsetenv(name);
}

}  // namespace

UserAssets::UserAssets(const std::string& name)
    : dir_(name), xdg_(getenvOpt("XDG_CONFIG_HOME")), library_(getenvOpt("KOTSU_LIBRARY")) {
    fs::create_directories(dir_ / "config/kotsu");
    ::setenv("XDG_CONFIG_HOME", (dir_ / "config").c_str(), 1);
    ::unsetenv("KOTSU_LIBRARY");
}

UserAssets::~UserAssets() {
    restoreEnv("XDG_CONFIG_HOME", xdg_);
    restoreEnv("KOTSU_LIBRARY", library_);
}

fs::path UserAssets::write(const std::string& name, const std::string& text) const {
    auto path = dir_ / "config/kotsu" / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace kotsu::test
