// Viewing records: xAPI statements, rosters, follow-up notes, site settings (migration 9).
#include "core/catalog/catalog.hpp"
#include "core/catalog/text_checks.hpp"

namespace kotsu::catalog {

Result<std::vector<PackageRecord>> Catalog::packages() {
    auto st = db_.prepare("SELECT id, session_id, path, profiles, created_at, uid FROM packages ORDER BY id DESC");
    if (!st) return st.error();
    std::vector<PackageRecord> out;
    while (st->step()) out.push_back({st->int64(0), st->int64(1), st->text(2), st->text(3), st->text(4), st->text(5)});
    if (st->failed()) return db_.error("cannot list packages");
    return out;
}

Result<std::optional<PackageRecord>> Catalog::packageByUid(const std::string& uid) {
    if (uid.empty()) return std::optional<PackageRecord>();
    auto st = db_.prepare("SELECT id, session_id, path, profiles, created_at, uid FROM packages WHERE uid = ? ORDER BY id DESC");
    if (!st) return st.error();
    st->bind(1, uid);
    if (st->step())
        return std::optional<PackageRecord>(PackageRecord{st->int64(0), st->int64(1), st->text(2), st->text(3), st->text(4), st->text(5)});
    if (st->failed()) return db_.error("cannot read packages");
    return std::optional<PackageRecord>();
}

Result<int> Catalog::addStatements(const std::vector<StatementRecord>& rows) {
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    int added = 0;
    for (const auto& r : rows) {
        KOTSU_TRY(requireUtf8(r.body, "statement " + r.id));
        KOTSU_TRY(requireUtf8(r.trainee, "statement " + r.id + ": the trainee"));
        auto ins = db_.prepare(
            "INSERT OR IGNORE INTO xapi_statements(id, session_id, step_id, package_id, trainee, verb, timestamp,"
            " registration, body) VALUES(?,?,?,?,?,?,?,?,?)");
        if (!ins) return ins.error();
        ins->bind(1, r.id).bind(2, r.sessionId).bind(3, r.stepId).bind(4, r.packageId).bind(5, r.trainee);
        ins->bind(6, r.verb).bind(7, r.timestamp).bind(8, r.registration).bind(9, r.body);
        KOTSU_TRY(ins->run());
        added += db_.changes();
    }
    KOTSU_TRY(tx.commit());
    return added;
}

Result<std::vector<StatementRecord>> Catalog::statements(Id sessionId, const std::string& since,
                                                          const std::string& trainee) {
    auto st = db_.prepare(
        "SELECT id, session_id, step_id, package_id, trainee, verb, timestamp, registration, body"
        " FROM xapi_statements WHERE (?1 = 0 OR session_id = ?1) AND (?2 = '' OR timestamp >= ?2)"
        " AND (?3 = '' OR trainee = ?3) ORDER BY timestamp, id");
    if (!st) return st.error();
    st->bind(1, sessionId).bind(2, since).bind(3, trainee);
    std::vector<StatementRecord> out;
    while (st->step()) {
        out.push_back({st->text(0), st->int64(1), st->int64(2), st->text(3), st->text(4), st->text(5), st->text(6),
                       st->text(7), st->text(8)});
    }
    if (st->failed()) return db_.error("cannot read the viewing records");
    return out;
}

Result<bool> Catalog::hasStatement(const std::string& id) {
    auto st = db_.prepare("SELECT 1 FROM xapi_statements WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    bool found = st->step();
    if (st->failed()) return db_.error("cannot read the viewing records");
    return found;
}

Status Catalog::addToRoster(Id sessionId, const std::vector<Trainee>& trainees) {
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    for (const auto& t : trainees) {
        KOTSU_TRY(requireUtf8(t.id + t.name, "trainee " + t.id));
        auto up = db_.prepare(
            "INSERT INTO trainees(id, name) VALUES(?1, ?2) ON CONFLICT(id) DO UPDATE SET"
            " name = CASE WHEN ?2 = '' THEN name ELSE ?2 END");
        if (!up) return up.error();
        up->bind(1, t.id).bind(2, t.name);
        KOTSU_TRY(up->run());
        auto as = db_.prepare("INSERT OR IGNORE INTO roster(trainee_id, session_id) VALUES(?, ?)");
        if (!as) return as.error();
        as->bind(1, t.id).bind(2, sessionId);
        KOTSU_TRY(as->run());
    }
    return tx.commit();
}

Result<std::vector<RosterEntry>> Catalog::roster(Id sessionId) {
    auto st = db_.prepare(
        "SELECT t.id, t.name, r.session_id, r.assigned_at FROM roster r JOIN trainees t ON t.id = r.trainee_id"
        " WHERE (?1 = 0 OR r.session_id = ?1) ORDER BY r.session_id, t.id");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<RosterEntry> out;
    while (st->step()) out.push_back({{st->text(0), st->text(1)}, st->int64(2), st->text(3)});
    if (st->failed()) return db_.error("cannot read the roster");
    return out;
}

Result<FollowupNote> Catalog::addFollowupNote(const FollowupNote& n) {
    KOTSU_TRY(requireUtf8(n.text, "the follow-up note"));
    auto st = db_.prepare(
        "INSERT INTO followup_notes(trainee_id, session_id, step_index, text, author) VALUES(?,?,?,?,?)"
        " RETURNING id, created_at");
    if (!st) return st.error();
    st->bind(1, n.traineeId);
    if (n.sessionId) st->bind(2, n.sessionId); else st->bindNull(2);
    st->bind(3, n.stepIndex).bind(4, n.text).bind(5, n.author);
    if (!st->step()) return db_.error("cannot store the follow-up note");
    FollowupNote out = n;
    out.id = st->int64(0);
    out.createdAt = st->text(1);
    while (st->step()) {}
    return out;
}

Result<std::vector<FollowupNote>> Catalog::followupNotes(const std::string& traineeId) {
    auto st = db_.prepare(
        "SELECT id, trainee_id, COALESCE(session_id, 0), step_index, text, author, created_at FROM followup_notes"
        " WHERE (?1 = '' OR trainee_id = ?1) ORDER BY created_at, id");
    if (!st) return st.error();
    st->bind(1, traineeId);
    std::vector<FollowupNote> out;
    while (st->step())
        out.push_back({st->int64(0), st->text(1), st->int64(2), st->int32(3), st->text(4), st->text(5), st->text(6)});
    if (st->failed()) return db_.error("cannot read the follow-up notes");
    return out;
}

Result<std::optional<std::string>> Catalog::siteSetting(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM site_settings WHERE key = ?");
    if (!st) return st.error();
    st->bind(1, key);
    if (st->step()) return std::optional<std::string>(st->text(0));
    if (st->failed()) return db_.error("cannot read the site settings");
    return std::optional<std::string>();
}

Status Catalog::setSiteSetting(const std::string& key, const std::string& value) {
    auto st = db_.prepare("INSERT INTO site_settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    if (!st) return st.error();
    st->bind(1, key).bind(2, value);
    return st->run();
}

}  // namespace kotsu::catalog
