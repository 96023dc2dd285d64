// Ingest into a library whose disk is full: the copy fails with the file named and "No space",
// nothing is added to the catalog and no partial copy is left in media/. Needs a small tmpfs (root).
#include <gtest/gtest.h>

#include "capture/ingest.hpp"
#include "tests/capture/capture_fixtures.hpp"
#include "tests/support/small_disk.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
using namespace kotsu::capture;
namespace fs = std::filesystem;

TEST(IngestDiskFull, TheCopyFailsNamingTheFileAndLeavesNothing) {
    test::ScratchDir dir("ingest-disk-full");
    std::string why;
    auto disk = test::SmallDisk::mount(dir / "disk", 4 << 20, &why);
    if (!disk) GTEST_SKIP() << why;
    auto lib = Library::init(disk->path() / "library");
    ASSERT_TRUE(lib.ok()) << lib.error().what();
    auto cat = lib->openCatalog();
    ASSERT_TRUE(cat.ok());
    const auto clip = test::plainClip();
    IngestRequest req;
    req.sessionTitle = "旋盤";
    // The catalog keeps room for its own pages; the clip does not fit in what is left.
    disk->fill(static_cast<size_t>(fs::file_size(clip) / 2));
    auto rs = ingest(*lib, *cat, req, {clip.string()});
    ASSERT_EQ(rs.size(), 1u);
    EXPECT_FALSE(rs[0].ok);
    EXPECT_NE(rs[0].error.what().find(clip.filename().string()), std::string::npos) << rs[0].error.what();
    EXPECT_NE(rs[0].error.what().find("No space"), std::string::npos) << rs[0].error.what();
    for (auto& e : fs::directory_iterator(lib->mediaDir())) ADD_FAILURE() << "left in media/: " << e.path();
    EXPECT_TRUE(cat->integrityCheck().ok());
    auto session = cat->findSession("旋盤");
    ASSERT_TRUE(session.ok());
    if (session->has_value()) EXPECT_TRUE(cat->assets((*session)->id)->empty());
}
