#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

std::vector<Command> suggestCommands() { return {}; }

}  // namespace kotsu::cli
