#include "apps/kotsu/cli.hpp"

namespace kotsu::cli {

std::vector<Command> transcodeCommands() { return {}; }

}  // namespace kotsu::cli
