#pragma once
// Helpers for the catalog tests: a catalog in a scratch folder, fixture databases, PRAGMA reads.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/catalog/catalog.hpp"
#include "core/files.hpp"

namespace kotsu::test {

inline std::filesystem::path fixturePath(const std::string& name) {
    return std::filesystem::path(KOTSU_SOURCE_DIR) / "tests" / "fixtures" / name;
}

// Creates `db` from a fixture SQL script (a catalog as an older kotsu left it).
inline void loadFixture(const std::filesystem::path& db, const std::string& fixture) {
    auto sql = readFile(fixturePath(fixture));
    ASSERT_TRUE(sql.ok()) << sql.error().what();
    auto d = catalog::Database::open(db.string());
    ASSERT_TRUE(d.ok()) << d.error().what();
    auto s = d->exec(*sql);
    ASSERT_TRUE(s.ok()) << s.error().what();
}

// One text value from a PRAGMA or query without parameters.
inline std::string scalar(catalog::Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    if (!st.ok() || !st->step()) return "<none>";
    return st->text(0);
}

inline bool hasTable(catalog::Database& db, const std::string& name) {
    return scalar(db, "SELECT count(*) FROM sqlite_master WHERE name='" + name + "'") == "1";
}

}  // namespace kotsu::test
