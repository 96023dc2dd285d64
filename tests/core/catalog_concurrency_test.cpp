// Two kotsu processes opening an older catalog at once both succeed (each migration re-reads the
// schema version under the write lock); commits are durable (synchronous=FULL) except on the editor's
// UI connection, which never waits on another process's lock for more than about a frame.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "tests/core/catalog_support.hpp"
#include "tests/support/test_support.hpp"

using namespace kotsu;
using kotsu::test::loadFixture;

TEST(CatalogConcurrency, ProcessesOpeningAnOldCatalogAtOnceAllSucceed) {
    for (int round = 0; round < 4; ++round) {
        test::ScratchDir dir("migrate-race-" + std::to_string(round));
        const auto db = dir / "catalog.db";
        loadFixture(db, "catalog_v1.sql");
        std::vector<pid_t> kids;
        for (int k = 0; k < 4; ++k) {
            pid_t pid = ::fork();
            ASSERT_GE(pid, 0);
            if (pid == 0) {
                auto cat = catalog::Catalog::open(db.string(), false);
                if (!cat) std::fprintf(stderr, "child %d: %s\n", k, cat.error().what().c_str());
                std::_Exit(cat.ok() && *cat->schemaVersion() == catalog::latestSchemaVersion() ? 0 : 1);
            }
            kids.push_back(pid);
        }
        for (pid_t pid : kids) {
            int st = 0;
            ASSERT_EQ(::waitpid(pid, &st, 0), pid);
            EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << "round " << round << ": a process failed to open";
        }
        auto cat = catalog::Catalog::open(db.string(), false);
        ASSERT_TRUE(cat.ok()) << cat.error().what();
        EXPECT_TRUE(cat->integrityCheck().ok());
        EXPECT_EQ(cat->sessions()->size(), 2u) << "the migrations ran once: every row is still there once";
    }
}

TEST(CatalogConcurrency, ThreadsOpeningAnOldCatalogAtOnceAllSucceed) {
    test::ScratchDir dir("migrate-race-threads");
    const auto db = dir / "catalog.db";
    loadFixture(db, "catalog_v2.sql");
    std::vector<std::thread> threads;
    std::vector<std::string> errors(4);
    for (size_t k = 0; k < errors.size(); ++k)
        threads.emplace_back([&, k] {
            auto cat = catalog::Catalog::open(db.string(), false);
            if (!cat) errors[k] = cat.error().what();
        });
    for (auto& t : threads) t.join();
    for (const auto& e : errors) EXPECT_EQ(e, "");
}

TEST(CatalogDurability, CommitsAreOnTheDiskBeforeTheyReturn) {
    test::ScratchDir dir("catalog-sync");
    auto cat = catalog::Catalog::open((dir / "catalog.db").string());
    ASSERT_TRUE(cat.ok()) << cat.error().what();
    EXPECT_EQ(*cat->synchronousLevel(), 2) << "synchronous=FULL: an ingest reported done survives a power cut";
    ASSERT_TRUE(cat->setInteractive().ok());
    EXPECT_EQ(*cat->synchronousLevel(), 1) << "the editor's UI connection: NORMAL (WAL stays consistent)";
}

TEST(CatalogDurability, TheEditorsConnectionGivesUpOnALockedCatalogWithinAFrame) {
    test::ScratchDir dir("catalog-busy");
    const auto path = (dir / "catalog.db").string();
    auto ui = catalog::Catalog::open(path);
    ASSERT_TRUE(ui.ok()) << ui.error().what();
    ASSERT_TRUE(ui->setInteractive().ok());
    Session s;
    s.title = "フランジ";
    auto session = ui->createSession(s);
    ASSERT_TRUE(session.ok()) << session.error().what();
    // Another process (here a second connection) holds the write lock, as a long `kotsu` command would.
    auto other = catalog::Database::open(path);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(other->exec("BEGIN IMMEDIATE").ok());
    Marker m;
    m.sessionId = session->id;
    m.kind = MarkerKind::Step;
    m.in = 1'000'000;
    m.out = 2'000'000;
    m.title = "仮締め";
    const auto t0 = std::chrono::steady_clock::now();
    auto added = ui->addMarker(m);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_FALSE(added.ok()) << "the write lock is held elsewhere";
    EXPECT_LT(ms, 150.0) << "the UI thread waited " << ms << " ms (busy timeout "
                         << catalog::Catalog::kInteractiveBusyMs << " ms)";
    ASSERT_TRUE(other->exec("ROLLBACK").ok());
    EXPECT_TRUE(ui->addMarker(m).ok()) << "the edit can be made again once the lock is gone";
}
