#include "capture/ingest.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "capture/copy_verify.hpp"
#include "capture/probe.hpp"
#include "core/files.hpp"
#include "core/progress.hpp"
#include "core/text_encoding.hpp"

namespace fs = std::filesystem;

namespace kotsu::capture {

namespace {

// The temporaries of one ingest: "media/.incoming.tmp-<pid>-<n><ext>" while copying.
constexpr const char* kIncomingStem = "incoming";

std::string lowercaseExtension(const std::string& file) {
    std::string ext = fs::path(file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

struct FileStamp {
    std::int64_t size = -1;
    std::int64_t mtimeNs = -1;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

FileStamp stampOf(const std::string& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return {};
    return {static_cast<std::int64_t>(st.st_size),
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::string describeAudio(const ProbeFacts& p) {
    return p.audioCodec + " " + std::to_string(p.sampleRate) + " Hz " + p.channelLayout;
}

Status checkRoleFits(const std::string& file, const std::string& role, const ProbeFacts& p) {
    if (isVideoRole(role) && !p.hasVideo)
        return Error::make(file, "has no video stream (audio only: " + describeAudio(p) + "); a '" + role +
                                     "' asset needs a picture — to add it as the session's sound, use --role audio");
    if (role == "audio" && !p.hasAudio)
        return Error::make(file, "has no audio stream; give it a video role (--role main, handcam or overview)");
    return {};
}

// Finds the session (or makes it) inside the caller's transaction, and fills in what it lacks.
Result<Session> sessionFor(catalog::Catalog& cat, const IngestRequest& req, const ProbeFacts& p,
                           std::vector<std::string>& notes) {
    auto found = cat.findSession(req.sessionTitle);
    if (!found) return found.error();
    if (!found->has_value()) {
        Session s;
        s.title = req.sessionTitle;
        s.worker = req.worker;
        s.task = req.task;
        s.site = req.site;
        s.recordedAt = p.creationTime;
        return cat.createSession(s);
    }
    Session s = **found;
    bool changed = false;
    auto fill = [&](std::string& field, const std::string& given, const char* what) {
        if (given.empty() || field == given) return;
        if (field.empty()) {
            field = given;
            changed = true;
        } else {
            notes.push_back(std::string("session '") + s.title + "' keeps its " + what + " '" + field + "' (not '" +
                            given + "')");
        }
    };
    fill(s.worker, req.worker, "worker");
    fill(s.task, req.task, "task");
    fill(s.site, req.site, "site");
    if (s.recordedAt.empty() && !p.creationTime.empty()) {
        s.recordedAt = p.creationTime;
        changed = true;
    }
    if (changed) KOTSU_TRY(cat.updateSession(s));
    return s;
}

// A failure of one step, reported against the file the user named.
Error about(const std::string& file, const Error& e) {
    if (e.path == file) return e;
    return Error{e.code, file, e.path.empty() ? e.message : e.what()};
}

IngestReport ingestOne(const Library& lib, catalog::Catalog& cat, const IngestRequest& req, const std::string& file,
                       const BytesProgress& bytes, const std::function<void(Micros)>& onDuration) {
    IngestReport rep;
    rep.file = file;
    auto failed = [&](Error e) {
        rep.error = about(file, e);
        return rep;
    };
    if (!isRole(req.role))
        return failed(Error::make(file, "unknown role '" + req.role + "' (main, handcam, overview or audio)"));
    if (req.sessionTitle.empty()) return failed(Error::make(file, "no session given (--session \"…\")"));
    if (req.cancel.cancelled()) return failed(Error::make(file, "cancelled"));

    // Probe and decode check first: a file that is not usable media is refused before a byte is copied.
    auto before = stampOf(file);
    auto facts = probeFile(file);
    if (!facts) return failed(facts.error());
    if (auto s = checkRoleFits(file, req.role, *facts); !s) return failed(s.error());
    if (auto s = verifyDecodes(file, *facts); !s) return failed(s.error());
    if (onDuration) onDuration(facts->duration);

    std::error_code ec;
    fs::create_directories(lib.mediaDir(), ec);
    if (ec) return failed(Error::make(lib.mediaDir().string(), "cannot create: " + ec.message()));
    const std::string ext = lowercaseExtension(file);
    TempPath incoming(lib.mediaDir() / (kIncomingStem + ext));
    auto copied = copyHashed(file, incoming.temp(), bytes, req.cancel);
    if (!copied) return failed(copied.error());

    auto existing = cat.assetByChecksum(copied->checksum);
    if (!existing) return failed(existing.error());
    if (existing->has_value()) {
        rep.duplicate = true;
        rep.asset = **existing;
        auto s = cat.session(rep.asset.sessionId);
        if (s) rep.session = *s;
        return rep;  // `incoming` removes the copy
    }

    auto readBack = hashFile(incoming.temp(), true, req.cancel);
    if (!readBack) return failed(readBack.error());
    if (*readBack != copied->checksum)
        return failed(Error::make(file, "the copy in media/ reads back different bytes (checksum " + *readBack +
                                            " instead of " + copied->checksum + "); nothing was ingested"));
    if (stampOf(file) != before || copied->size != before.size)
        return failed(Error::make(file, "changed while it was being copied; nothing was ingested"));

    // The bytes move to the temporary name of their final path; the rename into place happens inside
    // the transaction, after the row is in, so a failed insert leaves nothing behind.
    const std::string relative = "media/" + copied->checksum + ext;
    TempPath placed(lib.root / relative);
    fs::rename(incoming.temp(), placed.temp(), ec);
    if (ec) return failed(Error::make(placed.temp().string(), "cannot rename: " + ec.message()));

    catalog::Transaction tx(cat.db());
    if (auto s = tx.begun(); !s) return failed(s.error());
    // Another kotsu may have ingested the same bytes since the check above; the write lock is ours now.
    auto raced = cat.assetByChecksum(copied->checksum);
    if (!raced) return failed(raced.error());
    if (raced->has_value()) {
        rep.duplicate = true;
        rep.asset = **raced;
        if (auto s = cat.session(rep.asset.sessionId)) rep.session = *s;
        return rep;
    }
    auto session = sessionFor(cat, req, *facts, rep.notes);
    if (!session) return failed(session.error());
    Asset a;
    a.sessionId = session->id;
    a.role = req.role;
    a.originalName = fs::path(file).filename().string();
    a.path = relative;
    a.checksum = copied->checksum;
    a.size = copied->size;
    a.probe = *facts;
    auto added = cat.addAsset(a);
    if (!added) return failed(added.error());
    if (auto s = placed.commit(); !s) return failed(s.error());
    if (auto s = tx.commit(); !s) {
        fs::remove(placed.final(), ec);
        return failed(s.error());
    }
    rep.ok = true;
    rep.asset = *added;
    rep.session = *session;
    return rep;
}

}  // namespace

bool isRole(std::string_view role) { return isVideoRole(role) || role == "audio"; }

bool isVideoRole(std::string_view role) { return role == "main" || role == "handcam" || role == "overview"; }

void removeStaleTemporaries(const Library& lib) { removeStaleTempsIn(lib.mediaDir()); }

std::vector<IngestReport> ingest(const Library& lib, catalog::Catalog& cat, const IngestRequest& req,
                                 const std::vector<std::string>& files, const IngestProgressFn& progress,
                                 const IngestReportFn& onReport) {
    removeStaleTemporaries(lib);
    std::vector<IngestReport> reports;
    reports.reserve(files.size());
    // Refused before any file is copied: the catalog would refuse it anyway, after the copy and the check.
    const std::pair<const std::string*, const char*> texts[] = {
        {&req.sessionTitle, "the session's title (--session)"}, {&req.worker, "the worker (--worker)"},
        {&req.task, "the task (--task)"}, {&req.site, "the site (--site)"}, {&req.role, "the role (--role)"}};
    for (const auto& [text, what] : texts) {
        if (auto st = requireUtf8(*text, what); !st) {
            for (const auto& f : files) {
                reports.push_back(IngestReport{.file = f, .error = st.error()});
                if (onReport) onReport(reports.back());
            }
            return reports;
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        IngestProgress pr{i, files.size(), files[i], 0, 0};
        std::int64_t size = stampOf(files[i]).size;
        auto onDuration = [&](Micros d) {
            pr.total = d > 0 ? d : 1;
            if (progress) progress(pr);
        };
        auto onBytes = [&](std::int64_t done) {
            if (!progress || size <= 0) return;
            pr.done = static_cast<Micros>(static_cast<double>(pr.total) * static_cast<double>(done) /
                                          static_cast<double>(size));
            progress(pr);
        };
        reports.push_back(ingestOne(lib, cat, req, files[i], onBytes, onDuration));
        if (onReport) onReport(reports.back());
    }
    return reports;
}

}  // namespace kotsu::capture
