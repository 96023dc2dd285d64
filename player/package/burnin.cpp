#include "player/package/burnin.hpp"

#include <algorithm>
#include <cstdio>

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

}  // namespace

int captionFontSize(int frameHeight) {
    // Kana and kanji ink fills about 0.65 of Noto's em: 2/15 of the frame as the font size gives
    // text taller than 1/12 of the frame.
    return (frameHeight * 2 + 14) / 15;
}

std::string burninScript(const std::vector<StepPlan>& steps, const BurninStyle& st) {
    const int captionSize = captionFontSize(st.height);
    const int titleSize = std::max(18, st.height / 16);
    const int marginV = st.height / 20;  // title-safe: 5% from the edges
    const int marginH = st.width / 20;
    char head[2048];
    // BorderStyle 3 = opaque box behind the text. Colours are &HAABBGGRR.
    std::snprintf(head, sizeof head,
                  "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 0\n"
                  "ScaledBorderAndShadow: yes\n\n[V4+ Styles]\n"
                  "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
                  "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
                  "Alignment, MarginL, MarginR, MarginV, Encoding\n"
                  "Style: Caption,%s,%d,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,3,%d,0,2,%d,%d,%d,1\n"
                  "Style: Step,%s,%d,&H0000FFFF,&H0000FFFF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,3,%d,0,7,%d,%d,%d,1\n"
                  "Style: Warning,%s,%d,&H00000000,&H00000000,&H0000D7FF,&H0000D7FF,1,0,0,0,100,100,0,0,3,%d,0,7,%d,%d,%d,1\n\n"
                  "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
                  st.width, st.height, st.font.c_str(), captionSize, std::max(4, captionSize / 6), marginH, marginH,
                  marginV, st.font.c_str(), titleSize, std::max(3, titleSize / 5), marginH, marginH, marginV,
                  st.font.c_str(), titleSize, std::max(3, titleSize / 5), marginH, marginH,
                  marginV + titleSize * 2);  // the warning sits under the step title
    std::string out = head;
    const int total = static_cast<int>(steps.size());
    for (const auto& s : steps) {
        auto line = [&](int layer, const char* style, Micros a, Micros b, const std::string& text) {
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
            warnings.push_back({s.step.in, std::min(s.step.out, s.step.in + 4'000'000), s.step.warning});
        for (const auto& w : s.safety) {
            Shown n{w.in, std::min(s.step.out, std::max(w.out, w.in + 2'000'000)), w.warning.empty() ? w.title : w.warning};
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
        for (const auto& c : it->second) line(0, "Caption", s.step.in + c.start, s.step.in + c.end, assText(c.text));
    }
    return out;
}

std::string burninFilter(const std::string& assPath) {
    // The filter-graph parser treats : , ; [ ] ' and \ specially: quote the path.
    std::string escaped;
    for (char c : assPath) {
        if (c == '\'' || c == '\\' || c == ':') escaped += '\\';
        escaped += c;
    }
    return "ass=filename='" + escaped + "'";
}

}  // namespace kotsu::package
