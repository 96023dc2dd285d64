#include "field/xapi.hpp"

#include <array>
#include <cctype>
#include <cmath>

#include "core/text_encoding.hpp"

namespace kotsu::field {

using nlohmann::json;

namespace {

const std::vector<VerbRule> kVerbs = {
    {"initialized", "http://adlnet.gov/expapi/verbs/initialized", {},
     {"length", "completion-threshold", "speed", "cc-enabled", "session-id"}},
    {"played", "https://w3id.org/xapi/video/verbs/played", {"time"}, {"session-id"}},
    {"paused", "https://w3id.org/xapi/video/verbs/paused", {"time", "progress", "played-segments"},
     {"length", "session-id"}},
    {"seeked", "https://w3id.org/xapi/video/verbs/seeked", {"time-from", "time-to"}, {"session-id"}},
    {"completed", "http://adlnet.gov/expapi/verbs/completed", {"progress", "time", "played-segments"},
     {"length", "session-id"}, true},
    {"terminated", "http://adlnet.gov/expapi/verbs/terminated", {"progress", "time", "played-segments"},
     {"length", "session-id"}},
};

struct Problem {
    std::string text;
};

bool isTimestamp(std::string_view s) {
    // 2026-12-02T03:04:05Z, 2026-12-02T03:04:05.123Z or with +09:00
    if (s.size() < 20 || s.size() > 35) return false;
    static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != shape[i]) return false;
    }
    auto rest = s.substr(shape.size());
    if (!rest.empty() && rest[0] == '.') {
        size_t i = 1;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
        if (i == 1) return false;
        rest = rest.substr(i);
    }
    return rest == "Z" || (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':');
}

bool isIri(std::string_view s) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || s.size() > 2048) return false;
    if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    for (char c : s) if (c == ' ' || static_cast<unsigned char>(c) < 0x20) return false;
    return true;
}

const json* member(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

double numberAt(const json& ext, std::string_view name, bool& ok) {
    auto it = ext.find(std::string(kVideoExtension) + std::string(name));
    if (it == ext.end() || !it->is_number()) return ok = false, 0;
    double v = it->get<double>();
    if (!std::isfinite(v) || v < 0 || v > 1e7) return ok = false, 0;
    return v;
}

template <class T>
T kotsuAt(const json* ext, std::string_view name, T fallback) {
    if (!ext) return fallback;
    auto it = ext->find(std::string(kKotsuExtension) + std::string(name));
    if (it == ext->end()) return fallback;
    if constexpr (std::is_same_v<T, std::string>) return it->is_string() ? it->get<std::string>() : fallback;
    else return it->is_number() && std::isfinite(it->get<double>()) && it->get<double>() >= 0 ? it->get<T>() : fallback;
}

Result<Statement> check(const json& j) {
    Statement s;
    std::string who = "statement";
    auto bad = [&](const std::string& what) { return Error::make(who, what); };
    if (!j.is_object()) return bad("is not a JSON object");
    auto id = member(j, "id");
    if (!id || !id->is_string() || !isUuid(id->get<std::string>())) return bad("has no UUID \"id\"");
    s.record.id = id->get<std::string>();
    who = "statement " + s.record.id;

    auto actor = member(j, "actor");
    auto account = actor ? member(*actor, "account") : nullptr;
    auto home = account ? member(*account, "homePage") : nullptr;
    auto name = account ? member(*account, "name") : nullptr;
    if (!home || !home->is_string() || !isIri(home->get<std::string>()) || !name || !name->is_string())
        return bad("actor must be an account with homePage and name");
    s.record.trainee = name->get<std::string>();
    if (s.record.trainee.empty() || s.record.trainee.size() > 128) return bad("the trainee id must be 1 to 128 bytes");
    if (auto ot = member(*actor, "objectType"); ot && *ot != "Agent") return bad("actor must be an Agent");

    auto verb = member(j, "verb");
    auto verbId = verb ? member(*verb, "id") : nullptr;
    if (!verbId || !verbId->is_string()) return bad("has no verb id");
    const VerbRule* rule = nullptr;
    for (const auto& r : kVerbs) if (r.iri == verbId->get<std::string>()) rule = &r;
    if (!rule) return bad("verb " + verbId->get<std::string>() + " is not one of the Video Profile's verbs kotsu records");
    s.record.verb = std::string(rule->name);

    auto object = member(j, "object");
    auto objectId = object ? member(*object, "id") : nullptr;
    if (!objectId || !objectId->is_string()) return bad("has no object id");
    std::string oid = objectId->get<std::string>();
    static constexpr std::string_view pkgPrefix = "urn:kotsu:pkg:";
    auto stepAt = oid.find(":step:");
    if (oid.rfind(pkgPrefix, 0) != 0 || stepAt == std::string::npos || stepAt <= pkgPrefix.size() ||
        stepAt + 6 >= oid.size())
        return bad("object " + oid + " is not a kotsu step (urn:kotsu:pkg:<package>:step:<step>)");
    s.packageId = oid.substr(pkgPrefix.size(), stepAt - pkgPrefix.size());
    s.stepKey = oid.substr(stepAt + 6);
    auto def = member(*object, "definition");
    auto type = def ? member(*def, "type") : nullptr;
    if (!type || *type != kVideoActivityType) return bad("object type must be " + std::string(kVideoActivityType));

    auto ts = member(j, "timestamp");
    if (!ts || !ts->is_string() || !isTimestamp(ts->get<std::string>())) return bad("has no ISO 8601 timestamp");
    s.record.timestamp = ts->get<std::string>();

    auto context = member(j, "context");
    auto reg = context ? member(*context, "registration") : nullptr;
    if (!reg || !reg->is_string() || !isUuid(reg->get<std::string>())) return bad("context has no UUID registration");
    s.record.registration = reg->get<std::string>();
    auto cext = member(*context, "extensions");
    auto result = member(j, "result");
    auto rext = result ? member(*result, "extensions") : nullptr;
    if ((cext && !cext->is_object()) || (rext && !rext->is_object())) return bad("extensions must be objects");
    static const json empty = json::object();
    const json& ce = cext ? *cext : empty;
    const json& re = rext ? *rext : empty;

    for (auto need : rule->context) {
        std::string key = std::string(kVideoExtension) + std::string(need);
        if (!ce.contains(key)) return bad(s.record.verb + " needs context extension " + key);
    }
    for (auto need : rule->result) {
        std::string key = std::string(kVideoExtension) + std::string(need);
        if (!re.contains(key)) return bad(s.record.verb + " needs result extension " + key);
    }
    if (rule->completion) {
        auto c = result ? member(*result, "completion") : nullptr;
        auto d = result ? member(*result, "duration") : nullptr;
        if (!c || *c != true) return bad("completed needs result.completion true");
        if (!d || !d->is_string() || d->get<std::string>().rfind("PT", 0) != 0) return bad("completed needs an ISO 8601 result.duration");
    }
    auto sid = ce.find(std::string(kVideoExtension) + "session-id");
    if (sid == ce.end() || !sid->is_string() || sid->get<std::string>().empty() || sid->get<std::string>().size() > 64)
        return bad("session-id must be a short string");
    s.videoSession = sid->get<std::string>();

    bool ok = true;
    if (ce.contains(std::string(kVideoExtension) + "length")) s.length = numberAt(ce, "length", ok);
    if (ce.contains(std::string(kVideoExtension) + "speed")) {
        auto sp = ce[std::string(kVideoExtension) + "speed"];
        // The profile writes speed as a string like "1x"; numbers are accepted too.
        if (sp.is_string()) s.speed = std::atof(sp.get<std::string>().c_str());
        else if (sp.is_number()) s.speed = sp.get<double>();
        else ok = false;
    }
    if (re.contains(std::string(kVideoExtension) + "time")) s.time = numberAt(re, "time", ok);
    if (re.contains(std::string(kVideoExtension) + "time-from")) s.timeFrom = numberAt(re, "time-from", ok);
    if (re.contains(std::string(kVideoExtension) + "time-to")) s.timeTo = numberAt(re, "time-to", ok);
    if (re.contains(std::string(kVideoExtension) + "progress")) {
        s.progress = numberAt(re, "progress", ok);
        if (s.progress > 1) ok = false;
    }
    if (!ok) return bad("an extension of " + s.record.verb + " is not a number in range");
    auto ps = re.find(std::string(kVideoExtension) + "played-segments");
    if (ps != re.end()) {
        auto segs = ps->is_string() ? parseSegments(ps->get<std::string>()) : std::nullopt;
        if (!segs) return bad("played-segments is malformed (expected like 0[.]12.4[,]8[.]41.5)");
        s.segments = std::move(*segs);
    }
    s.loops = kotsuAt<int>(cext, "loops", 0);
    s.slowSeconds = kotsuAt<double>(cext, "slow-seconds", 0);
    s.watchSeconds = kotsuAt<double>(cext, "watch-seconds", 0);
    s.profile = kotsuAt<std::string>(cext, "profile", "");
    s.record.packageId = s.packageId;
    s.record.body = j.dump();
    if (s.record.body.size() > kMaxStatementBytes)
        return bad("is larger than " + std::to_string(kMaxStatementBytes) + " bytes");
    auto utf8 = requireUtf8(s.record.body, who);
    if (!utf8) return utf8.error();
    return s;
}

}  // namespace

std::span<const VerbRule> verbRules() { return kVerbs; }

const VerbRule* verbByName(std::string_view name) {
    for (const auto& r : kVerbs) if (r.name == name) return &r;
    return nullptr;
}

bool isUuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

std::string stepActivityId(std::string_view packageId, std::string_view stepId) {
    return "urn:kotsu:pkg:" + std::string(packageId) + ":step:" + std::string(stepId);
}

Result<Statement> checkStatement(const json& j) { return check(j); }

Result<Statement> checkStatement(std::string_view text) {
    if (text.size() > kMaxStatementBytes) return Error::make("statement", "is larger than " + std::to_string(kMaxStatementBytes) + " bytes");
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return Error::make("statement", "is not valid JSON");
    return check(j);
}

}  // namespace kotsu::field
