#include "core/line_break.hpp"

#include <linebreak.h>

#include <mutex>
#include <string_view>

namespace kotsu::text {
namespace {

// One character of the text: its code point and its bytes.
struct Char {
    char32_t cp;
    size_t begin;
    size_t end;
};

// Decodes UTF-8; a byte that starts no valid sequence is a character of its own (U+FFFD).
std::vector<Char> decode(std::string_view s) {
    std::vector<Char> out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = n != 0 && i + n <= s.size();
        for (size_t k = 1; ok && k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            ok = (c & 0xC0) == 0x80;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (!ok) {
            out.push_back({0xFFFD, i, i + 1});
            ++i;
            continue;
        }
        out.push_back({cp, i, i + n});
        i += n;
    }
    return out;
}

bool isWide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD) ||
           c == 0x2026 || c == 0x2025;
}

bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

constexpr std::u32string_view kNoStart =
    U"、。，．・：；？！゛゜ヽヾゝゞ々〻ー―‐）］｝〕〉》」』】〙〗〟’”｠»〜～…‥"
    U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    U",.:;?!)]}%";
constexpr std::u32string_view kNoEnd = U"（［｛〔〈《「『【〘〖〝‘“｟«([{";

void initOnce() {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
}

}  // namespace

bool mayNotStartLine(char32_t c) { return kNoStart.find(c) != std::u32string_view::npos; }
bool mayNotEndLine(char32_t c) { return kNoEnd.find(c) != std::u32string_view::npos; }

double approxEmWidth(std::string_view utf8) {
    double w = 0;
    for (const auto& ch : decode(utf8)) w += isWide(ch.cp) ? 1.0 : 0.55;
    return w;
}

std::vector<std::string> breakLines(std::string_view text, double maxWidth, const WidthFn& width) {
    std::vector<std::string> lines;
    const auto chars = decode(text);
    if (chars.empty()) return lines;
    initOnce();
    std::vector<char> brks(text.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), "ja", brks.data());

    // after[i]: what may happen after character i.
    enum class After { No, May, Must };
    std::vector<After> after(chars.size(), After::No);
    for (size_t i = 0; i < chars.size(); ++i) {
        const char b = brks[chars[i].end - 1];
        if (chars[i].cp == '\n' || (b == LINEBREAK_MUSTBREAK && i + 1 < chars.size())) {
            after[i] = After::Must;
        } else if (b == LINEBREAK_ALLOWBREAK && i + 1 < chars.size()) {
            const bool kinsoku = mayNotEndLine(chars[i].cp) || mayNotStartLine(chars[i + 1].cp);
            after[i] = kinsoku && !isSpace(chars[i].cp) ? After::No : After::May;
        }
    }

    std::vector<double> w(chars.size());
    for (size_t i = 0; i < chars.size(); ++i)
        w[i] = chars[i].cp == '\n' ? 0 : width(text.substr(chars[i].begin, chars[i].end - chars[i].begin));

    auto emit = [&](size_t first, size_t last) {  // characters [first, last), trimmed of spaces and '\n'
        while (first < last && isSpace(chars[first].cp)) ++first;
        while (last > first && (isSpace(chars[last - 1].cp) || chars[last - 1].cp == '\n')) --last;
        lines.emplace_back(first < last ? std::string(text.substr(chars[first].begin, chars[last - 1].end -
                                                                                           chars[first].begin))
                                        : std::string());
    };

    size_t start = 0;
    while (start < chars.size()) {
        while (start < chars.size() && isSpace(chars[start].cp)) ++start;  // a line never starts with a space
        if (start >= chars.size()) break;
        double used = 0;
        size_t lastMay = std::string_view::npos;  // break after this character
        size_t i = start;
        size_t end = chars.size();                 // the line is [start, end)
        for (; i < chars.size(); ++i) {
            if (!isSpace(chars[i].cp) && used + w[i] > maxWidth && i > start) {
                if (lastMay != std::string_view::npos) {
                    end = lastMay + 1;
                } else {
                    // No allowed break inside the line: a word longer than the line. Break between its
                    // characters, moving the break back over no-start (and no-end) characters; when the
                    // whole line is such a run, the run stays on this line even if it overflows.
                    end = i;
                    auto bad = [&](size_t e) {
                        return e < chars.size() && (mayNotStartLine(chars[e].cp) || mayNotEndLine(chars[e - 1].cp));
                    };
                    while (end > start + 1 && bad(end)) --end;
                    if (bad(end)) {
                        end = i;
                        while (bad(end)) ++end;
                    }
                }
                break;
            }
            used += w[i];
            if (after[i] == After::Must) {
                end = i + 1;
                break;
            }
            if (after[i] == After::May) lastMay = i;
        }
        emit(start, end);
        start = end;
    }
    return lines;
}

std::vector<std::vector<std::string>> breakIntoGroups(std::string_view text, double maxWidth, int maxLines,
                                                      const WidthFn& width) {
    std::vector<std::vector<std::string>> groups;
    const size_t per = maxLines < 1 ? 1 : static_cast<size_t>(maxLines);
    for (auto& line : breakLines(text, maxWidth, width)) {
        if (line.empty()) continue;
        if (groups.empty() || groups.back().size() >= per) groups.emplace_back();
        groups.back().push_back(std::move(line));
    }
    return groups;
}

}  // namespace kotsu::text
