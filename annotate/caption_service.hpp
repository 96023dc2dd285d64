#pragma once
// The one place caption cues are edited, for `kotsu captions` and the editor alike: the same
// checks on cues (validateCues) and one SessionEdit per edit; the writes below are what the
// editor's commands call inside the SessionEdit its command stack holds open.
#include <string>
#include <vector>

#include "annotate/session_edit.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::annotate {

// Each cue ends after it starts and starts inside the media (mediaDuration ≤ 0: not checked).
// Errors name the cue: "cue 3 (00:01:00.000): starts after the media ends (00:00:40.000)".
[[nodiscard]] Status validateCues(const std::vector<Cue>& cues, Micros mediaDuration);

class CaptionService {
public:
    CaptionService(catalog::Catalog& cat, Id sessionId) : cat_(cat), sessionId_(sessionId) {}

    // Every cue of `lang` replaced by those read from `source` (a file, named in errors): one edit.
    [[nodiscard]] Status replace(const std::string& lang, const std::vector<Cue>& cues, const std::string& source);

    // Writes for an edit the caller holds open.
    [[nodiscard]] Result<Cue> insert(const std::string& lang, const Cue& c);  // keeps c.id when set (redo)
    [[nodiscard]] Status update(const Cue& c);
    [[nodiscard]] Status erase(Id cueId);

private:
    catalog::Catalog& cat_;
    Id sessionId_;
};

}  // namespace kotsu::annotate
