#pragma once
// Line breaking for text drawn on pictures (burned-in captions, story titles): where a line may end
// comes from Unicode line breaking (UAX #14, libunibreak), tightened by the Japanese rules (kinsoku,
// JIS X 4051): no line starts with 、。）」ー or a small kana, no line ends with （「; Latin words stay
// whole unless a word alone is wider than the line. A '\n' in the text is a forced break.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kotsu::text {

// The drawn width of a piece of UTF-8 text, in any unit (pixels from the font, or em).
using WidthFn = std::function<double(std::string_view utf8)>;

// An estimate in em when no font is at hand: East Asian wide and full-width characters 1 em, others
// 0.55 em (proportional Latin in Noto Sans CJK averages about that).
[[nodiscard]] double approxEmWidth(std::string_view utf8);

// Breaks TEXT into lines no wider than maxWidth (as WIDTH measures). Spaces where a line breaks are
// dropped; a single character or unbreakable piece wider than the line gets a line of its own,
// broken between characters only when it is a word longer than the line.
[[nodiscard]] std::vector<std::string> breakLines(std::string_view text, double maxWidth, const WidthFn& width);

// The lines of breakLines in groups of at most maxLines (a caption too long for its box becomes
// consecutive captions). Never returns an empty group; empty text gives no groups.
[[nodiscard]] std::vector<std::vector<std::string>> breakIntoGroups(std::string_view text, double maxWidth,
                                                                    int maxLines, const WidthFn& width);

// The Japanese rules as predicates on one code point (exposed for tests and the player's copy).
[[nodiscard]] bool mayNotStartLine(char32_t c);
[[nodiscard]] bool mayNotEndLine(char32_t c);

}  // namespace kotsu::text
