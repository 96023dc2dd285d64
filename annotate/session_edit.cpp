#include "annotate/session_edit.hpp"

#include "core/marker_rules.hpp"

namespace kotsu::annotate {

SessionEdit::SessionEdit(catalog::Catalog& cat, Id sessionId, Rules rules)
    : cat_(cat), sessionId_(sessionId), tx_(cat.db()), begun_(tx_.begun()) {
    // Read inside the transaction (BEGIN IMMEDIATE): no other writer can slip in between.
    if (begun_ && rules == Rules::KeepValid) checkRules_ = rulesHold().ok();
}

Status SessionEdit::rulesHold() {
    auto markers = cat_.markers(sessionId_);
    if (!markers) return markers.error();
    auto duration = cat_.sessionDuration(sessionId_);
    if (!duration) return duration.error();
    return validateMarkers(*markers, *duration);
}

Status SessionEdit::commit() {
    KOTSU_TRY(begun_);
    if (checkRules_) KOTSU_TRY(rulesHold());
    return tx_.commit();
}

}  // namespace kotsu::annotate
