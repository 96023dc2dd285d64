#pragma once
// The HTML player's files (player/html), embedded at build time.
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kotsu::player {

struct Asset {
    std::string_view name;
    std::string_view data;
};

[[nodiscard]] std::span<const Asset> assets();

// The player's files as a package carries them (name, contents): keymap.json, the key bindings as
// data, goes in as keymap.js, because a page opened from file:// cannot fetch but can load a script.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> packageFiles();

}  // namespace kotsu::player
