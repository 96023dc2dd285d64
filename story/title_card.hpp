#pragma once
// Title cards and lower thirds drawn by libass (through libavfilter's `ass` filter): the ASS script of a
// card, and the card as a PNG picture (a title: white on black; a lower third: RGBA, transparent around a
// boxed name and line) for exports to editing software. Japanese in Noto Sans CJK JP.
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::story {

inline constexpr const char* kCardFont = "Noto Sans CJK JP";

// The card as an ASS script for a `width`×`height` frame, showing from 0 for `length`. `raised`: a lower
// third sits higher, above burned-in captions.
[[nodiscard]] std::string cardScript(const StoryItem& card, int width, int height, Micros length, bool raised = false);
// TEXT as ASS dialogue text in lines no wider than maxEm (core/line_break: UAX #14 and the Japanese rules,
// which libass does not apply), override braces escaped, lines joined by \N.
[[nodiscard]] std::string assLines(const std::string& text, double maxEm);
// The `ass` filter that draws `assPath` (quoted for the filter-graph parser); alpha: keep the frame's alpha.
[[nodiscard]] std::string assFilter(const std::filesystem::path& assPath, bool alpha);
// The card as a PNG file (written under a temporary name, renamed when complete).
[[nodiscard]] Status writeCardPng(const StoryItem& card, int width, int height, const std::filesystem::path& png);

}  // namespace kotsu::story
