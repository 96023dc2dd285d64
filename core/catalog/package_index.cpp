#include "core/catalog/package_index.hpp"

#include "core/catalog/database.hpp"

namespace kotsu::catalog {

namespace {

constexpr std::string_view kSchema = R"sql(
PRAGMA user_version = 1;
CREATE TABLE package(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE steps(
  step_index INTEGER PRIMARY KEY, marker_id INTEGER NOT NULL, title TEXT NOT NULL, note TEXT NOT NULL,
  warning TEXT NOT NULL, tags TEXT NOT NULL, in_us INTEGER NOT NULL, out_us INTEGER NOT NULL,
  thumbnail TEXT NOT NULL);
CREATE TABLE clips(
  step_index INTEGER NOT NULL REFERENCES steps(step_index), profile TEXT NOT NULL, path TEXT NOT NULL,
  width INTEGER NOT NULL, height INTEGER NOT NULL, duration_us INTEGER NOT NULL,
  PRIMARY KEY(step_index, profile));
CREATE VIRTUAL TABLE steps_fts USING fts5(step_index UNINDEXED, body, tokenize='trigram');
)sql";

}  // namespace

Status writePackageIndex(const std::string& path, const std::string& sessionTitle,
                         const std::vector<PackageIndexStep>& steps) {
    auto db = Database::open(path);
    if (!db) return db.error();
    KOTSU_TRY(db->exec("PRAGMA journal_mode=DELETE"));  // one self-contained file, no -wal beside it
    Transaction tx(*db);
    KOTSU_TRY(tx.begun());
    KOTSU_TRY(db->exec(kSchema));
    {
        auto st = db->prepare("INSERT INTO package(key, value) VALUES('format','kotsu.package'),('version','1'),"
                              "('session', ?)");
        if (!st) return st.error();
        st->bind(1, sessionTitle);
        KOTSU_TRY(st->run());
    }
    for (const auto& s : steps) {
        auto st = db->prepare("INSERT INTO steps VALUES(?,?,?,?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, s.index).bind(2, s.id).bind(3, s.title).bind(4, s.note).bind(5, s.warning).bind(6, s.tags);
        st->bind(7, s.in).bind(8, s.out).bind(9, s.thumbnail);
        KOTSU_TRY(st->run());
        for (const auto& c : s.clips) {
            auto cs = db->prepare("INSERT INTO clips VALUES(?,?,?,?,?,?)");
            if (!cs) return cs.error();
            cs->bind(1, s.index).bind(2, c.profile).bind(3, c.path).bind(4, c.width).bind(5, c.height).bind(6, c.duration);
            KOTSU_TRY(cs->run());
        }
        auto fts = db->prepare("INSERT INTO steps_fts(step_index, body) VALUES(?,?)");
        if (!fts) return fts.error();
        fts->bind(1, s.index).bind(2, s.title + "\n" + s.note + "\n" + s.warning + "\n" + s.tags + "\n" + s.captionText);
        KOTSU_TRY(fts->run());
    }
    return tx.commit();
}

Result<std::vector<int>> searchPackageIndex(const std::string& path, const std::string& words) {
    auto db = Database::open(path);
    if (!db) return db.error();
    auto st = db->prepare("SELECT step_index FROM steps_fts WHERE body LIKE ? ORDER BY step_index");
    if (!st) return st.error();
    st->bind(1, "%" + words + "%");
    std::vector<int> out;
    while (st->step()) out.push_back(st->int32(0));
    return out;
}

}  // namespace kotsu::catalog
