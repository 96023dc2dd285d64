#include "core/catalog/database.hpp"

namespace kotsu::catalog {

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        if (st_) sqlite3_finalize(st_);
        db_ = o.db_;
        st_ = o.st_;
        failed_ = o.failed_;
        o.st_ = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    if (st_) sqlite3_finalize(st_);
}

Statement& Statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) failed_ = true;
    return false;
}

Status Statement::run() {
    while (step()) {
    }
    if (failed_) return Error::make("catalog", lastError());
    return {};
}

std::string Statement::text(int col) const {
    auto* p = sqlite3_column_text(st_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)));
}

std::string Statement::lastError() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

Result<Database> Database::open(const std::string& path) {
    Database d;
    d.path_ = path;
    int rc = sqlite3_open_v2(path.c_str(), &d.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = d.db_ ? sqlite3_errmsg(d.db_) : "cannot open";
        return Error::make(path, "cannot open the catalog: " + msg);
    }
    sqlite3_busy_timeout(d.db_, 5000);
    sqlite3_extended_result_codes(d.db_, 1);
    return d;
}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        if (db_) sqlite3_close_v2(db_);
        db_ = o.db_;
        path_ = std::move(o.path_);
        o.db_ = nullptr;
    }
    return *this;
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Error Database::error(std::string_view what) const {
    return Error::make(path_, std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "closed"));
}

Status Database::exec(std::string_view sql) {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "error";
        sqlite3_free(err);
        return Error::make(path_, "catalog: " + msg);
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
        return error("catalog: cannot prepare");
    return Statement(db_, st);
}

Transaction::Transaction(Database& db)
    : db_(db),
      nested_(sqlite3_get_autocommit(db.handle()) == 0),
      begun_(db.exec(nested_ ? "SAVEPOINT kotsu_part" : "BEGIN IMMEDIATE")) {}

Transaction::~Transaction() {
    if (!begun_.ok() || done_) return;
    if (nested_) (void)db_.exec("ROLLBACK TO kotsu_part; RELEASE kotsu_part");
    else (void)db_.exec("ROLLBACK");
}

Status Transaction::commit() {
    if (!begun_.ok()) return begun_;
    auto s = db_.exec(nested_ ? "RELEASE kotsu_part" : "COMMIT");
    if (s.ok()) done_ = true;
    return s;
}

}  // namespace kotsu::catalog
