#include "apps/kotsu/checks.hpp"

#include <algorithm>
#include <charconv>

#include "core/time.hpp"

namespace kotsu::cli::checks {

namespace {

std::optional<long long> digits(const std::string& text) {
    long long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || text[0] == '-' || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::string quoted(const std::string& what, const std::string& value) { return what + " '" + value + "'"; }

}  // namespace

Check time() {
    return [](const std::string& what, const std::string& value) -> std::optional<std::string> {
        if (parseTime(value)) return std::nullopt;
        return quoted(what, value) + " is not a time (seconds or HH:MM:SS.mmm)";
    };
}

Check wholeNumber(long long min, long long max) {
    return [min, max](const std::string& what, const std::string& value) -> std::optional<std::string> {
        auto n = digits(value);
        if (n && *n >= min && *n <= max) return std::nullopt;
        return quoted(what, value) + " is not a whole number from " + std::to_string(min) + " to " +
               std::to_string(max);
    };
}

Check wholeNumber() {
    return [](const std::string& what, const std::string& value) -> std::optional<std::string> {
        if (digits(value)) return std::nullopt;
        return quoted(what, value) + " is not a whole number";
    };
}

Check frameSize() {
    return [](const std::string& what, const std::string& value) -> std::optional<std::string> {
        auto x = value.find('x');
        auto w = digits(value.substr(0, x)), h = x == std::string::npos ? std::nullopt : digits(value.substr(x + 1));
        if (w && h && *w >= 160 && *h >= 90 && *w <= 3840 && *h <= 2160 && *w % 2 == 0 && *h % 2 == 0)
            return std::nullopt;
        return quoted(what, value) + " must look like 1920x1080 (even numbers, 160x90 to 3840x2160)";
    };
}

std::string alternatives(const std::vector<std::string>& words) {
    std::string list;
    for (size_t i = 0; i < words.size(); ++i) list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    return list;
}

Check oneOf(std::vector<std::string> accepted) {
    auto list = alternatives(accepted);
    return matching(
        [accepted](const std::string& v) { return std::find(accepted.begin(), accepted.end(), v) != accepted.end(); },
        list);
}

Check matching(std::function<bool(const std::string&)> ok, std::string accepted) {
    return [ok = std::move(ok), accepted = std::move(accepted)](const std::string& what,
                                                                const std::string& value) -> std::optional<std::string> {
        if (ok(value)) return std::nullopt;
        return "unknown " + quoted(what, value) + " (" + accepted + ")";
    };
}

}  // namespace kotsu::cli::checks
