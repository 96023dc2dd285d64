#pragma once
// Where tr()'s tables come from: assets/strings/ja.conf, built in, with the user's strings/ja.conf
// (~/.config/kotsu/, $KOTSU_LIBRARY/) over it.
#include <map>
#include <string>

#include "core/error.hpp"

namespace kotsu::annotate::ui {

// Whether the tables loaded; a bad user file is the error ("FILE:LINE: …"), and until it is fixed
// tr() uses the built-in table.
[[nodiscard]] Status translationsStatus();

using Translations = std::map<std::string, std::string, std::less<>>;  // English → translation
// Reads the Japanese table afresh (tr() reads it once, on first use).
[[nodiscard]] Result<Translations> loadTranslations();

}  // namespace kotsu::annotate::ui
