#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

std::vector<Command> ingestCommands() { return {}; }

}  // namespace kotsu::cli
