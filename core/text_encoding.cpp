#include "core/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <tuple>

namespace kotsu {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// One iconv conversion of the whole input; iconv fails on any invalid or unconvertible sequence (no
// //IGNORE, no //TRANSLIT), and `*badAt` is then the input offset where it stopped.
std::optional<std::string> convert(const char* to, const char* from, std::string_view in, size_t* badAt = nullptr) {
    iconv_t cd = ::iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());
    size_t srcLeft = in.size();
    size_t done = 0;
    bool ok = true;
    while (srcLeft > 0) {
        char* dst = out.data() + done;
        size_t dstLeft = out.size() - done;
        size_t r = ::iconv(cd, &src, &srcLeft, &dst, &dstLeft);
        done = out.size() - dstLeft;
        if (r != static_cast<size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        ok = false;  // EILSEQ (invalid or unconvertible) or EINVAL (cut off at the end)
        break;
    }
    ::iconv_close(cd);
    ok = ok && srcLeft == 0;
    out.resize(done);
    // glibc lets some ill-formed input through (a lone UTF-16 surrogate); what comes out must be UTF-8.
    if (ok && std::string_view(to) == "UTF-8" && invalidUtf8At(out) != std::string_view::npos) ok = false, srcLeft = 0;
    if (!ok) {
        if (badAt) *badAt = std::min(in.size() - srcLeft, in.size() ? in.size() - 1 : 0);
        return std::nullopt;
    }
    return out;
}

size_t lineAt(std::string_view text, size_t offset) {
    return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

std::string hex(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

}  // namespace

std::string_view encodingName(TextEncoding e) {
    switch (e) {
        case TextEncoding::Utf8: return "UTF-8";
        case TextEncoding::Utf8Bom: return "UTF-8 with BOM";
        case TextEncoding::Utf16Le: return "UTF-16 LE";
        case TextEncoding::Utf16Be: return "UTF-16 BE";
        case TextEncoding::Cp932: return "CP932 (Shift_JIS)";
    }
    return "?";
}

size_t invalidUtf8At(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;
        else if (c == 0xED) len = 3, hi = 0x9F;  // no UTF-16 surrogates
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;
        else if (c == 0xF4) len = 4, hi = 0x8F;  // nothing past U+10FFFF
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else return i;
        if (i + len > s.size()) return i;
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b1 < lo || b1 > hi) return i;
        for (size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

Result<DecodedText> decodeText(std::string_view bytes, const std::string& fileName, std::string_view hint) {
    auto refuse = [&](size_t at, std::string_view why) {
        return Error::make(fileName, "line " + std::to_string(lineAt(bytes, at)) + ": " + std::string(why) +
                                         " (byte " + hex(static_cast<unsigned char>(bytes[at])) + "); " +
                                         std::string(hint));
    };
    if (bytes.substr(0, 3) == kUtf8Bom) {
        auto body = bytes.substr(3);
        if (auto bad = invalidUtf8At(body); bad != std::string_view::npos)
            return refuse(bad + 3, "starts as UTF-8 but is not UTF-8");
        return DecodedText{std::string(body), TextEncoding::Utf8Bom};
    }
    for (auto [bom, from, enc] : {std::tuple{kUtf16LeBom, "UTF-16LE", TextEncoding::Utf16Le},
                                  std::tuple{kUtf16BeBom, "UTF-16BE", TextEncoding::Utf16Be}}) {
        if (bytes.substr(0, 2) != bom) continue;
        size_t bad = 0;
        auto text = convert("UTF-8", from, bytes.substr(2), &bad);
        if (!text) {
            // Lines counted in UTF-16 units: a '\n' is one 16-bit unit.
            auto body = bytes.substr(2);
            size_t line = 1;
            for (size_t k = 0; k < bad && k + 1 < body.size(); k += 2)
                line += (enc == TextEncoding::Utf16Le ? body[k] == '\n' && body[k + 1] == 0 : body[k] == 0 && body[k + 1] == '\n');
            return Error::make(fileName, "line " + std::to_string(line) + ": broken " + std::string(encodingName(enc)) +
                                             " text; " + std::string(hint));
        }
        return DecodedText{std::move(*text), enc};
    }
    const size_t bad = invalidUtf8At(bytes);
    if (bad == std::string_view::npos) return DecodedText{std::string(bytes), TextEncoding::Utf8};
    if (auto text = convert("UTF-8", "CP932", bytes)) return DecodedText{std::move(*text), TextEncoding::Cp932};
    return refuse(bad, "neither UTF-8, UTF-16 nor CP932 (Shift_JIS) text");
}

Status requireUtf8(std::string_view text, const std::string& what) {
    auto bad = invalidUtf8At(text);
    if (bad == std::string_view::npos) return {};
    return Error::make(what, "not UTF-8 text (byte " + hex(static_cast<unsigned char>(text[bad])) + " at " +
                                 std::to_string(bad) + "); give it as UTF-8");
}

Result<std::string> encodeCp932(std::string_view utf8, const std::string& what) {
    KOTSU_TRY(requireUtf8(utf8, what));
    size_t bad = 0;
    if (auto out = convert("CP932", "UTF-8", utf8, &bad)) return std::move(*out);
    // The character that has no CP932 code, whole (one UTF-8 sequence).
    size_t len = 1;
    auto c = static_cast<unsigned char>(utf8[bad]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    return Error::make(what, "'" + std::string(utf8.substr(bad, len)) +
                                 "' has no CP932 (Shift_JIS) code; export as UTF-8 (the default) instead");
}

}  // namespace kotsu
