#pragma once
// Small text helpers shared by the exchange formats and the command line.
#include <string>
#include <string_view>
#include <vector>

namespace kotsu {

// "a, b,,c" → {"a", "b", "c"}: split on `sep`, trim blanks, drop empty items.
[[nodiscard]] std::vector<std::string> splitList(std::string_view s, char sep = ',');
// {"a", "b"} → "a<sep>b"
[[nodiscard]] std::string joinList(const std::vector<std::string>& items, std::string_view sep = ",");

}  // namespace kotsu
