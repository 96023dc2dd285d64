// kotsu ingest FILE… --session TITLE [--worker W] [--task T] [--site S] [--role R] [--json]
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "capture/ingest.hpp"
#include "capture/record/tag_placement.hpp"
#include "core/json_io.hpp"
#include "core/progress.hpp"

namespace kotsu::cli {

namespace {

std::string videoSummary(const ProbeFacts& p) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s %dx%d %.3f fps", p.videoCodec.c_str(), p.width, p.height,
                  p.avgFrameRate.valid() ? p.avgFrameRate.toDouble() : p.frameRate.toDouble());
    std::string s = buf;
    if (p.rotation) s += " rot " + std::to_string(p.rotation);
    return s;
}

std::string assetSummary(const Asset& a) {
    const auto& p = a.probe;
    std::string s;
    if (p.hasVideo) s += videoSummary(p);
    if (p.hasAudio) s += (s.empty() ? "" : ", ") + p.audioCodec + " " + std::to_string(p.sampleRate) + " Hz " + p.channelLayout;
    s += ", " + formatTime(p.duration);
    return s;
}

nlohmann::json reportJson(const capture::IngestReport& r) {
    nlohmann::json j{{"file", r.file}, {"status", r.ok ? "ingested" : r.duplicate ? "duplicate" : "failed"}};
    if (r.ok || r.duplicate) {
        j["asset"] = toJson(r.asset);
        j["session"] = {{"id", r.session.id}, {"title", r.session.title}};
    } else {
        j["error"] = r.error.what();
    }
    if (!r.notes.empty()) j["notes"] = r.notes;
    return j;
}

int runIngest(const Args& a, const Library& lib) {
    if (a.positional.empty()) return fail("ingest: give one or more FILEs to ingest");
    auto title = a.value("session");
    if (!title || title->empty()) return fail("ingest: --session \"TITLE\" is required (the recording session the files belong to)");
    capture::IngestRequest req;
    req.sessionTitle = *title;
    req.worker = a.valueOr("worker", "");
    req.task = a.valueOr("task", "");
    req.site = a.valueOr("site", "");
    req.role = a.valueOr("role", "main");  // checked by the command line (capture::isRole)
    const bool json = a.has("json");
    FILE* info = json ? stderr : stdout;  // --json keeps stdout for the JSON alone

    if (!std::filesystem::exists(lib.catalogPath())) {
        auto made = Library::init(lib.root);
        if (!made) return fail(made.error());
        std::fprintf(info, "created library at %s\n", lib.root.c_str());
        std::fflush(info);
    }
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;

    std::optional<Progress> bar;
    std::size_t barFor = static_cast<std::size_t>(-1);
    const bool drawProgress = Progress::stderrIsTerminal();
    auto onProgress = [&](const capture::IngestProgress& p) {
        if (!drawProgress) return;
        if (barFor != p.index) {
            bar.reset();
            bar.emplace("ingest " + std::to_string(p.index + 1) + "/" + std::to_string(p.count) + " " +
                            std::filesystem::path(p.file).filename().string(),
                        p.total, true);
            barFor = p.index;
        }
        bar->update(p.done);
    };
    int ingested = 0, duplicates = 0, failed = 0;
    auto onReport = [&](const capture::IngestReport& r) {
        bar.reset();  // the finished file's line replaces its progress bar
        if (r.ok) {
            ++ingested;
            if (!json)
                std::printf("ingested  %s → session '%s', asset %lld [%s]: %s\n", r.file.c_str(),
                            r.session.title.c_str(), static_cast<long long>(r.asset.id), r.asset.role.c_str(),
                            assetSummary(r.asset).c_str());
        } else if (r.duplicate) {
            ++duplicates;
            if (!json)
                std::printf("duplicate %s: already in the library as asset %lld of session '%s' (%s)\n",
                            r.file.c_str(), static_cast<long long>(r.asset.id), r.session.title.c_str(),
                            r.asset.path.c_str());
        } else {
            ++failed;
            fail(r.error);
        }
        for (const auto& n : r.notes) std::fprintf(info, "  note: %s\n", n.c_str());
        std::fflush(stdout);
    };
    auto reports = capture::ingest(lib, *cat, req, a.positional, onProgress, onReport);
    // Tags made with `kotsu tag` for this session land on the camera files just ingested.
    auto takes = record::tagTakesOf(lib, req.sessionTitle);
    if (!takes) fail(takes.error());
    const Micros offset = static_cast<Micros>(std::stod(a.valueOr("clock-offset", "0")) * 1e6);
    for (const auto& r : reports) {
        if (!r.ok || !takes || takes->empty() || !r.asset.probe.hasVideo) continue;
        auto placed = record::placeTags(lib, *cat, r.asset, *takes, offset);
        if (!placed) {
            fail(placed.error());
            continue;
        }
        for (const auto& n : placed->notes) std::fprintf(info, "  note: %s\n", n.c_str());
        if (placed->method == "none") continue;
        std::fprintf(info, "tags      %s: %d markers; alignment: %s", r.file.c_str(), placed->markers, placed->method.c_str());
        if (placed->method.starts_with("sync")) std::fprintf(info, ", %+.3f s off the clocks", placed->correction / 1e6);
        std::fprintf(info, "\n");
    }
    if (json) {
        nlohmann::json out{{"library", lib.root.string()}, {"session", req.sessionTitle},
                           {"ingested", ingested},         {"duplicates", duplicates},
                           {"failed", failed},             {"files", nlohmann::json::array()}};
        for (const auto& r : reports) out["files"].push_back(reportJson(r));
        std::printf("%s\n", out.dump(2).c_str());
    } else if (reports.size() > 1) {
        std::printf("%zu files: %d ingested, %d duplicate, %d failed\n", reports.size(), ingested, duplicates, failed);
    }
    return failed ? 1 : 0;
}

}  // namespace

std::vector<Command> ingestCommands() {
    return {
        {.name = "ingest",
         .summary = "copy camera files into the library, verified (checksum, read-back, probe, decode check)",
         .positionals = {{.name = "FILE", .help = "the camera files to copy in", .many = true}},
         .options = {{"session", "TITLE", "the recording session the files belong to", {}, true},
                     {"worker", "NAME", "who is recorded"},
                     {"task", "TASK", "what they do"},
                     {"site", "SITE", "where"},
                     {"role", "ROLE", "main, handcam, overview or audio (default main)",
                      checks::matching(capture::isRole, "main, handcam, overview or audio")},
                     {"clock-offset", "SECONDS", "camera clock + this = the PC clock of `kotsu tag` (e.g. -2.4)",
                      [](const std::string& what, const std::string& v) -> std::optional<std::string> {
                          try {
                              std::size_t used = 0;
                              double d = std::stod(v, &used);
                              if (used == v.size() && std::abs(d) < 86400 * 365) return std::nullopt;
                          } catch (...) {
                          }
                          return what + ": give seconds, e.g. -2.4, not '" + v + "'";
                      }},
                     jsonFlag()},
         .run = runIngest,
         .details = "Each FILE is copied into media/ and checked, or refused with a reason; nothing half-done stays.\n"
                    "The session is created on first use (worker/task/site fill in its empty fields).\n"
                    "A file already in the library is reported as a duplicate, not copied again.\n"
                    "The library is created when it does not exist yet. Exit status 1 when any file failed."},
    };
}

}  // namespace kotsu::cli
