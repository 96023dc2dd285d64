#pragma once
// The kotsu command line: each command is described as data (its positionals, options and verbs) and
// command_line.cpp turns the descriptions into a CLI11 parser. Commands are thin: they read Args, call
// module functions, and print. Every command and verb takes --library DIR and --help.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::cli {

// A parsed command line, checked: the positionals in order (a verb among them, `markers SESSION add`),
// the values of value options and the flags given.
struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;  // --name value (the last one given)
    std::map<std::string, std::vector<std::string>> lists;  // every value of a repeatable option, in order
    std::set<std::string> flags;                // --name (boolean)

    [[nodiscard]] bool has(const std::string& name) const { return flags.count(name) || values.count(name); }
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
    [[nodiscard]] std::string valueOr(const std::string& name, const std::string& def) const;
};

// What is wrong with VALUE given to WHAT (an option like "--in" or a positional like "ID"), or
// nothing when it is fine. A problem is a usage error (exit 2).
using Check = std::function<std::optional<std::string>(const std::string& what, const std::string& value)>;

struct Option {
    std::string name;       // "title" for --title
    std::string valueName;  // "TIME"; empty for a flag
    std::string help;
    Check check{};
    bool required = false;
    bool many = false;      // may be given more than once (--device A --device B): Args::lists
};

struct Positional {
    std::string name;  // "SESSION", as help and errors show it
    std::string help;
    bool many = false;  // one or more (FILE…, WORDS…)
    bool optional = false;  // may be left out (`story new` before any STORY, `kotsu followup` alone)
    Check check{};
};

struct Command {
    std::string name;
    std::string summary;
    std::vector<Positional> positionals;
    std::vector<Option> options;
    // `markers SESSION add …`: exactly one verb follows the positionals and reaches `run` as the next
    // positional, followed by its own positionals; its options join the command's.
    std::vector<Command> verbs;
    std::function<int(const Args&, const Library&)> run;  // empty on verbs
    std::string details;                                   // a paragraph for --help
    // The command may also be given without a verb (`kotsu capture --device …` beside `kotsu capture devices`).
    bool verbOptional = false;
    // Options that may not be given together: each group names options (without "--") of which at most
    // one may be given (`{"json", "csv"}`); two of a group is a usage error (exit 2).
    std::vector<std::vector<std::string>> exclusive{};
};

// The options and positionals most commands share.
[[nodiscard]] Option jsonFlag();
[[nodiscard]] Positional sessionArg();

// Prints "kotsu: <error>" on stderr and returns the exit code for failures.
int fail(const Error& e);
int fail(const std::string& message);
// A usage error found by a command itself (a word the descriptions cannot check): prints
// "kotsu: COMMAND: PROBLEM; see 'kotsu COMMAND --help'" on stderr and returns 2.
int usage(const std::string& command, const std::string& problem);
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
std::vector<Command> captureCommands();   // capture (devices, recover), tag
std::vector<Command> storyCommands();     // story
std::vector<Command> fieldCommands();     // serve, records, followup

}  // namespace kotsu::cli
