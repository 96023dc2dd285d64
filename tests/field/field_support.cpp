#include "tests/field/field_support.hpp"

#include <cstdio>

#include <gtest/gtest.h>

#include "field/xapi.hpp"

namespace kotsu::test {

using nlohmann::json;

FieldLibrary::FieldLibrary(const std::string& name) : dir(name) {
    auto l = Library::init(dir.path() / "lib");
    EXPECT_TRUE(l.ok());
    lib = *l;
    auto c = lib.openCatalog();
    EXPECT_TRUE(c.ok());
    cat.emplace(std::move(c).value());
    Session s;
    s.title = "フランジ締結";
    session = *cat->createSession(s);
    for (int i = 0; i < 3; ++i) {
        Marker m;
        m.sessionId = session.id;
        m.kind = MarkerKind::Step;
        m.in = i * 4'000'000;
        m.out = (i + 1) * 4'000'000;
        m.title = "手順" + std::to_string(i + 1);
        steps.push_back(cat->addMarker(m)->id);
    }
    Marker safety;
    safety.sessionId = session.id;
    safety.kind = MarkerKind::Safety;
    safety.in = 5'000'000;
    safety.out = 6'000'000;
    safety.title = "安全";
    safety.warning = "手を挟まない";
    EXPECT_TRUE(cat->addMarker(safety).ok());
    PackageRecord p;
    p.sessionId = session.id;
    p.path = (dir.path() / "pkg").string();
    p.profiles = "tablet";
    p.uid = kUid;
    EXPECT_TRUE(cat->addPackage(p).ok());
}

json statement(const Playing& p, const std::string& verb, const std::string& segments, double time, double from, double to) {
    const auto* rule = field::verbByName(verb);
    char id[40], ts[40];
    std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", static_cast<unsigned>(std::hash<std::string>{}(p.trainee + p.sid) & 0xffffffff), p.seq);
    std::snprintf(ts, sizeof ts, "%sT09:%02d:%02d.000Z", p.day.c_str(), (p.seq / 60) % 60, p.seq % 60);
    const std::string V = "https://w3id.org/xapi/video/extensions/";
    json ce{{V + "session-id", p.sid}, {V + "length", 4.0}, {"urn:kotsu:xapi:loops", p.loops},
            {"urn:kotsu:xapi:slow-seconds", p.slow}, {"urn:kotsu:xapi:watch-seconds", p.watch},
            {"urn:kotsu:xapi:profile", "tablet"}};
    if (verb == "initialized") {
        ce[V + "completion-threshold"] = 0.9;
        ce[V + "speed"] = "1x";
        ce[V + "cc-enabled"] = true;
    }
    json re{{V + "time", time}, {V + "progress", 0.5}, {V + "played-segments", segments}};
    if (verb == "seeked") re = json{{V + "time-from", from}, {V + "time-to", to}};
    json s{{"id", id},
           {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "https://kotsu.invalid/trainees"}, {"name", p.trainee}}}}},
           {"verb", {{"id", rule ? std::string(rule->iri) : "http://example.com/" + verb}, {"display", {{"en-US", verb}}}}},
           {"object", {{"objectType", "Activity"}, {"id", field::stepActivityId(kUid, std::to_string(p.step))},
                       {"definition", {{"type", "https://w3id.org/xapi/video/activity-type/video"}}}}},
           {"context", {{"registration", "11111111-2222-4333-8444-555555555555"}, {"extensions", ce}}},
           {"timestamp", ts}};
    if (verb != "initialized") s["result"] = {{"extensions", re}};
    if (verb == "completed") {
        s["result"]["completion"] = true;
        s["result"]["duration"] = "PT4S";
    }
    return s;
}

std::vector<json> playing(Playing p, const std::string& segments) {
    std::vector<json> out;
    out.push_back(statement(p, "initialized", ""));
    p.seq++;
    out.push_back(statement(p, "played", "", 0));
    p.seq++;
    out.push_back(statement(p, "paused", segments, 4));
    p.seq++;
    out.push_back(statement(p, "terminated", segments, 4));
    return out;
}

}  // namespace kotsu::test
