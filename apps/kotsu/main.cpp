// kotsu: the command line. Parses, dispatches, prints — the work happens in the modules.
#include <exception>
#include <string>
#include <vector>

#include "apps/kotsu/cli.hpp"
#include "apps/kotsu/command_line.hpp"
#include "core/av/log.hpp"
#include "core/cancel.hpp"

using namespace kotsu;

namespace {

std::vector<cli::Command> allCommands() {
    std::vector<cli::Command> all;
    for (auto group : {cli::libraryCommands, cli::ingestCommands, cli::transcodeCommands, cli::markerCommands,
                       cli::packageCommands, cli::suggestCommands, cli::captureCommands, cli::storyCommands, cli::fieldCommands})
        for (auto& c : group()) all.push_back(std::move(c));
    return all;
}

}  // namespace

int main(int argc, char** argv) {
    av::configureLogging();
    const auto commands = allCommands();
    auto parsed = cli::parseCommandLine(commands, std::vector<std::string>(argv + 1, argv + argc));
    if (!parsed.invocation) return parsed.exitCode;
    const auto& [command, args, library] = *parsed.invocation;
    installCancelHandlers();
    int code = 0;
    try {
        code = command->run(args, Library::locate(library));
    } catch (const std::exception& e) {
        code = cli::fail(command->name + ": " + e.what());
    }
    // Ctrl-C/SIGTERM: the command has stopped and removed its partial outputs; say so in the status.
    return code != 0 && cancelRequested() ? cancelExitCode() : code;
}
