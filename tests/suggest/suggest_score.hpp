#pragma once
// Precision, recall and F1 of suggestions against a clip's known boundaries (the quality tests and
// bench_suggest). A suggestion matches an unmatched expected boundary of the same reason ("dissolve":
// a cut or a fade) within its tolerance (0: the same frame, a millisecond).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "tests/suggest/suggest_clips.hpp"

namespace kotsu::test::suggest {

struct Score {
    int expected = 0, reported = 0, matched = 0;
    Micros worstCut = 0;  // largest |error| of a matched cut
    [[nodiscard]] double precision() const { return reported ? double(matched) / reported : 1.0; }
    [[nodiscard]] double recall() const { return expected ? double(matched) / expected : 1.0; }
    [[nodiscard]] double f1() const {
        double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
    Score& operator+=(const Score& o) {
        expected += o.expected;
        reported += o.reported;
        matched += o.matched;
        worstCut = std::max(worstCut, o.worstCut);
        return *this;
    }
};

inline bool sameKind(const std::string& expected, const std::string& reported) {
    return expected == reported || (expected == "dissolve" && (reported == "cut" || reported == "fade"));
}

// Scores `found` (only the reasons in `reasons` count; empty: all) and lists it in *list.
inline Score score(const std::vector<Suggestion>& found, const std::vector<Expected>& expected,
                   const std::vector<std::string>& reasons, std::string* list = nullptr) {
    Score s;
    s.expected = static_cast<int>(expected.size());
    std::vector<bool> used(expected.size(), false);
    for (const auto& f : found) {
        if (!reasons.empty() && std::find(reasons.begin(), reasons.end(), f.reason) == reasons.end()) continue;
        ++s.reported;
        bool hit = false;
        for (size_t i = 0; i < expected.size() && !hit; ++i) {
            const auto& e = expected[i];
            Micros tol = e.tolerance > 0 ? e.tolerance : 1000;
            if (used[i] || !sameKind(e.reason, f.reason) || std::llabs(f.time - e.time) > tol) continue;
            used[i] = hit = true;
            ++s.matched;
            if (e.reason == "cut") s.worstCut = std::max(s.worstCut, Micros(std::llabs(f.time - e.time)));
        }
        if (list) *list += formatSeconds(f.time) + " " + f.reason + (hit ? "" : "(x)") + "  ";
    }
    if (list)
        for (size_t i = 0; i < expected.size(); ++i)
            if (!used[i]) *list += "missed " + formatSeconds(expected[i].time) + " " + expected[i].reason + "  ";
    return s;
}

inline void printScoreHeader() {
    std::printf("\n%-34s %8s %8s %8s   suggestions ((x): unexpected)\n", "clip", "expected", "reported", "matched");
}
inline void printScoreRow(const std::string& name, const Score& s, const std::string& list) {
    std::printf("%-34s %8d %8d %8d   %s\n", name.c_str(), s.expected, s.reported, s.matched, list.c_str());
}
inline void printScoreTotal(const std::string& name, const Score& s) {
    std::printf("%-34s %8d %8d %8d   precision %.3f  recall %.3f  F1 %.3f\n", name.c_str(), s.expected, s.reported,
                s.matched, s.precision(), s.recall(), s.f1());
}

}  // namespace kotsu::test::suggest
