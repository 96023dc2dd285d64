#include "capture/probe.hpp"

namespace kotsu::capture {

Result<ProbeFacts> probeFile(const std::string& path) { return Error::make(path, "probe: not implemented yet"); }
Status verifyDecodes(const std::string& path, const ProbeFacts&, int) { return Error::make(path, "not implemented"); }

}  // namespace kotsu::capture
