#include "field/record_file.hpp"

#include <algorithm>
#include <map>

#include "core/files.hpp"
#include "core/json_io.hpp"
#include "core/marker_rules.hpp"
#include "field/xapi.hpp"

namespace kotsu::field {

using nlohmann::json;

Result<std::vector<json>> readRecordFile(const std::filesystem::path& file) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) return Error::make(file.string(), "cannot read: " + ec.message());
    if (size > kMaxRecordFileBytes) return Error::make(file.string(), "is larger than a record export can be (32 MB)");
    auto text = readFile(file);
    if (!text) return text.error();
    auto parsed = parseJson(*text, file.string());
    if (!parsed || !parsed->is_object() || parsed->value("format", "") != "kotsu.records")
        return Error::make(file.string(), "is not a kotsu record export (the player's \"Export records\" file)" +
                                              (parsed ? std::string() : ": " + parsed.error().message));
    const json& j = *parsed;
    if (j.value("version", 0) != 1) return Error::make(file.string(), "is a record export of a version this kotsu does not read");
    auto st = j.find("statements");
    if (st == j.end() || !st->is_array()) return Error::make(file.string(), "has no \"statements\" array");
    return st->get<std::vector<json>>();
}

Result<std::vector<json>> statementsOfBody(std::string_view body) {
    // Depth-bounded: a body nested thousands deep is refused before any value is built or copied.
    auto parsed = parseJson(body, "statements");
    if (!parsed) return Error::make("statements", "the body is " + parsed.error().message);
    const json& j = *parsed;
    if (j.is_object()) return std::vector<json>{j};
    if (!j.is_array()) return Error::make("statements", "the body must be a statement or an array of statements");
    if (j.size() > kMaxBatchStatements) return Error::make("statements", "more than " + std::to_string(kMaxBatchStatements) + " statements in one batch");
    return j.get<std::vector<json>>();
}

Result<StoreResult> storeStatements(catalog::Catalog& cat, const std::vector<json>& statements, const std::string& where) {
    StoreResult out;
    out.received = static_cast<int>(statements.size());
    std::vector<StatementRecord> rows;
    std::map<std::string, Id> sessionOfPackage;
    std::map<Id, std::vector<Id>> stepsOfSession;
    std::map<std::string, bool> seen;
    for (size_t i = 0; i < statements.size(); ++i) {
        auto s = checkStatement(statements[i]);
        if (!s) return Error::make(where, "statement " + std::to_string(i + 1) + ": " + s.error().message + " (" + s.error().path + ")");
        if (!sessionOfPackage.count(s->packageId)) {
            auto p = cat.packageByUid(s->packageId);
            if (!p) return p.error();
            if (!*p) return Error::make(where, s->record.id + ": unknown package " + s->packageId + " (not packaged from this library)");
            sessionOfPackage[s->packageId] = (*p)->sessionId;
        }
        Id session = sessionOfPackage[s->packageId];
        if (!stepsOfSession.count(session)) {
            auto ms = cat.markers(session);
            if (!ms) return ms.error();
            for (const auto& m : stepsOf(*ms)) stepsOfSession[session].push_back(m.id);
        }
        char* end = nullptr;
        long long step = std::strtoll(s->stepKey.c_str(), &end, 10);
        const auto& known = stepsOfSession[session];
        if (!end || *end || std::find(known.begin(), known.end(), step) == known.end())
            return Error::make(where, s->record.id + ": unknown step " + s->stepKey + " of package " + s->packageId);
        if (seen[s->record.id]) continue;  // the same statement twice in one batch
        seen[s->record.id] = true;
        s->record.sessionId = session;
        s->record.stepId = step;
        rows.push_back(std::move(s->record));
    }
    auto added = cat.addStatements(rows);
    if (!added) return added.error();
    out.added = *added;
    out.duplicates = out.received - out.added;
    return out;
}

Result<int> exportStatements(catalog::Catalog& cat, Id sessionId, const std::filesystem::path& file) {
    auto rows = cat.statements(sessionId);
    if (!rows) return rows.error();
    json arr = json::array();
    for (const auto& r : *rows) arr.push_back(json::parse(r.body, nullptr, false));
    KOTSU_TRY(writeFileAtomic(file, arr.dump(1) + "\n"));
    return static_cast<int>(rows->size());
}

}  // namespace kotsu::field
