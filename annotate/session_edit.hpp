#pragma once
// One edit of a session's markers and captions, whoever makes it (`kotsu markers`, the editor's
// command stack): one catalog transaction, and before it commits the session's markers *as stored*
// are checked against core/marker_rules. Checking what the catalog holds rather than what the
// caller believes it holds is what makes the CLI and the editor refuse the same edit with the same
// words, and keeps an edit honest when another process wrote since the caller last read.
#include <utility>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::annotate {

class SessionEdit {
public:
    // KeepValid: refused when it breaks rules that held before it (a session already at odds with
    // its media — a re-made proxy a frame shorter — can still be mended one edit at a time).
    // Strict: the result must obey the rules (an import brings a whole new set).
    enum class Rules { KeepValid, Strict };

    SessionEdit(catalog::Catalog& cat, Id sessionId, Rules rules = Rules::KeepValid);
    SessionEdit(const SessionEdit&) = delete;
    SessionEdit& operator=(const SessionEdit&) = delete;

    [[nodiscard]] Status begun() const { return begun_; }
    // Checks the rules and commits. On an error nothing of the edit is written (rolled back when
    // the SessionEdit goes away).
    [[nodiscard]] Status commit();

private:
    [[nodiscard]] Status rulesHold();

    catalog::Catalog& cat_;
    Id sessionId_;
    catalog::Transaction tx_;
    Status begun_;
    bool checkRules_ = true;
};

// Runs `write` (returning a Result or Status) as one SessionEdit: its result when the edit commits.
template <class Write>
auto inOneEdit(catalog::Catalog& cat, Id sessionId, SessionEdit::Rules rules, Write&& write)
    -> decltype(std::forward<Write>(write)()) {
    SessionEdit edit(cat, sessionId, rules);
    KOTSU_TRY(edit.begun());
    auto r = std::forward<Write>(write)();
    if (!r) return r.error();
    KOTSU_TRY(edit.commit());
    return r;
}

}  // namespace kotsu::annotate
