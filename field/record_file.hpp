#pragma once
// Statements in and out of the catalog: the file the player's "Export records" button writes
// ({"format":"kotsu.records","version":1,"statements":[…]}), and the one way statements are stored
// — checked one by one (field/xapi), then against the catalog (a known package, a step of its
// session), then all stored in one transaction or none, each id once.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::field {

inline constexpr std::size_t kMaxBatchStatements = 2000;
inline constexpr std::uintmax_t kMaxRecordFileBytes = 32u * 1024 * 1024;

// The statements of an export file; anything else (another JSON, too big, not JSON) is the error.
[[nodiscard]] Result<std::vector<nlohmann::json>> readRecordFile(const std::filesystem::path& file);
// The statements of a POST body: one statement or an array of them (the xAPI statements resource).
[[nodiscard]] Result<std::vector<nlohmann::json>> statementsOfBody(std::string_view body);

struct StoreResult {
    int received = 0;
    int added = 0;      // new
    int duplicates = 0; // already stored (same id)
};

// Checks every statement; the first bad one is the error and nothing is stored. `where` names the
// source in errors (a file, "POST /xapi/statements").
[[nodiscard]] Result<StoreResult> storeStatements(catalog::Catalog& cat, const std::vector<nlohmann::json>& statements,
                                                  const std::string& where);

// Every stored statement (sessionId 0 = all) as a JSON array for a learning record store, written
// under a temporary name and renamed when complete.
[[nodiscard]] Result<int> exportStatements(catalog::Catalog& cat, Id sessionId, const std::filesystem::path& file);

}  // namespace kotsu::field
