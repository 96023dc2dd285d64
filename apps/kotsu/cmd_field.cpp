// kotsu serve | records | followup
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "field/followup.hpp"
#include "field/record_file.hpp"
#include "field/records.hpp"
#include "field/serve/server.hpp"

namespace kotsu::cli {

namespace {

using nlohmann::json;

// "HOST:PORT", "[::1]:PORT" or ":PORT"
bool splitListen(const std::string& s, std::string& host, int& port) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos) return false;
    host = s.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) host = "127.0.0.1";
    char* end = nullptr;
    long p = std::strtol(s.c_str() + colon + 1, &end, 10);
    if (colon + 1 == s.size() || *end || p < 0 || p > 65535) return false;
    port = static_cast<int>(p);
    return true;
}

int runServe(const Args& a, const Library& lib) {
    field::ServeOptions opt;
    if (auto l = a.value("listen"); l && !splitListen(*l, opt.host, opt.port))
        return fail("serve: --listen must look like 127.0.0.1:8080 (port 0: any free port)");
    opt.ready = [](const std::string& url) {
        std::printf("serving %s\n", url.c_str());
        std::printf("  packages and viewing records of this library; Ctrl-C stops\n");
        std::fflush(stdout);
    };
    opt.log = [](const std::string& line) { std::fprintf(stderr, "kotsu serve: %s\n", line.c_str()); };
    auto r = field::serve(lib, opt);
    if (!r) return fail(r.error());
    std::printf("stopped\n");
    return 0;
}

int recordsImport(const Args& a, const Library& lib) {
    if (a.positional.size() < 2) return usage("records", "import: give one or more FILEs (the player's \"Export records\" files)");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    int failed = 0;
    for (size_t i = 1; i < a.positional.size(); ++i) {
        const auto& file = a.positional[i];
        auto list = field::readRecordFile(file);
        if (!list) { fail(list.error()); failed++; continue; }
        auto r = field::storeStatements(*cat, *list, file);
        if (!r) { fail(r.error()); failed++; continue; }
        std::printf("%s: %d statement(s), %d new, %d already stored\n", file.c_str(), r->received, r->added, r->duplicates);
    }
    return failed ? 1 : 0;
}

int recordsExport(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return usage("records", "export: takes no more words; the file goes after --xapi");
    auto file = a.value("xapi");
    if (!file) return usage("records", "export: --xapi FILE is required");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto n = field::exportStatements(*cat, 0, *file);
    if (!n) return fail(n.error());
    std::printf("wrote %d statement(s) to %s\n", *n, file->c_str());
    return 0;
}

int recordsShow(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return usage("records", "give one SESSION (or: records import FILE…, records export --xapi FILE)");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto s = findSessionOrFail(*cat, a.positional[0]);
    if (!s) return 1;
    auto cfg = field::loadFollowupConfig();
    if (!cfg) return fail(cfg.error());
    auto steps = field::stepsOfSession(*cat, s->id);
    if (!steps) return fail(steps.error());
    auto rows = cat->statements(s->id, "", a.valueOr("trainee", ""));
    if (!rows) return fail(rows.error());
    auto recs = field::summarize(*steps, s->id, *rows, cfg->watched);
    if (a.has("json")) {
        json out{{"session", s->title}, {"session_id", s->id}, {"records", json::array()}};
        for (const auto& r : recs)
            out["records"].push_back(json{{"trainee", r.trainee}, {"step", r.step.index}, {"step_id", r.step.id},
                                          {"title", r.step.title}, {"safety", r.step.safety}, {"views", r.views},
                                          {"coverage", r.coverage}, {"watched", r.watched}, {"loops", r.loops},
                                          {"seeks_back", r.seeksBack}, {"slow_seconds", r.slowSeconds},
                                          {"watch_seconds", r.watchSeconds}, {"first", r.first}, {"last", r.last}});
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    if (recs.empty()) std::printf("no viewing records for '%s' yet\n", s->title.c_str());
    std::string who;
    for (const auto& r : recs) {
        if (r.trainee != who) {
            who = r.trainee;
            std::printf("%s — %s\n  step  watched  views loops seeks-back slow(s) time(s)\n", who.c_str(), s->title.c_str());
        }
        std::printf("  %3d%s %4.0f%% %s %5d %5d %10d %7.0f %7.0f  %s\n", r.step.index, r.step.safety ? "⚠" : " ",
                    r.coverage * 100, r.watched ? "✓" : "·", r.views, r.loops, r.seeksBack, r.slowSeconds,
                    r.watchSeconds, r.step.title.c_str());
    }
    return 0;
}

int runRecords(const Args& a, const Library& lib) {
    const auto& first = a.positional.front();
    if (first == "import") return recordsImport(a, lib);
    if (first == "export") return recordsExport(a, lib);
    if (a.has("xapi")) return usage("records", "--xapi goes with `records export`");
    return recordsShow(a, lib);
}

std::time_t parseNow(const Args& a) {
    if (auto n = a.value("now")) return field::parseTimestamp(*n);
    return std::time(nullptr);
}

int followupNote(const Args& a, const Library& lib) {
    if (a.positional.size() != 2) return usage("followup", "note: give one TRAINEE");
    auto step = a.value("step");
    auto text = a.value("text");
    if (!step || !text || text->empty()) return usage("followup", "note: --step N and --text \"…\" are required");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    FollowupNote n;
    n.traineeId = a.positional[1];
    n.stepIndex = std::atoi(step->c_str());
    n.text = *text;
    if (auto s = a.value("session")) {
        auto found = findSessionOrFail(*cat, *s);
        if (!found) return 1;
        n.sessionId = found->id;
    }
    const char* user = std::getenv("USER");
    n.author = a.valueOr("author", user ? user : "");
    auto stored = cat->addFollowupNote(n);
    if (!stored) return fail(stored.error());
    std::printf("noted for %s, step %d (%s)\n", n.traineeId.c_str(), n.stepIndex, stored->createdAt.c_str());
    return 0;
}

int runFollowup(const Args& a, const Library& lib) {
    if (!a.positional.empty() && a.positional[0] == "note") return followupNote(a, lib);
    if (!a.positional.empty()) return usage("followup", "unexpected argument '" + a.positional[0] + "' (followup note TRAINEE …)");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto cfg = field::loadFollowupConfig();
    if (!cfg) return fail(cfg.error());
    field::FollowupQuery q;
    q.now = parseNow(a);
    if (q.now < 0) return fail("followup: --now must be an ISO 8601 time like 2026-12-02T09:00:00Z");
    if (auto since = a.value("since")) q.since = q.now - std::atoll(since->c_str()) * 86400;
    auto findings = field::followupReport(*cat, *cfg, q);
    if (!findings) return fail(findings.error());
    if (a.has("json")) {
        json out{{"as_of", field::formatTimestamp(q.now)}, {"findings", json::array()}};
        for (const auto& f : *findings) {
            json notes = json::array();
            for (const auto& n : f.notes)
                notes.push_back(json{{"step", n.stepIndex}, {"text", n.text}, {"author", n.author}, {"at", n.createdAt}});
            out["findings"].push_back(json{{"rule", f.rule}, {"priority", f.priority}, {"trainee", f.trainee},
                                           {"session", f.sessionTitle}, {"session_id", f.sessionId}, {"step", f.step},
                                           {"step_title", f.stepTitle}, {"detail", f.detail}, {"notes", notes}});
        }
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    if (a.has("csv")) {
        auto q2 = [](const std::string& s) {
            std::string o = "\"";
            for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
            return o + "\"";
        };
        std::printf("priority,rule,trainee,session,step,step_title,detail,notes\n");
        for (const auto& f : *findings)
            std::printf("%d,%s,%s,%s,%d,%s,%s,%zu\n", f.priority, f.rule.c_str(), q2(f.trainee).c_str(),
                        q2(f.sessionTitle).c_str(), f.step, q2(f.stepTitle).c_str(), q2(f.detail).c_str(), f.notes.size());
        return 0;
    }
    std::printf("follow-up as of %s\n", field::formatTimestamp(q.now).c_str());
    if (findings->empty()) std::printf("  nobody needs follow-up\n");
    for (const auto& f : *findings) {
        std::printf("  %d %-15s %-12s %s", f.priority, f.rule.c_str(), f.trainee.empty() ? "(editor)" : f.trainee.c_str(),
                    f.sessionTitle.c_str());
        if (f.step) std::printf(" step %d 「%s」", f.step, f.stepTitle.c_str());
        std::printf(": %s\n", f.detail.c_str());
        for (const auto& n : f.notes)
            std::printf("      note %s%s%s (step %d): %s\n", n.createdAt.c_str(), n.author.empty() ? "" : " by ",
                        n.author.c_str(), n.stepIndex, n.text.c_str());
    }
    return 0;
}

}  // namespace

std::vector<Command> fieldCommands() {
    return {
        {.name = "serve",
         .summary = "serve the library's packages on the site's network and collect their viewing records",
         .options = {{"listen", "HOST:PORT", "where to listen (default 127.0.0.1:8080; port 0 picks a free port)"}},
         .run = runServe,
         .details = "Prints `serving http://HOST:PORT/` when ready. Only package files are served; records are "
                    "written with the site token that the served pages carry."},
        {.name = "records",
         .summary = "viewing records: records SESSION | records import FILE… | records export --xapi FILE",
         .positionals = {{.name = "WORDS", .help = "SESSION, or import FILE…, or export", .many = true}},
         .options = {{"trainee", "ID", "only this trainee"},
                     jsonFlag(),
                     {"xapi", "FILE", "records export: write every statement as xAPI JSON"}},
         .run = runRecords,
         .details = "A session titled \"import\" or \"export\" is given by its id."},
        {.name = "followup",
         .summary = "who needs follow-up and why | followup note TRAINEE --step N --text \"…\"",
         .positionals = {{.name = "WORDS", .help = "note TRAINEE", .many = true, .optional = true}},
         .options = {{"since", "DAYS", "only records of the last DAYS days (30d or 30)", checks::matching([](const std::string& v) {
                          std::string d = !v.empty() && v.back() == 'd' ? v.substr(0, v.size() - 1) : v;
                          return !d.empty() && d.size() < 6 && d.find_first_not_of("0123456789") == std::string::npos;
                      }, "a number of days like 30d")},
                     jsonFlag(),
                     {"csv", "", "CSV instead of text"},
                     {"now", "TIME", "report as of this ISO 8601 time (default now)"},
                     {"step", "N", "followup note: the step (1-based)", checks::wholeNumber(0, 100000)},
                     {"text", "TEXT", "followup note: what was done"},
                     {"session", "SESSION", "followup note: the session (default any)"},
                     {"author", "NAME", "followup note: who (default $USER)"}},
         .run = runFollowup,
         .exclusive = {{"json", "csv"}}},
    };
}

}  // namespace kotsu::cli
