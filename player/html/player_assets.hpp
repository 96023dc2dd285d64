#pragma once
// The HTML player's files (player/html), embedded at build time.
#include <span>
#include <string_view>

namespace kotsu::player {

struct Asset {
    std::string_view name;
    std::string_view data;
};

[[nodiscard]] std::span<const Asset> assets();

}  // namespace kotsu::player
