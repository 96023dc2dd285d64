#include "core/catalog/catalog.hpp"

#include <filesystem>

namespace kotsu::catalog {

Result<Catalog> Catalog::open(const std::string& dbPath, bool create) {
    if (!create && !std::filesystem::exists(dbPath))
        return Error::make(dbPath, "no catalog here (run `kotsu init` first, or pass --library DIR)");
    auto db = Database::open(dbPath);
    if (!db) return db.error();
    // WAL lets `kotsu markers list` read while the editor writes.
    KOTSU_TRY(db->exec("PRAGMA journal_mode=WAL"));
    KOTSU_TRY(db->exec("PRAGMA foreign_keys=ON"));
    // FULL: a commit is on the disk before sqlite3 returns, so what a command reports done (an
    // ingested file, a rendition, a marker) survives a power cut. (NORMAL in WAL mode may lose the last
    // commits.) The editor's UI connection relaxes this (setInteractive).
    KOTSU_TRY(db->exec("PRAGMA synchronous=FULL"));
    {
        // A file that is not SQLite fails here, before any migration writes to it.
        auto check = db->prepare("SELECT count(*) FROM sqlite_master");
        if (!check) return Error::make(dbPath, "not a kotsu catalog: " + check.error().message);
    }
    KOTSU_TRY(migrate(*db));
    return Catalog(std::move(db).value());
}

Status Catalog::setInteractive() {
    // Never wait on another process's lock longer than about a frame: the edit fails with "database is
    // locked" in the status line and can be made again, but the picture does not freeze.
    db_.setBusyTimeout(kInteractiveBusyMs);
    // An edit's commit does not wait for the disk (WAL + NORMAL: the catalog stays consistent on a power
    // cut, the last edits may be lost); edits are small and made again in seconds.
    return db_.exec("PRAGMA synchronous=NORMAL");
}

Result<int> Catalog::synchronousLevel() {
    auto st = db_.prepare("PRAGMA synchronous");
    if (!st) return st.error();
    if (!st->step()) return db_.error("cannot read synchronous");
    return st->int32(0);
}

Status Catalog::integrityCheck() {
    auto st = db_.prepare("PRAGMA integrity_check");
    if (!st) return st.error();
    std::string result;
    while (st->step()) result += st->text(0);
    if (result != "ok") return Error::make(db_.path(), "integrity check failed: " + result);
    auto fk = db_.prepare("PRAGMA foreign_key_check");
    if (!fk) return fk.error();
    if (fk->step()) return Error::make(db_.path(), "foreign key check failed in table " + fk->text(0));
    return {};
}

Result<std::int64_t> Catalog::dataVersion() {
    auto st = db_.prepare("PRAGMA data_version");
    if (!st) return st.error();
    if (!st->step()) return db_.error("cannot read data_version");
    return st->int64(0);
}

Result<PackageRecord> Catalog::addPackage(const PackageRecord& p) {
    auto st = db_.prepare("INSERT INTO packages(session_id, path, profiles, uid) VALUES(?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, p.sessionId).bind(2, p.path).bind(3, p.profiles).bind(4, p.uid);
    KOTSU_TRY(st->run());
    PackageRecord out = p;
    out.id = db_.lastInsertId();
    return out;
}

namespace {

std::vector<std::string> searchTerms(const std::string& words) {
    std::vector<std::string> terms;
    std::string cur;
    for (char c : words) {
        if (c == ' ' || c == '\t') {
            if (!cur.empty()) terms.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) terms.push_back(cur);
    return terms;
}

size_t codePoints(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// An FTS5 string: the term as one quoted phrase.
std::string quoted(const std::string& term) {
    std::string q = "\"";
    for (char c : term) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

std::string likePattern(const std::string& term) {
    std::string esc = "%";
    for (char c : term) {
        if (c == '%' || c == '_' || c == '\\') esc += '\\';
        esc += c;
    }
    return esc + "%";
}

// Which rows may hold every term, as FTS5 queries: words of three characters and more through the
// trigram index, one- and two-character words that start with a non-ASCII character through the
// gram index (a prefix query: every occurrence of the word starts a two-character gram). Shorter
// ASCII words have no index; LIKE still checks every word, so the results are LIKE's exactly.
struct SearchPlan {
    std::string trigram;
    std::string grams;
};

SearchPlan planSearch(const std::vector<std::string>& terms) {
    SearchPlan p;
    for (const auto& t : terms) {
        if (codePoints(t) >= 3) {
            p.trigram += (p.trigram.empty() ? "" : " AND ") + quoted(t);
        } else if (static_cast<unsigned char>(t[0]) >= 0x80) {
            p.grams += (p.grams.empty() ? "" : " AND ") + quoted(t) + " *";
        }
    }
    return p;
}

}  // namespace

Result<std::vector<SearchHit>> Catalog::search(const std::string& words) { return search(words, true); }

Result<std::vector<SearchHit>> Catalog::searchByScan(const std::string& words) { return search(words, false); }

Result<std::vector<SearchHit>> Catalog::search(const std::string& words, bool useIndex) {
    auto terms = searchTerms(words);
    if (terms.empty()) return Error::make("search", "nothing to search for");
    auto plan = useIndex ? planSearch(terms) : SearchPlan{};
    std::string sql =
        "SELECT d.kind, d.session_id, se.title, d.item_id, d.body,"
        " COALESCE(m.in_us, c.start_us, 0) FROM search_docs d"
        " JOIN sessions se ON se.id = d.session_id"
        " LEFT JOIN markers m ON d.kind='marker' AND m.id = d.item_id"
        " LEFT JOIN cues c ON d.kind='caption' AND c.id = d.item_id WHERE 1";
    if (!plan.trigram.empty()) sql += " AND d.key IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)";
    if (!plan.grams.empty()) sql += " AND d.key IN (SELECT rowid FROM search_short WHERE search_short MATCH ?)";
    for (size_t i = 0; i < terms.size(); ++i) sql += " AND d.body LIKE ? ESCAPE '\\'";
    sql += " ORDER BY d.session_id, CASE d.kind WHEN 'session' THEN 0 WHEN 'marker' THEN 1 ELSE 2 END, 6";
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    int n = 1;
    if (!plan.trigram.empty()) st->bind(n++, plan.trigram);
    if (!plan.grams.empty()) st->bind(n++, plan.grams);
    for (const auto& t : terms) st->bind(n++, likePattern(t));
    std::vector<SearchHit> hits;
    while (st->step()) {
        SearchHit h;
        h.kind = st->text(0);
        h.sessionId = st->int64(1);
        h.sessionTitle = st->text(2);
        h.itemId = st->int64(3);
        h.text = st->text(4);
        h.time = st->int64(5);
        hits.push_back(std::move(h));
    }
    if (st->failed()) return db_.error("search failed");
    return hits;
}

}  // namespace kotsu::catalog
