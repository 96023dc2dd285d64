#pragma once
// Thin RAII over sqlite3: a connection, prepared statements, and transactions.
// Only core/catalog includes this; the rest of kotsu talks to Catalog's typed queries.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kotsu::catalog {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
    Statement(Statement&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
    Statement& operator=(Statement&& o) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bindNull(int i);
    template <class T>
    Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bindNull(i);
    }

    // true: a row is ready; false: done. Errors are reported through lastError().
    [[nodiscard]] bool step();
    [[nodiscard]] Status run();  // step to completion, expecting no rows

    [[nodiscard]] std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
    [[nodiscard]] int int32(int col) const { return sqlite3_column_int(st_, col); }
    [[nodiscard]] double real(int col) const { return sqlite3_column_double(st_, col); }
    [[nodiscard]] std::string text(int col) const;
    [[nodiscard]] bool isNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] std::string lastError() const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* st_ = nullptr;
    bool failed_ = false;
};

class Database {
public:
    static Result<Database> open(const std::string& path);
    Database() = default;
    Database(Database&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
    Database& operator=(Database&& o) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] Status exec(std::string_view sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    [[nodiscard]] std::int64_t lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
    [[nodiscard]] int changes() const { return sqlite3_changes(db_); }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] Error error(std::string_view what) const;
    [[nodiscard]] sqlite3* handle() const { return db_; }
    // How long a statement waits for another connection's lock before "database is locked" (5 s by default).
    void setBusyTimeout(int ms) { sqlite3_busy_timeout(db_, ms); }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded.
// Inside a transaction already open on the connection it is a SAVEPOINT instead, so a typed query
// that keeps itself atomic (replaceMarkers) can also be one part of a larger edit.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    [[nodiscard]] Status begun() const { return begun_; }
    [[nodiscard]] Status commit();

private:
    Database& db_;
    bool nested_;
    Status begun_;
    bool done_ = false;
};

}  // namespace kotsu::catalog
