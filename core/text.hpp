#pragma once
// Small text helpers shared by the exchange formats and the command line.
#include <string>
#include <string_view>
#include <vector>

namespace kotsu {

// "a, b,,c" → {"a", "b", "c"}: split on `sep`, trim blanks, drop empty items.
[[nodiscard]] std::vector<std::string> splitList(std::string_view s, char sep = ',');
// {"a", "b"} → "a<sep>b"
[[nodiscard]] std::string joinList(const std::vector<std::string>& items, std::string_view sep = ",");

// A BCP 47 language tag in the plain form kotsu uses: a 2–3 letter (or 5–8 letter) language subtag, then
// subtags of 1–8 letters or digits joined by '-' ("ja", "en", "pt-BR", "zh-Hant", "sr-Latn-RS"), at most
// 35 characters. Language codes name files (captions/03.ja.vtt), so anything else — "../../x", "", "ja/x",
// "ja.vtt" — is refused.
[[nodiscard]] bool isLanguageTag(std::string_view tag);
// The one-line refusal: "language code '../../x' is not a BCP 47 tag (like ja, en, pt-BR, zh-Hant)".
[[nodiscard]] std::string notALanguageTag(std::string_view tag);

// Text for HTML and XML content and attribute values: & < > " ' as entities (&#39; is both HTML and XML).
[[nodiscard]] std::string markupEscape(std::string_view s);

}  // namespace kotsu
