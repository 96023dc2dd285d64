#pragma once
// The user's asset folders pointed at a scratch folder, for tests of files that override assets/.
#include <filesystem>
#include <optional>
#include <string>

#include "tests/support/test_support.hpp"

namespace kotsu::test {

// $XDG_CONFIG_HOME (so ~/.config/kotsu) is a fresh scratch folder and $KOTSU_LIBRARY is unset for
// the test's lifetime; both are put back afterwards.
class UserAssets {
public:
    explicit UserAssets(const std::string& name);
    ~UserAssets();
    UserAssets(const UserAssets&) = delete;
    UserAssets& operator=(const UserAssets&) = delete;
    // Writes `text` to the user's file `name` (e.g. "profiles.conf"); returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    ScratchDir dir_;
    std::optional<std::string> xdg_, library_;
};

}  // namespace kotsu::test
