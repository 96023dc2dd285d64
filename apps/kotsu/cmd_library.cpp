// kotsu init | sessions | show | search
#include <cstdio>

#include "apps/kotsu/cli.hpp"
#include "core/json_io.hpp"

namespace kotsu::cli {

namespace {

int runInit(const Args& a, const Library& lib) {
    if (!a.positional.empty()) return fail("init: unexpected argument '" + a.positional[0] + "'");
    auto r = Library::init(lib.root);
    if (!r) return fail(r.error());
    std::printf("library ready: %s\n", lib.root.c_str());
    return 0;
}

int runSessions(const Args& a, const Library& lib) {
    if (!a.positional.empty()) return fail("sessions: unexpected argument '" + a.positional[0] + "'");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto ss = cat->sessions();
    if (!ss) return fail(ss.error());
    if (a.has("json")) {
        nlohmann::json out{{"sessions", nlohmann::json::array()}};
        for (const auto& s : *ss) {
            auto j = toJson(s);
            auto as = cat->assets(s.id);
            j["assets"] = as ? as->size() : 0;
            out["sessions"].push_back(j);
        }
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    if (ss->empty()) std::printf("no sessions yet (kotsu ingest FILE --session \"…\")\n");
    for (const auto& s : *ss) {
        auto as = cat->assets(s.id);
        std::printf("%4lld  %s  [%s / %s / %s]  %zu asset(s)\n", static_cast<long long>(s.id), s.title.c_str(),
                    s.worker.c_str(), s.task.c_str(), s.site.c_str(), as ? as->size() : size_t{0});
    }
    return 0;
}

int runShow(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return fail("show: give one SESSION (title or id)");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto s = findSessionOrFail(*cat, a.positional[0]);
    if (!s) return 1;
    auto as = cat->assets(s->id);
    if (!as) return fail(as.error());
    auto ms = cat->markers(s->id);
    if (!ms) return fail(ms.error());
    if (a.has("json")) {
        auto j = toJson(*s);
        j["library"] = lib.root.string();
        j["assets"] = nlohmann::json::array();
        for (const auto& asset : *as) {
            auto aj = toJson(asset);
            aj["renditions"] = nlohmann::json::array();
            auto rs = cat->renditions(asset.id);
            if (rs)
                for (const auto& r : *rs) aj["renditions"].push_back(toJson(r));
            j["assets"].push_back(aj);
        }
        j["markers"] = ms->size();
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    std::printf("session %lld: %s\n  worker: %s\n  task:   %s\n  site:   %s\n  markers: %zu\n",
                static_cast<long long>(s->id), s->title.c_str(), s->worker.c_str(), s->task.c_str(), s->site.c_str(),
                ms->size());
    for (const auto& asset : *as) {
        const auto& p = asset.probe;
        std::printf("  asset %lld [%s] %s  %s  %s\n", static_cast<long long>(asset.id), asset.role.c_str(),
                    asset.originalName.c_str(), formatTime(p.duration).c_str(), asset.checksum.c_str());
        if (p.hasVideo)
            std::printf("    video: %s %dx%d %.3f fps (avg %.3f) rot %d sar %d:%d %s %s range %s trc %s\n",
                        p.videoCodec.c_str(), p.width, p.height, p.frameRate.toDouble(), p.avgFrameRate.toDouble(),
                        p.rotation, p.sampleAspect.num, p.sampleAspect.den, p.fieldOrder.c_str(),
                        p.pixelFormat.c_str(), p.colorRange.c_str(), p.colorTransfer.c_str());
        if (p.hasAudio)
            std::printf("    audio: %s %d Hz %d ch (%s)\n", p.audioCodec.c_str(), p.sampleRate, p.channels,
                        p.channelLayout.c_str());
        auto rs = cat->renditions(asset.id);
        if (rs)
            for (const auto& r : *rs) {
                std::printf("    %-8s %dx%d  %s", r.profile.c_str(), r.width, r.height,
                            (lib.root / r.path).c_str());
                if (r.voice) std::printf("  voice %.1f LUFS / %.1f dBTP", r.voice->integrated, r.voice->truePeak);
                if (r.workSound) std::printf("  work %.1f LUFS", r.workSound->integrated);
                std::printf("\n");
            }
    }
    return 0;
}

int runSearch(const Args& a, const Library& lib) {
    if (a.positional.empty()) return fail("search: give WORDS to search for");
    std::string words;
    for (const auto& w : a.positional) words += (words.empty() ? "" : " ") + w;
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto hits = cat->search(words);
    if (!hits) return fail(hits.error());
    if (a.has("json")) {
        nlohmann::json out{{"query", words}, {"hits", nlohmann::json::array()}};
        for (const auto& h : *hits)
            out["hits"].push_back({{"kind", h.kind},
                                   {"session_id", h.sessionId},
                                   {"session", h.sessionTitle},
                                   {"id", h.itemId},
                                   {"time", formatTime(h.time)},
                                   {"time_us", h.time},
                                   {"text", h.text}});
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    if (hits->empty()) std::printf("nothing found for '%s'\n", words.c_str());
    for (const auto& h : *hits)
        std::printf("%-8s %s  %s  %s\n", h.kind.c_str(), h.sessionTitle.c_str(), formatTime(h.time).c_str(),
                    h.text.c_str());
    return 0;
}

}  // namespace

std::vector<Command> libraryCommands() {
    return {
        {.name = "init", .summary = "create the library: catalog.db, media/, cache/", .run = runInit},
        {.name = "sessions", .summary = "list the recording sessions", .options = {jsonFlag()}, .run = runSessions},
        {.name = "show",
         .summary = "a session, its assets with probe facts, and their renditions",
         .positionals = {sessionArg()},
         .options = {jsonFlag()},
         .run = runShow},
        {.name = "search",
         .summary = "search sessions, markers and captions (Japanese included)",
         .positionals = {{.name = "WORDS", .help = "the words to look for", .many = true}},
         .options = {jsonFlag()},
         .run = runSearch},
    };
}

}  // namespace kotsu::cli
