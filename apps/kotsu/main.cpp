// kotsu: the command line. Parses, dispatches, prints — the work happens in the modules.
#include <cstdio>
#include <string>
#include <vector>

#include "apps/kotsu/cli.hpp"
#include "core/av/log.hpp"
#include "core/progress.hpp"

using namespace kotsu;

namespace {

std::vector<cli::Command> allCommands() {
    std::vector<cli::Command> all;
    for (auto group : {cli::libraryCommands, cli::ingestCommands, cli::transcodeCommands, cli::markerCommands,
                       cli::packageCommands, cli::suggestCommands})
        for (auto& c : group()) all.push_back(std::move(c));
    return all;
}

void printUsage(const std::vector<cli::Command>& cmds) {
    std::printf("kotsu — turn recordings of veteran workers into step-by-step training video\n\n");
    std::printf("usage: kotsu COMMAND [options]   (every command takes --library DIR and --help)\n\n");
    for (const auto& c : cmds) std::printf("  %-10s %s\n", c.name.c_str(), c.summary.c_str());
    std::printf("\nThe library is --library DIR, else $KOTSU_LIBRARY, else ./kotsu-library\n");
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    auto cmds = allCommands();
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        printUsage(cmds);
        return argc < 2 ? 2 : 0;
    }
    if (std::string(argv[1]) == "--version") {
        std::printf("kotsu 0.1.0\n");
        return 0;
    }
    std::string name = argv[1];
    for (const auto& c : cmds) {
        if (c.name != name) continue;
        std::vector<std::string> rest(argv + 2, argv + argc);
        auto args = cli::parse(rest, c.options, name);
        if (!args) {
            cli::fail(args.error());
            return 2;
        }
        if (args->flags.count("help")) {
            std::printf("usage: %s\n\n%s\n", c.usage.c_str(), c.summary.c_str());
            return 0;
        }
        installCancelHandlers();
        try {
            return c.run(*args, Library::locate(args->value("library")));
        } catch (const std::exception& e) {
            return cli::fail(name + ": " + e.what());
        }
    }
    std::fprintf(stderr, "kotsu: unknown command '%s' (see kotsu --help)\n", name.c_str());
    return 2;
}
