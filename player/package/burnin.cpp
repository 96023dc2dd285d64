#include "player/package/burnin.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/line_break.hpp"

namespace kotsu::package {

namespace {

std::string assTime(Micros us) {
    Micros cs = (us + 5000) / 10000;  // ASS times are in centiseconds
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%02lld", static_cast<long long>(cs / 360000),
                  static_cast<long long>(cs / 6000 % 60), static_cast<long long>(cs / 100 % 60),
                  static_cast<long long>(cs % 100));
    return buf;
}

// ASS text: braces open override blocks and "\N" is a line break; user text must not do either.
std::string assText(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '{') out += "｛";
        else if (c == '}') out += "｝";
        else if (c == '\\') out += "＼";
        else if (c == '\n') out += "\\N";
        else if (c == '\r') continue;
        else out += c;
    }
    return out;
}

Micros seconds(double s) { return static_cast<Micros>(std::llround(s * 1e6)); }

size_t codePoints(const std::string& s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::vector<TimedLines> fitCaption(const std::string& text, Micros start, Micros end, double maxWidthPx, int sizePx, int maxLines) {
    auto width = [sizePx](std::string_view t) { return text::approxEmWidth(t) * sizePx; };
    auto groups = text::breakIntoGroups(text, maxWidthPx, maxLines, width);
    std::vector<TimedLines> out;
    if (groups.empty()) return out;
    // A cue too long for its lines becomes consecutive cues, each on screen for its share of the text.
    std::vector<size_t> weight;
    size_t total = 0;
    for (const auto& g : groups) {
        size_t w = 0;
        for (const auto& l : g) w += codePoints(l);
        weight.push_back(std::max<size_t>(w, 1));
        total += weight.back();
    }
    Micros at = start;
    size_t done = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
        done += weight[i];
        Micros next = i + 1 == groups.size() ? end : start + static_cast<Micros>((end - start) * double(done) / double(total));
        out.push_back({at, next, groups[i]});
        at = next;
    }
    return out;
}

namespace {

// ASS colours are &HAABBGGRR.
std::string assColour(const std::string& rgb) {
    return "&H00" + rgb.substr(4, 2) + rgb.substr(2, 2) + rgb.substr(0, 2);
}

// Alignment 2 = bottom centre, 7 = top left.
std::string styleLine(const char* name, const std::string& font, int size, const TextStyle& t, int alignment,
                      int marginH, int marginV) {
    char buf[512];
    const std::string fg = assColour(t.colour), bg = assColour(t.boxColour);
    std::snprintf(buf, sizeof buf, "Style: %s,%s,%d,%s,%s,%s,%s,1,0,0,0,100,100,0,0,3,%d,0,%d,%d,%d,%d,1\n", name,
                  font.c_str(), size, fg.c_str(), fg.c_str(), bg.c_str(), bg.c_str(),
                  std::max(3, size * t.boxPadding / 100), alignment, marginH, marginH, marginV);
    return buf;
}

}  // namespace

int BurninStyle::captionSize() const {
    return static_cast<int>(std::ceil(height / captionLines - 1e-9));
}

int BurninStyle::titleSize() const { return std::max(titleMinSize, height / titleLines); }

Result<BurninStyle> parseBurninStyle(const std::vector<assets::ConfFile>& files) {
    using assets::Field;
    static const Field<BurninStyle> general[] = {
        {"font", &BurninStyle::font},
        {"caption-lines", &BurninStyle::captionLines, 2, 30},
        {"title-lines", &BurninStyle::titleLines, 4, 60},
        {"title-min-size", &BurninStyle::titleMinSize, 6, 200},
        {"margin", &BurninStyle::margin, 0, 25},
        {"warning-seconds", &BurninStyle::warningSeconds, 0, 60},
        {"safety-seconds", &BurninStyle::safetySeconds, 0, 60},
    };
    static const Field<TextStyle> text[] = {
        {"colour", &TextStyle::colour, 0, 0, {}, true},
        {"box-colour", &TextStyle::boxColour, 0, 0, {}, true},
        {"box-padding", &TextStyle::boxPadding, 0, 100},
    };
    BurninStyle st;
    for (const auto& f : files) {
        for (const auto& s : f.sections) {
            TextStyle* t = s.name == "caption" ? &st.caption : s.name == "step" ? &st.step
                         : s.name == "warning" ? &st.warning : nullptr;
            if (!t && !s.name.empty()) return f.error(s.line, "unknown section [" + s.name + "] (caption, step, warning)");
            for (const auto& e : s.entries)
                KOTSU_TRY(t ? assets::setField<TextStyle>(*t, text, f, e) : assets::setField<BurninStyle>(st, general, f, e));
        }
    }
    return st;
}

Result<BurninStyle> loadBurninStyle() {
    auto files = assets::loadConf("burnin.conf");
    if (!files) return files.error();
    return parseBurninStyle(*files);
}

std::string burninScript(const std::vector<StepPlan>& steps, const BurninStyle& st, int onlyStep, Micros shift) {
    const int captionSize = st.captionSize();
    const int titleSize = st.titleSize();
    const int marginV = st.height * st.margin / 100;
    const int marginH = st.width * st.margin / 100;
    char head[1024];
    // BorderStyle 3 = opaque box behind the text, Outline = how far it reaches past the text.
    std::snprintf(head, sizeof head,
                  "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 0\n"
                  "ScaledBorderAndShadow: yes\n\n[V4+ Styles]\n"
                  "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                  "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
                  "Alignment, MarginL, MarginR, MarginV, Encoding\n",
                  st.width, st.height);
    std::string out = head;
    // The caption's box (the text plus its padding) stays inside the title-safe area. libass draws a
    // line's box from the font's ascent to its descent (Noto Sans CJK: about 0.3 em below the
    // baseline area MarginV measures to), so the bottom margin also makes room for that.
    const int captionPad = std::max(3, captionSize * st.caption.boxPadding / 100);
    const int captionDescent = static_cast<int>(std::ceil(0.32 * captionSize));
    out += styleLine("Caption", st.font, captionSize, st.caption, 2, marginH + captionPad,
                     marginV + captionPad + captionDescent);
    out += styleLine("Step", st.font, titleSize, st.step, 7, marginH, marginV);
    out += styleLine("Warning", st.font, titleSize, st.warning, 7, marginH, marginV + titleSize * 2);  // under the title
    out += "\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
    const int total = static_cast<int>(steps.size());
    for (const auto& s : steps) {
        if (onlyStep != 0 && s.index != onlyStep) continue;
        auto line = [&](int layer, const char* style, Micros a, Micros b, const std::string& text) {
            a = std::max<Micros>(0, a - shift);
            b = std::max<Micros>(0, b - shift);
            out += "Dialogue: " + std::to_string(layer) + "," + assTime(a) + "," + assTime(b) + "," + style +
                   ",,0,0,0,," + text + "\n";
        };
        line(1, "Step", s.step.in, s.step.out,
             "STEP " + std::to_string(s.index) + "/" + std::to_string(total) + "  " + assText(s.step.title));
        // A safety warning is shown for the first seconds of the step, and during each safety marker;
        // the same words are not stacked twice on screen.
        struct Shown {
            Micros in, out;
            std::string text;
        };
        std::vector<Shown> warnings;
        if (!s.step.warning.empty())
            warnings.push_back({s.step.in, std::min(s.step.out, s.step.in + seconds(st.warningSeconds)), s.step.warning});
        for (const auto& w : s.safety) {
            Shown n{w.in, std::min(s.step.out, std::max(w.out, w.in + seconds(st.safetySeconds))),
                    w.warning.empty() ? w.title : w.warning};
            bool merged = false;
            for (auto& o : warnings) {
                if (o.text == n.text && n.in <= o.out && o.in <= n.out) {
                    o.in = std::min(o.in, n.in);
                    o.out = std::max(o.out, n.out);
                    merged = true;
                }
            }
            if (!merged) warnings.push_back(n);
        }
        for (const auto& w : warnings) line(2, "Warning", w.in, w.out, "⚠ " + assText(w.text));
        if (s.captions.empty()) continue;
        auto it = st.language.empty() ? s.captions.begin() : s.captions.find(st.language);
        if (it == s.captions.end()) it = s.captions.begin();
        // Broken by the Japanese rules, at most two lines at the caption size inside the title-safe
        // area and the caption's box; libass only draws the lines ({\q2}: no wrapping of its own).
        const double maxWidth = st.width - 2.0 * (marginH + captionPad);
        for (const auto& c : it->second)
            for (const auto& part : fitCaption(c.text, s.step.in + c.start, s.step.in + c.end, maxWidth, captionSize, 2)) {
                std::string text;
                for (const auto& l : part.lines) text += (text.empty() ? "" : "\\N") + assText(l);
                line(0, "Caption", part.start, part.end, "{\\q2}" + text);
            }
    }
    return out;
}

av::FilterNode burninFilter(const std::string& assPath) { return {"ass", {{"filename", assPath}}}; }

}  // namespace kotsu::package
