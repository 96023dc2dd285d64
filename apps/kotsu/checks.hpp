#pragma once
// Checks on option and positional values, run while the command line is parsed so that a malformed
// number or time is a usage error (exit 2) before any file is touched. Whether a value makes sense
// for the data (a marker inside the media, a session that exists) stays with the modules.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "apps/kotsu/cli.hpp"

namespace kotsu::cli::checks {

// Seconds ("12.5") or HH:MM:SS.mmm, as core's parseTime reads them.
[[nodiscard]] Check time();
// All digits (no sign, no suffix: "12abc" is refused), within [min, max].
[[nodiscard]] Check wholeNumber(long long min, long long max);
[[nodiscard]] Check wholeNumber();
// WIDTHxHEIGHT, both even, from 160x90 to 3840x2160.
[[nodiscard]] Check frameSize();
// "a, b or c", as the messages list what is accepted.
[[nodiscard]] std::string alternatives(const std::vector<std::string>& words);

// One of the words in `accepted`.
[[nodiscard]] Check oneOf(std::vector<std::string> accepted);
// `ok(value)` says; `accepted` lists the values for the message ("step, knack, safety or tag").
[[nodiscard]] Check matching(std::function<bool(const std::string&)> ok, std::string accepted);
// A module's own parser says (a list of detectors or profiles): `parse(value)` returns a Result whose
// error, which names the option already ("--profile: unknown profile 'x'"), is the message.
template <class Parse>
[[nodiscard]] Check parsedBy(Parse parse) {
    return [parse](const std::string&, const std::string& value) -> std::optional<std::string> {
        auto parsed = parse(value);
        if (parsed) return std::nullopt;
        return parsed.error().what();
    };
}

}  // namespace kotsu::cli::checks
