#pragma once
// The one place markers are edited, for `kotsu markers` and the editor alike. Each public edit is
// one SessionEdit (a catalog transaction checked against core/marker_rules before it commits);
// the writes below them are what the editor's commands call inside the SessionEdit the command
// stack holds open, so a split step (a trim and an add) is checked once, as a whole.
#include <string>
#include <vector>

#include "annotate/session_edit.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::annotate {

enum class ImportMode { Replace, Append };

class MarkerService {
public:
    MarkerService(catalog::Catalog& cat, Id sessionId) : cat_(cat), sessionId_(sessionId) {}

    // One edit each.
    [[nodiscard]] Result<Marker> add(const Marker& m);
    [[nodiscard]] Status remove(Id markerId);
    [[nodiscard]] Status change(const Marker& m);
    // The angle a step's package clip is cut from: "main" (or "") or a session angle's name
    // (Catalog::angles). Refused for a marker that is not a step and for an angle the session lacks.
    [[nodiscard]] Status setAngle(Id markerId, const std::string& angle);
    // Markers read from `source` (a file, named in errors): instead of the session's, or after
    // them (the markers already there keep their ids). Returns the markers as stored.
    [[nodiscard]] Result<std::vector<Marker>> import(const std::vector<Marker>& ms, ImportMode mode,
                                                     const std::string& source);

    // Writes for an edit the caller holds open.
    [[nodiscard]] Result<Marker> insert(const Marker& m);  // keeps m.id when set: a redo brings a marker back
    [[nodiscard]] Status update(const Marker& m);
    [[nodiscard]] Status erase(Id markerId);

private:
    [[nodiscard]] Status checkAlone(const Marker& m);
    [[nodiscard]] Status checkAngle(const Marker& m);

    catalog::Catalog& cat_;
    Id sessionId_;
};

}  // namespace kotsu::annotate
