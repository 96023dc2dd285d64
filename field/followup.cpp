#include "field/followup.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "core/asset_file.hpp"

namespace kotsu::field {

namespace {

constexpr std::array<assets::Field<FollowupConfig>, 9> kFields{{
    {"watched", &FollowupConfig::watched, 0.5, 1},
    {"not-started-days", &FollowupConfig::notStartedDays, 0, 3650},
    {"stalled-days", &FollowupConfig::stalledDays, 0, 3650},
    {"struggle-loops", &FollowupConfig::struggleLoops, 1, 1000},
    {"struggle-seeks-back", &FollowupConfig::struggleSeeksBack, 1, 1000},
    {"struggle-slow-share", &FollowupConfig::struggleSlowShare, 0.05, 1},
    {"struggle-time-factor", &FollowupConfig::struggleTimeFactor, 1, 100},
    {"refresher-days", &FollowupConfig::refresherDays, 1, 36500},
    {"content-share", &FollowupConfig::contentShare, 0.05, 1},
}};

std::string fmt(const char* f, double a, double b = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, f, a, b);
    return buf;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

Result<FollowupConfig> loadFollowupConfig() {
    auto files = assets::loadConf("followup.conf");
    if (!files) return files.error();
    FollowupConfig cfg;
    for (const auto& f : *files)
        for (const auto& sec : f.sections) {
            if (!sec.name.empty()) return f.error(sec.line, "followup.conf has no sections");
            for (const auto& e : sec.entries) KOTSU_TRY(assets::setField<FollowupConfig>(cfg, kFields, f, e));
        }
    return cfg;
}

std::vector<std::string> struggleReasons(const StepRecord& r, const std::vector<StepRecord>& all, const FollowupConfig& cfg) {
    std::vector<std::string> why;
    if (r.loops >= cfg.struggleLoops) why.push_back(fmt("%.0f loops", r.loops));
    if (r.seeksBack >= cfg.struggleSeeksBack) why.push_back(fmt("%.0f seeks back", r.seeksBack));
    if (r.watchSeconds > 0 && r.slowSeconds >= cfg.struggleSlowShare * r.watchSeconds)
        why.push_back(fmt("%.0f%% of %.0f s at slow motion", 100 * r.slowSeconds / r.watchSeconds, r.watchSeconds));
    std::vector<double> others;
    for (const auto& o : all)
        if (o.step.id == r.step.id && o.trainee != r.trainee && o.watchSeconds > 0) others.push_back(o.watchSeconds);
    double med = median(others);
    if (others.size() >= 2 && med > 0 && r.watchSeconds > cfg.struggleTimeFactor * med)
        why.push_back(fmt("%.0f s on the step, others' median %.0f s", r.watchSeconds, med));
    return why;
}

Result<std::vector<Finding>> followupReport(catalog::Catalog& cat, const FollowupConfig& cfg, const FollowupQuery& q) {
    auto sessions = cat.sessions();
    if (!sessions) return sessions.error();
    auto notes = cat.followupNotes();
    if (!notes) return notes.error();
    const std::string since = q.since > 0 ? formatTimestamp(q.since) : "";
    const double day = 86400;
    std::vector<Finding> out;
    for (const auto& session : *sessions) {
        auto steps = stepsOfSession(cat, session.id);
        if (!steps) return steps.error();
        auto rows = cat.statements(session.id, since);
        if (!rows) return rows.error();
        auto roster = cat.roster(session.id);
        if (!roster) return roster.error();
        auto recs = summarize(*steps, session.id, *rows, cfg.watched);
        auto add = [&](std::string rule, int prio, const std::string& trainee, const StepInfo* st, std::string detail) {
            Finding f{std::move(rule), prio, trainee, session.id, session.title, st ? st->index : 0, st ? st->title : "", std::move(detail), {}};
            for (const auto& n : *notes)
                if (n.traineeId == trainee && (n.sessionId == 0 || n.sessionId == session.id) && (!st || n.stepIndex == st->index || n.stepIndex == 0))
                    f.notes.push_back(n);
            out.push_back(std::move(f));
        };
        std::map<std::string, std::vector<const StepRecord*>> byTrainee;
        for (const auto& r : recs) byTrainee[r.trainee].push_back(&r);

        // Not started: on the roster, nothing recorded.
        for (const auto& e : *roster) {
            if (byTrainee.count(e.trainee.id)) continue;
            auto assigned = parseTimestamp(e.assignedAt);
            double days = assigned > 0 ? double(q.now - assigned) / day : 0;
            if (days >= cfg.notStartedDays)
                add("not-started", 3, e.trainee.id, nullptr, fmt("on the roster for %.0f days, no step opened", days));
        }
        std::map<Id, int> strugglers;
        for (const auto& [trainee, list] : byTrainee) {
            std::string last;
            int watched = 0;
            std::string lastWatched;
            for (const auto* r : list) {
                last = std::max(last, r->last);
                if (r->watched) watched++, lastWatched = std::max(lastWatched, r->watchedAt);
                if (r->step.safety && !r->watched)
                    add("safety-gap", 1, trainee, &r->step,
                        r->views ? fmt("safety step watched only %.0f%% (played parts), needs %.0f%%", r->coverage * 100, cfg.watched * 100)
                                 : "safety step never opened");
                const auto why = struggleReasons(*r, recs, cfg);
                if (!why.empty()) {
                    std::string d;
                    for (const auto& w : why) d += (d.empty() ? "" : ", ") + w;
                    add("struggling", 2, trainee, &r->step, d);
                    strugglers[r->step.id]++;
                }
            }
            auto lastT = parseTimestamp(last);
            if (watched < static_cast<int>(list.size()) && lastT > 0 && double(q.now - lastT) / day >= cfg.stalledDays)
                add("stalled", 3, trainee, nullptr,
                    fmt("%.0f of %.0f steps watched, nothing new for %.0f days", watched, double(list.size())) +
                        fmt(" (%.0f days)", double(q.now - lastT) / day));
            auto lw = parseTimestamp(lastWatched);
            if (watched == static_cast<int>(list.size()) && lw > 0 && double(q.now - lw) / day >= cfg.refresherDays)
                add("refresher-due", 4, trainee, nullptr, fmt("all steps watched, the last %.0f days ago", double(q.now - lw) / day));
        }
        for (const auto& st : *steps) {
            int n = strugglers[st.id], total = static_cast<int>(byTrainee.size());
            if (n >= 2 && n >= cfg.contentShare * total)
                add("content-problem", 5, "", &st, fmt("%.0f of %.0f trainees struggle here: a better cut or caption?", n, total));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        if (a.priority != b.priority) return a.priority < b.priority;
        if (a.trainee != b.trainee) return a.trainee < b.trainee;
        return a.step < b.step;
    });
    return out;
}

}  // namespace kotsu::field
