#pragma once
// Text files from Japanese work sites come in whatever the tool saved: Excel's "CSV (コンマ区切り)" is
// CP932 (Shift_JIS), its "Unicode text" is UTF-16 with a BOM, subtitle tools write Shift_JIS SRT. Readers
// decode here to UTF-8 once — BOM first, else valid UTF-8, else strict CP932 through glibc iconv — and
// everything that enters the catalog is checked to be UTF-8, since every later JSON write depends on it.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace kotsu {

enum class TextEncoding { Utf8, Utf8Bom, Utf16Le, Utf16Be, Cp932 };

// "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE", "CP932 (Shift_JIS)".
[[nodiscard]] std::string_view encodingName(TextEncoding e);

struct DecodedText {
    std::string text;  // UTF-8, without a BOM
    TextEncoding encoding = TextEncoding::Utf8;
};

// Decodes a file's bytes; bytes that are none of the encodings are an error naming the file, the line of
// the first byte that is not UTF-8, and `hint` (what to do about it, e.g. in Excel, save as "CSV UTF-8").
[[nodiscard]] Result<DecodedText> decodeText(std::string_view bytes, const std::string& fileName,
                                             std::string_view hint);

// The offset of the first byte that does not belong to well-formed UTF-8 (no overlongs, no surrogates,
// nothing past U+10FFFF), or npos.
[[nodiscard]] size_t invalidUtf8At(std::string_view text);
[[nodiscard]] inline bool isUtf8(std::string_view text) { return invalidUtf8At(text) == std::string_view::npos; }

// An error about `what` (e.g. "marker 3 title") when `text` is not UTF-8; the text itself is not shown.
[[nodiscard]] Status requireUtf8(std::string_view text, const std::string& what);

// UTF-8 → CP932 for old tools; a character CP932 has no code for is an error naming it.
[[nodiscard]] Result<std::string> encodeCp932(std::string_view utf8, const std::string& what);

}  // namespace kotsu
