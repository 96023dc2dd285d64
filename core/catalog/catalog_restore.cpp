// Inserts that keep an id: the editor's undo/redo removes and brings back the same rows, and later
// commands on the redo stack refer to them by id.
#include "core/catalog/catalog.hpp"
#include "core/catalog/marker_rows.hpp"
#include "core/catalog/text_checks.hpp"

namespace kotsu::catalog {

Result<Marker> Catalog::restoreMarker(const Marker& m) {
    KOTSU_TRY(checkText(m));
    auto st = db_.prepare(
        "INSERT INTO markers(id, session_id, kind, in_us, out_us, title, note, warning, tags, author, angle)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    std::string tags;
    for (const auto& t : m.tags) tags += (tags.empty() ? "" : "\n") + t;  // one per line, as elsewhere
    if (m.id) st->bind(1, m.id); else st->bindNull(1);
    st->bind(2, m.sessionId).bind(3, toString(m.kind)).bind(4, m.in).bind(5, m.out).bind(6, m.title);
    st->bind(7, m.note).bind(8, m.warning).bind(9, tags).bind(10, m.author);
    bindAngle(*st, 11, m);
    KOTSU_TRY(st->run());
    Marker out = m;
    out.id = db_.lastInsertId();
    return out;
}

Result<Cue> Catalog::restoreCue(Id sessionId, const std::string& lang, const Cue& c) {
    KOTSU_TRY(checkText(lang, c));
    auto st = db_.prepare("INSERT INTO cues(id, session_id, lang, start_us, end_us, text) VALUES(?,?,?,?,?,?)");
    if (!st) return st.error();
    if (c.id) st->bind(1, c.id); else st->bindNull(1);
    st->bind(2, sessionId).bind(3, lang).bind(4, c.start).bind(5, c.end).bind(6, c.text);
    KOTSU_TRY(st->run());
    Cue out = c;
    out.id = db_.lastInsertId();
    return out;
}

}  // namespace kotsu::catalog
