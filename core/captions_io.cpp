#include "core/captions_io.hpp"

#include <algorithm>
#include <cstdio>

#include "core/files.hpp"

namespace kotsu {

namespace {

// CRLF, LF or a lone CR ends a line (WebVTT's rule; fuzzing found a lone CR kept at the end of a cue's
// text, which the written file then turned into a line end of its own).
std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "HH:MM:SS.mmm", "MM:SS.mmm" (VTT) or "HH:MM:SS,mmm" (SRT); one to three fraction digits
// ("00:00:01,50" from some SRT tools is 1.5 s). Times beyond kMaxTime are refused by parseTime.
std::optional<Micros> parseCueTime(std::string_view s) {
    s = trim(s);
    auto sep = s.find_last_of(".,");
    if (sep == std::string_view::npos || s.size() - sep - 1 < 1 || s.size() - sep - 1 > 3) return std::nullopt;
    int colons = static_cast<int>(std::count(s.begin(), s.end(), ':'));
    if (colons < 1 || colons > 2) return std::nullopt;
    std::string normal(s);
    normal[sep] = '.';
    return parseTime(normal);
}

// A line that is empty (or only blanks) inside a cue's text cannot be written in WebVTT or SRT: it
// would end the cue. The writers put a NO-BREAK SPACE (U+00A0) in front of it and the reader takes
// a line that is U+00A0 followed by nothing but blanks back to those blanks. (A line an editor typed
// as exactly U+00A0 therefore comes back empty.)
constexpr std::string_view kNbsp = "\xC2\xA0";

// Strips inline tags (<b>, <c.yellow>, <v Speaker>, <00:00:01.000>) and decodes the few entities VTT
// has plus decimal ASCII ones (&#123;). For SRT also drops override codes like {\an8} and {\i1}.
std::string plainText(std::string_view s, bool srt) {
    if (s.substr(0, kNbsp.size()) == kNbsp && trim(s.substr(kNbsp.size())).empty()) return std::string(s.substr(kNbsp.size()));
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (srt && s[i] == '{' && i + 1 < s.size() && s[i + 1] == '\\') {
            auto close = s.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (s[i] == '&' && i + 2 < s.size() && s[i + 1] == '#') {
            size_t j = i + 2;
            int code = 0;
            while (j < s.size() && j < i + 5 && s[j] >= '0' && s[j] <= '9') code = code * 10 + (s[j++] - '0');
            if (j > i + 2 && j < s.size() && s[j] == ';' && code > 0 && code < 128) {
                out += static_cast<char>(code);
                i = j;
                continue;
            }
        }
        if (s[i] == '<') {
            auto close = s.find('>', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (s[i] == '&') {
            static const std::pair<std::string_view, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&nbsp;", ' '}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool matched = false;
            for (auto [name, ch] : entities) {
                if (s.substr(i, name.size()) == name) {
                    out += ch;
                    i += name.size() - 1;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
        }
        out += s[i];
    }
    return out;
}

std::string formatCueTime(Micros us, char fractionSep) {
    us = std::clamp<Micros>(us, 0, kMaxTime);
    Micros ms = (us + 500) / 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld%c%03lld", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60), fractionSep,
                  static_cast<long long>(ms % 1000));
    return buf;
}

// One cue's text for either format. `&`, `<` and `>` become &amp; &lt; &gt; in both: WebVTT requires it,
// and in SRT it keeps a typed "<b>" from being taken for a tag and "-->" from looking like a timing
// line (players that know SRT tags decode these entities). In SRT a typed "{\" is written "&#123;\"
// so it is not dropped as an override code. Blank lines get the U+00A0 prefix described above.
std::string escapeCueText(std::string_view text, CaptionFormat format) {
    std::string out;
    auto lines = splitLines(text);  // a typed lone CR is a line break, as the reader will take it
    if (lines.empty() || text.back() == '\n' || text.back() == '\r') lines.push_back({});
    for (size_t n = 0; n < lines.size(); ++n) {
        auto line = lines[n];
        if (n) out += '\n';
        if (trim(line).empty()) out += kNbsp;
        for (size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (c == '&') out += "&amp;";
            else if (c == '<') out += "&lt;";
            else if (c == '>') out += "&gt;";
            else if (c == '{' && format == CaptionFormat::Srt && i + 1 < line.size() && line[i + 1] == '\\') out += "&#123;";
            else out += c;
        }
    }
    return out;
}

bool isTimingLine(std::string_view line) { return line.find("-->") != std::string_view::npos; }

}  // namespace

Result<std::vector<Cue>> parseCaptions(std::string_view text, const std::string& fileName) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto lines = splitLines(text);
    bool vtt = !lines.empty() && lines[0].substr(0, 6) == "WEBVTT";
    if (!vtt) {
        auto dot = fileName.rfind('.');
        std::string ext = dot == std::string::npos ? "" : fileName.substr(dot + 1);
        for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == "vtt") return Error::make(fileName, "line 1: a WebVTT file must start with WEBVTT");
    }
    std::vector<Cue> cues;
    size_t i = vtt ? 1 : 0;
    if (vtt)  // header lines ("Kind: captions", "Language: ja") run up to the first blank line — or up to a
              // cue written right after the header (a timing line, or an identifier followed by one)
        while (i < lines.size() && !trim(lines[i]).empty() && !isTimingLine(lines[i]) &&
               !(i + 1 < lines.size() && isTimingLine(lines[i + 1])))
            ++i;
    while (i < lines.size()) {
        // Skip blank lines between blocks.
        if (trim(lines[i]).empty()) {
            ++i;
            continue;
        }
        auto first = trim(lines[i]);
        // VTT blocks that are not cues: NOTE, STYLE, REGION — skip to the next blank line.
        if (vtt && (first.substr(0, 4) == "NOTE" || first.substr(0, 5) == "STYLE" || first.substr(0, 6) == "REGION")) {
            while (i < lines.size() && !trim(lines[i]).empty()) ++i;
            continue;
        }
        size_t timingLine = i;
        if (first.find("-->") == std::string_view::npos) {
            // A cue identifier (VTT) or counter (SRT); the timing follows.
            timingLine = i + 1;
            if (timingLine >= lines.size() || lines[timingLine].find("-->") == std::string_view::npos)
                return Error::make(fileName, "line " + std::to_string(i + 1) + ": expected a cue timing 'start --> end'");
        }
        auto timing = lines[timingLine];
        auto arrow = timing.find("-->");
        auto startText = timing.substr(0, arrow);
        auto rest = trim(timing.substr(arrow + 3));
        auto space = rest.find_first_of(" \t");
        auto endText = space == std::string_view::npos ? rest : rest.substr(0, space);  // cue settings follow
        auto start = parseCueTime(startText);
        auto end = parseCueTime(endText);
        std::string lineNo = "line " + std::to_string(timingLine + 1);
        if (!start) return Error::make(fileName, lineNo + ": broken start time '" + std::string(trim(startText)) + "'");
        if (!end) return Error::make(fileName, lineNo + ": broken end time '" + std::string(endText) + "'");
        if (*end <= *start) return Error::make(fileName, lineNo + ": the cue ends before it starts");
        std::string body;
        i = timingLine + 1;
        for (bool firstLine = true; i < lines.size() && !trim(lines[i]).empty(); firstLine = false) {
            if (!firstLine) body += '\n';  // not body.empty(): the first lines may be (encoded) blank ones
            body += plainText(lines[i], !vtt);
            ++i;
        }
        cues.push_back(Cue{0, *start, *end, body});
    }
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; });
    return cues;
}

std::string writeCaptions(const std::vector<Cue>& cues, CaptionFormat format) {
    std::string out;
    if (format == CaptionFormat::Vtt) out = "WEBVTT\n\n";
    int n = 1;
    for (const auto& c : cues) {
        if (format == CaptionFormat::Srt) {
            out += std::to_string(n++) + "\n";
            out += formatCueTime(c.start, ',') + " --> " + formatCueTime(c.end, ',') + "\n";
            out += escapeCueText(c.text, format) + "\n\n";
        } else {
            out += formatCueTime(c.start, '.') + " --> " + formatCueTime(c.end, '.') + "\n";
            out += escapeCueText(c.text, format) + "\n\n";
        }
    }
    return out;
}

std::vector<Cue> cuesWithin(const std::vector<Cue>& cues, Micros in, Micros out) {
    std::vector<Cue> result;
    for (const auto& c : cues) {
        if (c.end <= in || c.start >= out) continue;
        Cue k = c;
        k.start = std::max(c.start, in) - in;
        k.end = std::min(c.end, out) - in;
        if (k.end > k.start) result.push_back(k);
    }
    return result;
}

Result<CaptionsFile> readCaptionsFile(const std::filesystem::path& file) {
    auto bytes = readFile(file);
    if (!bytes) return bytes.error();
    auto text = decodeText(*bytes, file.string(), "save the captions as UTF-8");
    if (!text) return text.error();
    auto cues = parseCaptions(text->text, file.string());
    if (!cues) return cues.error();
    return CaptionsFile{std::move(*cues), text->encoding};
}

}  // namespace kotsu
