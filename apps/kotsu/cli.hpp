#pragma once
// The kotsu command line: option parsing and the command table. Commands are thin: they parse,
// call module functions, and print. Every command takes --library DIR and --help.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::cli {

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // --name value
    std::set<std::string> flags;                // --name (boolean)

    [[nodiscard]] bool has(const std::string& name) const { return flags.count(name) || values.count(name); }
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
    [[nodiscard]] std::string valueOr(const std::string& name, const std::string& def) const;
};

struct OptionSpec {
    std::set<std::string> withValue;  // options taking a value (besides --library)
    std::set<std::string> boolean;    // options without one (besides --help)
};

// Parses argv after the command name. Unknown options and missing values are errors.
[[nodiscard]] Result<Args> parse(const std::vector<std::string>& argv, const OptionSpec& spec,
                                 const std::string& command);

struct Command {
    std::string name;
    std::string summary;
    std::string usage;  // shown by --help
    OptionSpec options;
    std::function<int(const Args&, const Library&)> run;
};

// Prints "kotsu: <error>" on stderr and returns the exit code for failures.
int fail(const Error& e);
int fail(const std::string& message);
// Opens the library's catalog or prints why not.
std::optional<catalog::Catalog> openCatalogOrFail(const Library& lib);
// Resolves a SESSION argument (title or id) or prints why not.
std::optional<Session> findSessionOrFail(catalog::Catalog& cat, const std::string& titleOrId);

// The command groups, each in its own file.
std::vector<Command> libraryCommands();   // init, sessions, show, search
std::vector<Command> ingestCommands();    // ingest
std::vector<Command> transcodeCommands(); // transcode
std::vector<Command> markerCommands();    // markers, captions
std::vector<Command> packageCommands();   // package, verify, demo
std::vector<Command> suggestCommands();   // suggest

}  // namespace kotsu::cli
