#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

std::vector<Command> packageCommands() { return {}; }

}  // namespace kotsu::cli
