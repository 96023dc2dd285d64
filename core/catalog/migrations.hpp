#pragma once
// Numbered schema migrations on PRAGMA user_version. Migration N takes a database at version N-1
// to version N; they run in order, each in its own transaction, and are never edited once shipped.
#include <span>
#include <string_view>

#include "core/catalog/database.hpp"

namespace kotsu::catalog {

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

[[nodiscard]] std::span<const Migration> migrations();
[[nodiscard]] int latestSchemaVersion();
[[nodiscard]] Result<int> schemaVersion(Database& db);
// Brings db up to `target` (default: latest). Refuses a database newer than this build knows.
[[nodiscard]] Status migrate(Database& db, int target = -1);

}  // namespace kotsu::catalog
