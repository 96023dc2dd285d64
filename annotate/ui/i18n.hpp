#pragma once
// The editor speaks English and Japanese. Strings are looked up by their English text, so the
// English UI needs no table and a missing translation falls back to English.
namespace kotsu::annotate::ui {

enum class Lang { En, Ja };

[[nodiscard]] const char* tr(Lang lang, const char* english);

}  // namespace kotsu::annotate::ui
