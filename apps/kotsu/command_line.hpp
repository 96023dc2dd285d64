#pragma once
// Parses argv against the command descriptions with CLI11. Options may come before or after the
// command (`kotsu --library L sessions`, `kotsu sessions --library L`); a value option never takes a
// following option as its value; extra positionals, unknown options and malformed values are usage
// errors: one line on stderr naming the problem and the --help to read, exit 2.
#include <optional>
#include <vector>

#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

struct Invocation {
    const Command* command = nullptr;
    Args args;
    std::optional<std::string> library;  // --library, wherever it was given
};

// The command to run, or the exit code when there is nothing to run (help or the version printed: 0,
// a usage error printed: 2).
struct Parsed {
    std::optional<Invocation> invocation;
    int exitCode = 0;
};

[[nodiscard]] Parsed parseCommandLine(const std::vector<Command>& commands, const std::vector<std::string>& argv);

}  // namespace kotsu::cli
