#include "annotate/marker_service.hpp"

#include <algorithm>

#include "core/marker_rules.hpp"

namespace kotsu::annotate {

using Rules = SessionEdit::Rules;

Result<Marker> MarkerService::add(const Marker& m) {
    Marker fresh = m;
    fresh.id = 0;  // a new marker: the catalog hands out an id never used before
    return inOneEdit(cat_, sessionId_, Rules::KeepValid, [&] { return insert(fresh); });
}

Status MarkerService::remove(Id markerId) {
    return inOneEdit(cat_, sessionId_, Rules::KeepValid, [&] { return erase(markerId); });
}

Status MarkerService::change(const Marker& m) {
    return inOneEdit(cat_, sessionId_, Rules::KeepValid, [&] { return update(m); });
}

Status MarkerService::setAngle(Id markerId, const std::string& angle) {
    return inOneEdit(cat_, sessionId_, Rules::KeepValid, [&]() -> Status {
        auto ms = cat_.markers(sessionId_);
        if (!ms) return ms.error();
        auto it = std::find_if(ms->begin(), ms->end(), [&](const Marker& m) { return m.id == markerId; });
        if (it == ms->end()) return Error::make("marker " + std::to_string(markerId), "no such marker in this session");
        Marker m = *it;
        m.angle = angle == "main" ? "" : angle;
        return update(m);
    });
}

Result<std::vector<Marker>> MarkerService::import(const std::vector<Marker>& ms, ImportMode mode,
                                                  const std::string& source) {
    auto r = inOneEdit(cat_, sessionId_, Rules::Strict, [&]() -> Result<std::vector<Marker>> {
        std::vector<Marker> fresh = ms;
        for (auto& m : fresh) {
            m.id = 0;
            m.sessionId = sessionId_;
        }
        // Checked first in the file's order, so "entry 3" is the file's third (after the
        // session's own when appending); the commit checks the stored set again.
        auto all = mode == ImportMode::Append ? cat_.markers(sessionId_) : std::vector<Marker>{};
        if (!all) return all.error();
        all->insert(all->end(), fresh.begin(), fresh.end());
        auto duration = cat_.sessionDuration(sessionId_);
        if (!duration) return duration.error();
        KOTSU_TRY(validateMarkers(*all, *duration));
        for (size_t i = 0; i < fresh.size(); ++i)
            if (auto ok = checkAngle(fresh[i]); !ok) return Error::make("markers[" + std::to_string(i) + "]", ok.error().message);
        if (mode == ImportMode::Replace) {
            KOTSU_TRY(cat_.replaceMarkers(sessionId_, fresh));
        } else {
            for (const auto& m : fresh) KOTSU_TRY(cat_.addMarker(m));
        }
        return cat_.markers(sessionId_);
    });
    if (!r) return Error::make(source, r.error().what());
    return r;
}

// The marker's own rules before the write (the catalog's CHECK would refuse a reversed range in
// its own words); the media's end and the rules between markers wait for the commit, when every
// part of the edit is written and a session already past a shorter proxy's end can be mended.
Status MarkerService::checkAlone(const Marker& m) {
    KOTSU_TRY(validateMarker(m, 0));
    return checkAngle(m);
}

// A step's angle must be one of the session's cameras now (not only when it was chosen: the CLI and
// the editor refuse the same names with the same words).
Status MarkerService::checkAngle(const Marker& m) {
    if (m.angle.empty() || m.angle == "main") return {};
    const std::string what = "marker " + (m.id ? std::to_string(m.id) : std::string("at ") + formatTime(m.in));
    if (m.kind != MarkerKind::Step) return Error::make(what, "only a step chooses an angle (this is a " + std::string(toString(m.kind)) + ")");
    auto angles = cat_.angles(sessionId_);
    if (!angles) return angles.error();
    std::string names;
    for (const auto& a : *angles) {
        if (a.name == m.angle) return {};
        names += (names.empty() ? "" : ", ") + a.name;
    }
    return Error::make(what, "the session has no '" + m.angle + "' angle (its angles: " +
                                 (names.empty() ? std::string("none") : names) + ")");
}

Result<Marker> MarkerService::insert(const Marker& m) {
    Marker in = m;
    in.sessionId = sessionId_;
    KOTSU_TRY(checkAlone(in));
    return cat_.restoreMarker(in);
}

Status MarkerService::update(const Marker& m) {
    Marker in = m;
    in.sessionId = sessionId_;
    KOTSU_TRY(checkAlone(in));
    return cat_.updateMarker(in);
}

Status MarkerService::erase(Id markerId) { return cat_.removeMarker(sessionId_, markerId); }

}  // namespace kotsu::annotate
