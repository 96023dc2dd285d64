// Hasher: XXH3-128 as printed by the reference implementation (high 64 bits first), streamed or not.
#include <gtest/gtest.h>

#include <string>

#include "core/hash.hpp"

using namespace kotsu;

namespace {
std::string hashOf(const std::string& s) {
    Hasher h;
    h.update(s.data(), s.size());
    return h.hex();
}
}  // namespace

// Vectors from xxHash's own sanity tests (XXH3_128bits, seed 0).
TEST(Hasher, MatchesTheReferenceVectors) {
    EXPECT_EQ(hashOf(""), "99aa06d3014798d86001c324468d497f");
    EXPECT_EQ(hashOf("a"), "a96faf705af16834e6c632b61e964e1f");
    EXPECT_EQ(hashOf("abc"), "06b05ab6733a618578af5f94892f3950");
    EXPECT_EQ(hashOf("hello"), "b5e9c1ad071b3e7fc779cfaa5e523818");
}

TEST(Hasher, PrintsThirtyTwoLowercaseHexDigits) {
    auto h = hashOf("kotsu");
    ASSERT_EQ(h.size(), 32u);
    for (char c : h) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
}

TEST(Hasher, GivesTheSameDigestWhateverTheChunking) {
    std::string data;
    for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i) data += static_cast<char>((i * 131) ^ (i >> 7));
    auto whole = hashOf(data);
    for (size_t chunk : {1u << 20, 4096u, 7u}) {
        if (chunk == 7u) data.resize(100'000);  // keep the byte-by-byte-ish case quick
        Hasher h;
        for (size_t at = 0; at < data.size(); at += chunk) h.update(data.data() + at, std::min(chunk, data.size() - at));
        EXPECT_EQ(h.hex(), chunk == 7u ? hashOf(data) : whole) << chunk;
    }
}

TEST(Hasher, ChangesWithASingleBit) {
    std::string a(4096, '\0');
    std::string b = a;
    b[2048] = 1;
    EXPECT_NE(hashOf(a), hashOf(b));
}
