#pragma once
// Burned-in text for the glasses profile, as an ASS script rendered by libass (libavfilter's
// `ass` filter): big boxed high-contrast captions at the bottom, "STEP n/N title" at the top and
// safety warnings, all inside the title-safe area, in Noto Sans CJK JP.
#include <string>
#include <vector>

#include "core/asset_file.hpp"
#include "core/av/filter_graph.hpp"
#include "core/error.hpp"
#include "player/package/package_plan.hpp"

namespace kotsu::package {

// The colours and box of one kind of text (caption, step title, warning). Colours are "RRGGBB".
struct TextStyle {
    std::string colour;
    std::string boxColour;
    int boxPadding = 20;  // percent of the text size the box reaches past the text
};

// Data: assets/burnin.conf (built in) with the user's burnin.conf over it. These defaults are the
// shipped file's values (a test keeps them equal), for code that renders without loading it.
struct BurninStyle {
    int width = 854;
    int height = 480;
    std::string language;  // which captions to burn; empty = the first available
    std::string font = "Noto Sans CJK JP";
    double captionLines = 7.5;  // caption size: the frame height holds this many lines
    int titleLines = 16;        // step title and warning size: 1/titleLines of the frame height…
    int titleMinSize = 18;      // …at least this many pixels
    int margin = 5;             // title-safe area, percent of the frame from each edge
    double warningSeconds = 4;  // a step's warning shows for its first seconds
    double safetySeconds = 2;   // a safety marker's warning shows at least this long
    TextStyle caption{"FFFFFF", "000000", 17};
    TextStyle step{"FFFF00", "000000", 20};
    TextStyle warning{"000000", "FFD700", 20};

    // Caption text height in pixels for this frame height.
    [[nodiscard]] int captionSize() const;
    [[nodiscard]] int titleSize() const;
};

// The style from conf files in order (general keys, then [caption], [step], [warning]); unknown keys
// and bad values are errors naming the file and line.
[[nodiscard]] Result<BurninStyle> parseBurninStyle(const std::vector<assets::ConfFile>& files);
// The built-in style with the user's burnin.conf over it.
[[nodiscard]] Result<BurninStyle> loadBurninStyle();

// Times in the script are on the session timeline (the whole-session encode it is burned into).
// A caption's lines as burned in: broken by the Japanese rules (core/line_break) to at most maxLines
// lines of maxWidthPx at sizePx; a cue too long for that becomes consecutive cues over its time.
struct TimedLines {
    Micros start = 0;
    Micros end = 0;
    std::vector<std::string> lines;
};
[[nodiscard]] std::vector<TimedLines> fitCaption(const std::string& text, Micros start, Micros end, double maxWidthPx,
                                                 int sizePx, int maxLines);


// With `onlyStep` (a StepPlan::index), the script holds that step's text alone, its times less
// `shift` (the step's own encode, which starts at its in).
[[nodiscard]] std::string burninScript(const std::vector<StepPlan>& steps, const BurninStyle& style,
                                       int onlyStep = 0, Micros shift = 0);
// The libavfilter `ass` filter that burns `assPath` in; the path is an option value set through the
// API, so any character in it (' : , [ ] \ spaces, Japanese) reaches libass unchanged.
[[nodiscard]] av::FilterNode burninFilter(const std::string& assPath);

}  // namespace kotsu::package
