#include "annotate/caption_service.hpp"

namespace kotsu::annotate {

Status validateCues(const std::vector<Cue>& cues, Micros mediaDuration) {
    for (size_t i = 0; i < cues.size(); ++i) {
        const Cue& c = cues[i];
        const std::string where = "cue " + std::to_string(i + 1) + " (" + formatTime(c.start) + ")";
        if (c.start < 0) return Error::make(where, "starts before the media");
        if (c.end <= c.start) return Error::make(where, "the end must come after the start");
        if (mediaDuration > 0 && c.start >= mediaDuration)
            return Error::make(where, "starts after the media ends (" + formatTime(mediaDuration) + ")");
    }
    return {};
}

Status CaptionService::replace(const std::string& lang, const std::vector<Cue>& cues, const std::string& source) {
    auto r = inOneEdit(cat_, sessionId_, SessionEdit::Rules::KeepValid, [&]() -> Status {
        auto duration = cat_.sessionDuration(sessionId_);
        if (!duration) return duration.error();
        KOTSU_TRY(validateCues(cues, *duration));
        return cat_.replaceCues(sessionId_, lang, cues);
    });
    if (!r) return Error::make(source, r.error().what());
    return r;
}

Result<Cue> CaptionService::insert(const std::string& lang, const Cue& c) { return cat_.restoreCue(sessionId_, lang, c); }

Status CaptionService::update(const Cue& c) { return cat_.updateCue(c); }

Status CaptionService::erase(Id cueId) { return cat_.removeCue(cueId); }

}  // namespace kotsu::annotate
