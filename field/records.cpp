#include "field/records.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/marker_rules.hpp"
#include "field/xapi.hpp"

namespace kotsu::field {

Result<std::vector<StepInfo>> stepsOfSession(catalog::Catalog& cat, Id sessionId) {
    auto ms = cat.markers(sessionId);
    if (!ms) return ms.error();
    std::vector<StepInfo> out;
    for (const auto& st : stepsOf(*ms)) {
        StepInfo info{st.id, static_cast<int>(out.size()) + 1, st.title, double(st.out - st.in) / 1e6, !st.warning.empty()};
        for (const auto& m : *ms)
            if (m.kind == MarkerKind::Safety && m.in >= st.in && m.out <= st.out) info.safety = true;
        out.push_back(std::move(info));
    }
    return out;
}

std::vector<StepRecord> summarize(const std::vector<StepInfo>& steps, Id sessionId,
                                  const std::vector<StatementRecord>& rows, double watched) {
    struct Playing {  // one Video Profile session: its counters are running totals, keep the largest
        int loops = 0;
        double slow = 0, watch = 0;
    };
    struct Acc {
        StepRecord rec;
        std::vector<Segment> segments;
        std::map<std::string, Playing> playings;
    };
    std::map<std::pair<std::string, Id>, Acc> acc;
    std::map<std::string, bool> trainees;
    for (const auto& r : rows) {
        if (r.sessionId != sessionId) continue;
        auto s = checkStatement(std::string_view(r.body));
        if (!s) continue;  // stored statements were checked; a hand-edited catalog row is skipped
        trainees[r.trainee] = true;
        auto& a = acc[{r.trainee, r.stepId}];
        auto& rec = a.rec;
        if (rec.first.empty()) rec.first = r.timestamp;
        rec.last = std::max(rec.last, r.timestamp);
        if (r.verb == "initialized") rec.views++;
        if (r.verb == "seeked" && s->timeTo + 0.5 < s->timeFrom) rec.seeksBack++;
        a.segments.insert(a.segments.end(), s->segments.begin(), s->segments.end());
        auto& p = a.playings[s->videoSession];
        p.loops = std::max(p.loops, s->loops);
        p.slow = std::max(p.slow, s->slowSeconds);
        p.watch = std::max(p.watch, s->watchSeconds);
        if (rec.watchedAt.empty() && !steps.empty()) {
            for (const auto& st : steps) {
                if (st.id != r.stepId || st.length <= 0) continue;
                if (coveredSeconds(a.segments, st.length) >= watched * st.length) rec.watchedAt = r.timestamp;
            }
        }
    }
    std::vector<StepRecord> out;
    for (const auto& [trainee, _] : trainees) {
        for (const auto& st : steps) {
            auto it = acc.find({trainee, st.id});
            StepRecord rec = it != acc.end() ? it->second.rec : StepRecord{};
            rec.trainee = trainee;
            rec.sessionId = sessionId;
            rec.step = st;
            if (it != acc.end()) {
                rec.coverage = st.length > 0 ? coveredSeconds(it->second.segments, st.length) / st.length : 0;
                rec.watched = rec.coverage + 1e-9 >= watched;
                for (const auto& [id, p] : it->second.playings) {
                    rec.loops += p.loops;
                    rec.slowSeconds += p.slow;
                    rec.watchSeconds += p.watch;
                }
            }
            out.push_back(std::move(rec));
        }
    }
    return out;
}

std::time_t parseTimestamp(const std::string& iso) {
    int y, mo, d, h, mi, s;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) return -1;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    std::time_t t = timegm(&tm);
    auto rest = iso.substr(std::min<size_t>(19, iso.size()));
    auto sign = rest.find_first_of("+-");
    if (sign != std::string::npos && rest.size() >= sign + 6) {
        int oh = std::atoi(rest.substr(sign + 1, 2).c_str()), om = std::atoi(rest.substr(sign + 4, 2).c_str());
        t -= (rest[sign] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
    return t;
}

std::string formatTimestamp(std::time_t t) {
    char buf[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace kotsu::field
