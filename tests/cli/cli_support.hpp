#pragma once
// Runs the kotsu binary as a user would, capturing stdout, stderr and the exit code.
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/test_support.hpp"

namespace kotsu::test {

struct CliRun {
    int code = -1;
    std::string out;
    std::string err;
};

inline CliRun kotsuCli(const std::string& args, const std::filesystem::path& scratch) {
    auto errFile = scratch / "stderr.txt";
    CliRun r;
    r.out = run(std::string(KOTSU_BINARY_DIR) + "/bin/kotsu " + args + " 2>'" + errFile.string() + "'", &r.code);
    std::ifstream in(errFile);
    r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return r;
}

}  // namespace kotsu::test
