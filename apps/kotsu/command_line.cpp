#include "apps/kotsu/command_line.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdio>

#include "apps/kotsu/checks.hpp"

namespace kotsu::cli {

namespace {

constexpr const char* kLibraryHelp = "the library (else $KOTSU_LIBRARY, else ./kotsu-library)";

// A check failed: its message is the whole story.
class UsageProblem : public CLI::ParseError {
public:
    explicit UsageProblem(std::string message) : ParseError("UsageProblem", std::move(message), 2) {}
};

// CLI11 takes the word after a value option as its value even when it is an option (`--title --json`
// would be a title "--json"), so such a value is refused. Negative numbers ("-1.5") stay values;
// `--title=-x` cannot be told apart from `--title -x` here and is refused too.
bool looksLikeOption(const std::string& value) {
    return value.size() > 1 && value[0] == '-' && !std::isdigit(static_cast<unsigned char>(value[1])) &&
           value[1] != '.';
}

CLI::Validator validator(std::string what, Check check, bool isOption) {
    return CLI::Validator(
        [what = std::move(what), check = std::move(check), isOption](std::string& value) -> std::string {
            if (isOption && looksLikeOption(value)) throw UsageProblem(what + " needs a value (" + value + " is an option)");
            if (check)
                if (auto problem = check(what, value)) throw UsageProblem(*problem);
            return {};
        },
        "");
}

void addValueOption(CLI::App& app, const std::string& name, const std::string& valueName, const std::string& help,
                    const Check& check, bool required, bool many = false) {
    app.add_option("--" + name)
        ->description(help)
        ->type_name(valueName)
        ->multi_option_policy(many ? CLI::MultiOptionPolicy::TakeAll : CLI::MultiOptionPolicy::TakeLast)
        ->check(validator("--" + name, check, true))
        ->required(required);
}

void addArguments(CLI::App& app, const Command& spec) {
    for (const auto& p : spec.positionals) {
        auto* o = app.add_option(p.name)->description(p.help)->type_name("")->required(!p.optional)->check(validator(p.name, p.check, false));
        if (p.many) o->expected(1, CLI::detail::expected_max_vector_size)->allow_extra_args();
    }
    for (const auto& opt : spec.options) {
        if (opt.valueName.empty()) app.add_flag("--" + opt.name)->description(opt.help);
        else addValueOption(app, opt.name, opt.valueName, opt.help, opt.check, opt.required, opt.many);
    }
    addValueOption(app, "library", "DIR", kLibraryHelp, {}, false);
    for (const auto& group : spec.exclusive)
        for (size_t i = 0; i < group.size(); ++i)
            for (size_t j = i + 1; j < group.size(); ++j)
                app.get_option("--" + group[i])->excludes(app.get_option("--" + group[j]));
}

void addCommand(CLI::App& parent, const Command& spec) {
    auto* app = parent.add_subcommand(spec.name, spec.summary);
    if (!spec.details.empty()) app->footer(spec.details);
    addArguments(*app, spec);
    for (const auto& verb : spec.verbs) addCommand(*app, verb);
    if (!spec.verbs.empty()) {
        if (spec.verbOptional) app->require_subcommand(0, 1);
        else app->require_subcommand(1);
    }
}

// Fills `inv` from the parsed apps, the command's first, then its verb's.
void collect(const CLI::App& app, const Command& spec, Invocation& inv) {
    for (const auto& p : spec.positionals)
        for (const auto& v : app.get_option(p.name)->results()) inv.args.positional.push_back(v);
    for (const auto& opt : spec.options) {
        const auto* o = app.get_option("--" + opt.name);
        if (o->count() == 0) continue;
        if (opt.valueName.empty()) inv.args.flags.insert(opt.name);
        else {
            inv.args.values[opt.name] = o->results().back();
            if (opt.many) inv.args.lists[opt.name] = o->results();
        }
    }
    if (const auto* o = app.get_option("--library"); o->count() > 0) inv.library = o->results().back();
}

// "kotsu markers SESSION add": a verb follows its command's positionals.
std::string invocationOf(const CLI::App& app) {
    const auto* parent = app.get_parent();
    if (!parent) return app.get_name();
    std::string line = invocationOf(*parent);
    if (parent->get_parent())
        for (const auto* p : parent->get_options([](const CLI::Option* o) { return o->get_positional(); }))
            line += " " + p->get_name();
    return line + " " + app.get_name();
}

// CLI11's usage line would say "kotsu markers add", without the SESSION before the verb.
class UsageWithVerbs : public CLI::Formatter {
public:
    std::string make_usage(const CLI::App* app, std::string) const override {
        return CLI::Formatter::make_usage(app, invocationOf(*app));
    }
};

// How far the parse got: "markers add" and the app.
struct Where {
    std::string name;
    const CLI::App* app = nullptr;
};

Where whereParsing(const CLI::App& root) {
    Where w{.app = &root};
    for (auto subs = root.get_subcommands(); !subs.empty(); subs = subs.front()->get_subcommands()) {
        w.app = subs.front();
        w.name += (w.name.empty() ? "" : " ") + w.app->get_name();
    }
    return w;
}

std::string verbList(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* verb : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(verb->get_name());
    return checks::alternatives(names);
}

std::string problemOf(const CLI::ParseError& e, const CLI::App& root, const Where& w) {
    auto extras = root.remaining(true);
    const bool wantsVerb = w.app->get_require_subcommand_min() > 0 && w.app->get_subcommands().empty();
    if (wantsVerb && dynamic_cast<const CLI::RequiredError*>(&e)) {
        if (!extras.empty() && extras.front()[0] != '-')
            return "unknown action '" + extras.front() + "' (" + verbList(*w.app) + ")";
        return "give an action: " + verbList(*w.app);
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e) && !extras.empty()) {
        if (extras.front()[0] == '-') return "unknown option " + extras.front();
        if (w.app == &root) return "unknown command '" + extras.front() + "'";
        return "unexpected argument '" + extras.front() + "'";
    }
    std::string message = e.what();
    // CLI11 says "--json excludes --csv".
    if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
        auto at = message.find(" excludes ");
        if (at != std::string::npos) return message.substr(0, at) + " or " + message.substr(at + 10) + ", not both";
    }
    // CLI11 says "--title: 1 required TEXT missing" when the line ends after a value option.
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && message.ends_with(" missing"))
        return message.substr(0, message.find(':')) + " needs a value";
    return message;
}

Invocation invocationFrom(const CLI::App& root, const CLI::App& chosen, const std::vector<Command>& commands) {
    Invocation inv;
    if (const auto* o = root.get_option("--library"); o->count() > 0) inv.library = o->results().back();
    for (const auto& c : commands) {
        if (c.name != chosen.get_name()) continue;
        inv.command = &c;
        collect(chosen, c, inv);
        for (const auto* verbApp : chosen.get_subcommands())
            for (const auto& verb : c.verbs)
                if (verb.name == verbApp->get_name()) {
                    inv.args.positional.push_back(verb.name);
                    collect(*verbApp, verb, inv);
                }
    }
    return inv;
}

}  // namespace

Parsed parseCommandLine(const std::vector<Command>& commands, const std::vector<std::string>& argv) {
    CLI::App root{"kotsu — turn recordings of veteran workers into step-by-step training video", "kotsu"};
    root.formatter(std::make_shared<UsageWithVerbs>());  // before the subcommands, which copy it
    root.require_subcommand(0, 1);
    root.footer("SESSION is a session's title or id; times are seconds (12.5) or HH:MM:SS.mmm.\n"
                "Every command takes --library DIR (else $KOTSU_LIBRARY, else ./kotsu-library) and --help.");
    auto* version = root.add_flag("--version")->description("print the version");
    addValueOption(root, "library", "DIR", kLibraryHelp, {}, false);
    for (const auto& c : commands) addCommand(root, c);

    std::vector<std::string> reversed(argv.rbegin(), argv.rend());  // CLI11 pops its arguments off the back
    if (!argv.empty() && argv[0] == "help") reversed.back() = "--help";  // `kotsu help`, as before
    try {
        root.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::fputs(root.help().c_str(), stdout);
        return {.exitCode = 0};
    } catch (const CLI::ParseError& e) {
        auto w = whereParsing(root);
        std::fprintf(stderr, "kotsu: %s%s%s; see '%s --help'\n", w.name.c_str(), w.name.empty() ? "" : ": ",
                     problemOf(e, root, w).c_str(), invocationOf(*w.app).c_str());
        return {.exitCode = 2};
    }
    if (version->count() > 0) {
        std::printf("kotsu %s\n", KOTSU_VERSION);
        return {.exitCode = 0};
    }
    auto chosen = root.get_subcommands();
    if (chosen.empty()) {
        std::fputs(root.help().c_str(), stdout);
        return {.exitCode = 2};
    }
    return {.invocation = invocationFrom(root, *chosen.front(), commands)};
}

}  // namespace kotsu::cli
