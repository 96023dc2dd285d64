#include "core/text.hpp"

namespace kotsu {

std::vector<std::string> splitList(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        auto item = s.substr(start, end - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        start = end + 1;
    }
    return out;
}

std::string joinList(const std::vector<std::string>& items, std::string_view sep) {
    std::string s;
    for (const auto& i : items) {
        if (!s.empty()) s += sep;
        s += i;
    }
    return s;
}

std::string notALanguageTag(std::string_view tag) {
    return "language code '" + std::string(tag) + "' is not a BCP 47 tag (like ja, en, pt-BR, zh-Hant)";
}

bool isLanguageTag(std::string_view tag) {
    if (tag.empty() || tag.size() > 35) return false;
    size_t start = 0;
    bool first = true;
    while (true) {
        auto dash = tag.find('-', start);
        auto sub = tag.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
        if (sub.empty() || sub.size() > 8) return false;
        for (char c : sub) {
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            bool digit = c >= '0' && c <= '9';
            if (!letter && !(digit && !first)) return false;
        }
        if (first && (sub.size() == 4 || sub.size() < 2)) return false;
        first = false;
        if (dash == std::string_view::npos) return true;
        start = dash + 1;
    }
}

std::string markupEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace kotsu
