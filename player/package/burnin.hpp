#pragma once
// Burned-in text for the glasses profile, as an ASS script rendered by libass (libavfilter's
// `ass` filter): big boxed high-contrast captions at the bottom, "STEP n/N title" at the top and
// safety warnings, all inside the title-safe area, in Noto Sans CJK JP.
#include <string>
#include <vector>

#include "player/package/package_plan.hpp"

namespace kotsu::package {

struct BurninStyle {
    int width = 854;
    int height = 480;
    std::string font = "Noto Sans CJK JP";
    std::string language;  // which captions to burn; empty = the first available
};

// Times in the script are on the session timeline (the whole-session encode it is burned into).
[[nodiscard]] std::string burninScript(const std::vector<StepPlan>& steps, const BurninStyle& style);
// The libavfilter spec that burns `assPath` in (path escaped for the filter parser).
[[nodiscard]] std::string burninFilter(const std::string& assPath);
// Caption text height in pixels for a frame height (≥ 1/12 of it).
[[nodiscard]] int captionFontSize(int frameHeight);

}  // namespace kotsu::package
