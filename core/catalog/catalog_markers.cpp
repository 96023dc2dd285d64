// Markers, caption cues and suggestions.
#include "core/catalog/catalog.hpp"
#include "core/catalog/marker_rows.hpp"
#include "core/catalog/text_checks.hpp"
#include "core/text.hpp"

namespace kotsu::catalog {

void bindAngle(Statement& st, int index, const Marker& m) {
    if (m.angle.empty() || m.angle == "main") st.bindNull(index);
    else st.bind(index, m.angle);
}

namespace {

// Tags are kept one per line: a tag may hold a comma, never a newline.
Marker readMarker(Statement& st) {
    Marker m;
    m.id = st.int64(0);
    m.sessionId = st.int64(1);
    m.kind = markerKindFrom(st.text(2)).value_or(MarkerKind::Tag);
    m.in = st.int64(3);
    m.out = st.int64(4);
    m.title = st.text(5);
    m.note = st.text(6);
    m.warning = st.text(7);
    m.tags = splitList(st.text(8), '\n');
    m.author = st.text(9);
    m.createdAt = st.text(10);
    m.updatedAt = st.text(11);
    m.angle = st.text(12);  // NULL (the main) reads as ""
    return m;
}

Status insertMarker(Database& db, const Marker& m) {
    KOTSU_TRY(checkText(m));
    auto st = db.prepare(
        "INSERT INTO markers(session_id, kind, in_us, out_us, title, note, warning, tags, author, angle)"
        " VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, m.sessionId).bind(2, toString(m.kind)).bind(3, m.in).bind(4, m.out).bind(5, m.title);
    st->bind(6, m.note).bind(7, m.warning).bind(8, joinList(m.tags, "\n")).bind(9, m.author);
    bindAngle(*st, 10, m);
    return st->run();
}

Status insertCue(Database& db, Id sessionId, const std::string& lang, const Cue& c) {
    if (!isLanguageTag(lang)) return Error::make("captions", notALanguageTag(lang));
    KOTSU_TRY(checkText(lang, c));
    auto st = db.prepare("INSERT INTO cues(session_id, lang, start_us, end_us, text) VALUES(?,?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, sessionId).bind(2, lang).bind(3, c.start).bind(4, c.end).bind(5, c.text);
    return st->run();
}

}  // namespace

Result<std::vector<Marker>> Catalog::markers(Id sessionId) {
    auto st = db_.prepare(
        "SELECT id, session_id, kind, in_us, out_us, title, note, warning, tags, author, created_at, updated_at, angle"
        " FROM markers WHERE session_id=?"
        " ORDER BY in_us, CASE kind WHEN 'step' THEN 0 WHEN 'knack' THEN 1 WHEN 'safety' THEN 2 ELSE 3 END, id");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<Marker> out;
    while (st->step()) out.push_back(readMarker(*st));
    if (st->failed()) return db_.error("cannot list markers");
    return out;
}

Result<Marker> Catalog::addMarker(const Marker& m) {
    KOTSU_TRY(insertMarker(db_, m));
    Marker out = m;
    out.id = db_.lastInsertId();
    return out;
}

Status Catalog::updateMarker(const Marker& m) {
    KOTSU_TRY(checkText(m));
    auto st = db_.prepare(
        "UPDATE markers SET kind=?, in_us=?, out_us=?, title=?, note=?, warning=?, tags=?, author=?, angle=?,"
        " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=? AND session_id=?");
    if (!st) return st.error();
    st->bind(1, toString(m.kind)).bind(2, m.in).bind(3, m.out).bind(4, m.title).bind(5, m.note).bind(6, m.warning);
    st->bind(7, joinList(m.tags, "\n")).bind(8, m.author);
    bindAngle(*st, 9, m);
    st->bind(10, m.id).bind(11, m.sessionId);
    KOTSU_TRY(st->run());
    if (db_.changes() == 0) return Error::make("marker " + std::to_string(m.id), "no such marker in this session");
    return {};
}

Status Catalog::removeMarker(Id sessionId, Id markerId) {
    auto st = db_.prepare("DELETE FROM markers WHERE id=? AND session_id=?");
    if (!st) return st.error();
    st->bind(1, markerId).bind(2, sessionId);
    KOTSU_TRY(st->run());
    if (db_.changes() == 0) return Error::make("marker " + std::to_string(markerId), "no such marker in this session");
    return {};
}

Status Catalog::replaceMarkers(Id sessionId, const std::vector<Marker>& ms) {
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    auto del = db_.prepare("DELETE FROM markers WHERE session_id=?");
    if (!del) return del.error();
    del->bind(1, sessionId);
    KOTSU_TRY(del->run());
    for (auto m : ms) {
        m.sessionId = sessionId;
        KOTSU_TRY(insertMarker(db_, m));
    }
    return tx.commit();
}

Result<std::vector<Cue>> Catalog::cues(Id sessionId, const std::string& lang) {
    auto st = db_.prepare(
        "SELECT id, start_us, end_us, text FROM cues WHERE session_id=? AND lang=? ORDER BY start_us, id");
    if (!st) return st.error();
    st->bind(1, sessionId).bind(2, lang);
    std::vector<Cue> out;
    while (st->step()) out.push_back(Cue{st->int64(0), st->int64(1), st->int64(2), st->text(3)});
    if (st->failed()) return db_.error("cannot list captions");
    return out;
}

Result<std::vector<std::string>> Catalog::captionLanguages(Id sessionId) {
    auto st = db_.prepare("SELECT DISTINCT lang FROM cues WHERE session_id=? ORDER BY lang");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<std::string> out;
    while (st->step()) out.push_back(st->text(0));
    return out;
}

Status Catalog::replaceCues(Id sessionId, const std::string& lang, const std::vector<Cue>& cs) {
    if (!isLanguageTag(lang)) return Error::make("captions", notALanguageTag(lang));
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    auto del = db_.prepare("DELETE FROM cues WHERE session_id=? AND lang=?");
    if (!del) return del.error();
    del->bind(1, sessionId).bind(2, lang);
    KOTSU_TRY(del->run());
    for (const auto& c : cs) KOTSU_TRY(insertCue(db_, sessionId, lang, c));
    return tx.commit();
}

Result<Cue> Catalog::addCue(Id sessionId, const std::string& lang, const Cue& c) {
    KOTSU_TRY(insertCue(db_, sessionId, lang, c));
    Cue out = c;
    out.id = db_.lastInsertId();
    return out;
}

Status Catalog::updateCue(const Cue& c) {
    KOTSU_TRY(requireUtf8(c.text, "the caption at " + formatTime(c.start)));
    auto st = db_.prepare("UPDATE cues SET start_us=?, end_us=?, text=? WHERE id=?");
    if (!st) return st.error();
    st->bind(1, c.start).bind(2, c.end).bind(3, c.text).bind(4, c.id);
    return st->run();
}

Status Catalog::removeCue(Id cueId) {
    auto st = db_.prepare("DELETE FROM cues WHERE id=?");
    if (!st) return st.error();
    st->bind(1, cueId);
    return st->run();
}

Result<std::vector<Suggestion>> Catalog::suggestions(Id sessionId) {
    auto st = db_.prepare(
        "SELECT id, session_id, time_us, score, reason, state FROM suggestions WHERE session_id=? ORDER BY time_us");
    if (!st) return st.error();
    st->bind(1, sessionId);
    std::vector<Suggestion> out;
    while (st->step())
        out.push_back(Suggestion{st->int64(0), st->int64(1), st->int64(2), st->real(3), st->text(4), st->text(5)});
    if (st->failed()) return db_.error("cannot list suggestions");
    return out;
}

Status Catalog::replaceOpenSuggestions(Id sessionId, const std::vector<Suggestion>& ss) {
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    auto del = db_.prepare("DELETE FROM suggestions WHERE session_id=? AND state='open'");
    if (!del) return del.error();
    del->bind(1, sessionId);
    KOTSU_TRY(del->run());
    for (const auto& s : ss) {
        // An editor's decision stands: a new proposal at a decided time is not proposed again.
        auto dup = db_.prepare("SELECT 1 FROM suggestions WHERE session_id=? AND time_us=? AND state!='open'");
        if (!dup) return dup.error();
        dup->bind(1, sessionId).bind(2, s.time);
        if (dup->step()) continue;
        auto st = db_.prepare("INSERT INTO suggestions(session_id, time_us, score, reason) VALUES(?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, sessionId).bind(2, s.time).bind(3, s.score).bind(4, s.reason);
        KOTSU_TRY(st->run());
    }
    return tx.commit();
}

Status Catalog::setSuggestionState(Id suggestionId, const std::string& state) {
    auto st = db_.prepare("UPDATE suggestions SET state=? WHERE id=?");
    if (!st) return st.error();
    st->bind(1, state).bind(2, suggestionId);
    KOTSU_TRY(st->run());
    if (db_.changes() == 0) return Error::make("suggestion " + std::to_string(suggestionId), "no such suggestion");
    return {};
}

}  // namespace kotsu::catalog
