#include "field/segments.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace kotsu::field {

namespace {

std::optional<double> number(std::string_view s) {
    if (s.empty() || s.size() > 32) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0 || v > 1e7) return std::nullopt;
    return v;
}

}  // namespace

std::optional<std::vector<Segment>> parseSegments(std::string_view text) {
    std::vector<Segment> out;
    if (text.empty()) return out;
    if (text.size() > 65536) return std::nullopt;
    while (true) {
        auto comma = text.find("[,]");
        auto part = text.substr(0, comma);
        auto dot = part.find("[.]");
        if (dot == std::string_view::npos) return std::nullopt;
        auto a = number(part.substr(0, dot)), b = number(part.substr(dot + 3));
        if (!a || !b || *b < *a) return std::nullopt;
        if (*b > *a) out.emplace_back(*a, *b);
        if (comma == std::string_view::npos) break;
        text = text.substr(comma + 3);
    }
    return out;
}

std::vector<Segment> unionOf(std::vector<Segment> segments) {
    std::sort(segments.begin(), segments.end());
    std::vector<Segment> out;
    for (const auto& s : segments) {
        if (!out.empty() && s.first <= out.back().second) out.back().second = std::max(out.back().second, s.second);
        else out.push_back(s);
    }
    return out;
}

double coveredSeconds(const std::vector<Segment>& segments, double length) {
    double total = 0;
    for (const auto& [a, b] : unionOf(segments)) {
        double lo = std::max(0.0, a), hi = std::min(length, b);
        if (hi > lo) total += hi - lo;
    }
    return total;
}

std::string formatSegments(const std::vector<Segment>& segments) {
    std::string out;
    char buf[64];
    for (const auto& [a, b] : segments) {
        std::snprintf(buf, sizeof buf, "%s%.3f[.]%.3f", out.empty() ? "" : "[,]", a, b);
        out += buf;
    }
    return out;
}

}  // namespace kotsu::field
