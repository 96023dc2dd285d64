// Profiles from the command line: a user's profiles.conf is used without rebuilding, a broken one
// stops kotsu with the file and the line.
#include <gtest/gtest.h>

#include "tests/cli/cli_support.hpp"
#include "tests/support/user_assets.hpp"

using namespace kotsu;

namespace {

TEST(ProfilesCli, ABrokenProfilesFileStopsKotsuNamingTheFileAndLine) {
    test::UserAssets user("profiles-cli");
    test::ScratchDir dir("profiles-cli-run");
    auto path = user.write("profiles.conf", "# mine\n[m400]\nbase = glasses\nwidth: 640\n");
    auto r = test::kotsuCli("transcode any --profile m400 --library '" + (dir / "lib").string() + "'", dir.path());
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find(path.string() + ":4: expected 'key = value', got 'width: 640'"), std::string::npos) << r.err;
}

}  // namespace
