#include "core/time.hpp"

extern "C" {
#include <libavutil/mathematics.h>
}
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kotsu {

std::int64_t rescale(std::int64_t value, Rational from, Rational to) {
    return av_rescale_q_rnd(value, AVRational{from.num, from.den}, AVRational{to.num, to.den},
                            static_cast<AVRounding>(AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX));
}

namespace {

// Parses "SS[.fff]" into microseconds; digits only, at most 6 fractional digits kept.
std::optional<Micros> parseSecondsField(std::string_view s) {
    if (s.empty()) return std::nullopt;
    Micros whole = 0;
    size_t i = 0;
    bool any = false;
    for (; i < s.size() && s[i] != '.' && s[i] != ','; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        whole = whole * 10 + (s[i] - '0');
        any = true;
        if (whole > 1'000'000'000LL) return std::nullopt;
    }
    Micros frac = 0;
    if (i < s.size()) {
        ++i;
        int digits = 0;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            if (digits < 6) {
                frac = frac * 10 + (s[i] - '0');
                ++digits;
            }
            any = true;
        }
        for (; digits < 6; ++digits) frac *= 10;
    }
    if (!any) return std::nullopt;
    return whole * 1'000'000 + frac;
}

}  // namespace

std::optional<Micros> parseTime(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    if (text.front() == '-') return std::nullopt;  // the timeline starts at 0
    Micros total = 0;
    int fields = 0;
    while (true) {
        auto colon = text.find(':');
        if (colon == std::string_view::npos) break;
        auto part = text.substr(0, colon);
        if (part.empty() || part.size() > 4) return std::nullopt;
        Micros v = 0;
        for (char c : part) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + (c - '0');
        }
        if (fields > 0 && v >= 60) return std::nullopt;
        total = total * 60 + v;
        text.remove_prefix(colon + 1);
        if (++fields > 2) return std::nullopt;
    }
    auto secs = parseSecondsField(text);
    if (!secs) return std::nullopt;
    if (fields > 0 && *secs >= 60'000'000) return std::nullopt;
    // total ≤ 9999 h in minutes and secs ≤ 10^9 s: no overflow before the range check.
    Micros result = total * 60'000'000 + *secs;
    if (!timeInRange(result)) return std::nullopt;
    return result;
}

std::optional<Micros> microsFromSeconds(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0 || seconds > double(kMaxTime) / 1e6) return std::nullopt;
    return static_cast<Micros>(std::llround(seconds * 1e6));
}

std::string formatTime(Micros us) {
    if (us < 0) us = 0;
    if (us > kMaxTime) us = kMaxTime;
    Micros ms = (us + 500) / 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60),
                  static_cast<long long>(ms % 1000));
    return buf;
}

std::string formatSeconds(Micros us) {
    char buf[40];
    const char* sign = us < 0 ? "-" : "";
    // -INT64_MIN overflows: take the magnitude as unsigned.
    unsigned long long a = us < 0 ? 0ULL - static_cast<unsigned long long>(us) : static_cast<unsigned long long>(us);
    std::snprintf(buf, sizeof buf, "%s%llu.%06llu", sign, a / 1'000'000ULL, a % 1'000'000ULL);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

}  // namespace kotsu
