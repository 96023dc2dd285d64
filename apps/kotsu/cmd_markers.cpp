#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

std::vector<Command> markerCommands() { return {}; }

}  // namespace kotsu::cli
