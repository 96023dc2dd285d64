// kotsu suggest
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "annotate/suggest/suggest.hpp"
#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "core/json_io.hpp"

namespace kotsu::cli {

namespace {

int runSuggest(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return fail("suggest: give one SESSION (title or id)");
    annotate::SuggestOptions options;
    if (auto list = a.value("detectors")) {
        auto ds = annotate::parseDetectors(*list);
        if (!ds) return fail(ds.error());
        options.detectors = *ds;
    }
    if (auto spacing = a.value("min-spacing")) {
        auto us = parseTime(*spacing);
        if (!us || *us < 0) return fail("suggest: --min-spacing wants seconds, e.g. 1.5");
        options.minSpacing = *us;
    }
    if (a.has("full-decode")) options.fastDecode = false;

    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto session = findSessionOrFail(*cat, a.positional[0]);
    if (!session) return 1;
    Micros total = 0;
    if (auto assets = cat->assets(session->id))
        for (const auto& asset : *assets) total = std::max(total, asset.probe.duration);

    Progress progress("suggest " + session->title, total, Progress::stderrIsTerminal());
    auto report = annotate::runSuggestions(lib, *cat, *session, options, &progress);
    progress.finish();
    if (!report) return fail(report.error());
    for (const auto& note : report->notes) std::fprintf(stderr, "kotsu: note: %s\n", note.c_str());

    if (a.has("json")) {
        // ordered: time first, as people read it
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& s : report->suggestions)
            list.push_back(
                {{"time", double(s.time) / 1e6}, {"time_us", s.time}, {"score", s.score}, {"reason", s.reason}});
        nlohmann::ordered_json out{{"suggestions", std::move(list)}};
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::string ran;
    for (auto d : report->ran) ran += std::string(ran.empty() ? "" : ",") + annotate::toString(d);
    std::printf("session %lld: %s — %zu suggestion(s) [%s]\n", static_cast<long long>(session->id),
                session->title.c_str(), report->suggestions.size(), ran.c_str());
    for (const auto& s : report->suggestions)
        std::printf("  %s  %-8s  %.2f%s\n", formatTime(s.time).c_str(), s.reason.c_str(), s.score,
                    s.state == "open" ? "" : ("  (" + s.state + " earlier)").c_str());
    return 0;
}

}  // namespace

std::vector<Command> suggestCommands() {
    return {
        {.name = "suggest",
         .summary = "propose step boundaries from cuts, fades, motion and pauses in speech (stored as open suggestions)",
         .positionals = {sessionArg()},
         .options = {jsonFlag(),
                     {"detectors", "LIST", "which to run: content,adaptive,fade,motion,audio",
                      checks::parsedBy(annotate::parseDetectors)},
                     {"min-spacing", "SECONDS", "the least time between two suggestions", checks::time()},
                     {"full-decode", "", "decode every frame (slower, for footage the fast path misreads)"}},
         .run = runSuggest},
    };
}

}  // namespace kotsu::cli
