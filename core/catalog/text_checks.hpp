#pragma once
// Every text the catalog stores is UTF-8: a CP932 title let in once makes every later JSON write
// (list --json, the package manifest, the editor's autosave) fail, long after the import that caused it.
// The catalog's writes check here, so the CLI, the services and the editor are all covered.
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/text_encoding.hpp"

namespace kotsu::catalog {

[[nodiscard]] inline Status checkText(const Marker& m) {
    const std::string what = "marker" + (m.id ? " " + std::to_string(m.id) : std::string()) + " at " + formatTime(m.in);
    KOTSU_TRY(requireUtf8(m.title, what + ": the title"));
    KOTSU_TRY(requireUtf8(m.note, what + ": the note"));
    KOTSU_TRY(requireUtf8(m.warning, what + ": the warning"));
    KOTSU_TRY(requireUtf8(m.author, what + ": the author"));
    for (const auto& t : m.tags) KOTSU_TRY(requireUtf8(t, what + ": a tag"));
    return {};
}

[[nodiscard]] inline Status checkText(const std::string& lang, const Cue& c) {
    KOTSU_TRY(requireUtf8(lang, "the caption language"));
    return requireUtf8(c.text, "the caption at " + formatTime(c.start));
}

[[nodiscard]] inline Status checkText(const Session& s) {
    const std::pair<const std::string*, const char*> fields[] = {
        {&s.title, "title"}, {&s.worker, "worker"}, {&s.task, "task"},          {&s.site, "site"},
        {&s.crew, "crew"},   {&s.language, "language"}, {&s.recordedAt, "recording time"}};
    for (const auto& [text, name] : fields) KOTSU_TRY(requireUtf8(*text, std::string("the session's ") + name));
    return {};
}

}  // namespace kotsu::catalog
