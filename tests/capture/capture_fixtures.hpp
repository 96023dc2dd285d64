#pragma once
// Media for the capture tests, made at test time: tiny lavfi clips (transcode/synth), and the
// damaged copies ingest must refuse (cut in half, moov first then cut, a codec without a decoder).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/files.hpp"
#include "tests/support/test_support.hpp"
#include "demo/synth.hpp"

namespace kotsu::test {

// The folder generated clips live in for the whole test program (made once, shared by tests).
inline const std::filesystem::path& generatedDir() {
    static ScratchDir dir("capture-media");
    return dir.path();
}

inline demo::SynthSpec tinySpec(bool video = true, bool audio = true) {
    demo::SynthSpec s;
    if (video) s.video = "testsrc2=size=320x240:rate=30";
    if (audio) s.audio = "sine=frequency=440:sample_rate=48000";
    s.duration = 1'000'000;
    return s;
}

// Synthesizes `spec` into generatedDir()/name once; later calls return the same file.
inline std::filesystem::path generated(const std::string& name, const demo::SynthSpec& spec) {
    auto p = generatedDir() / name;
    if (!std::filesystem::exists(p)) {
        auto s = demo::synthesize(spec, p);
        EXPECT_TRUE(s.ok()) << name << ": " << s.error().what();
    }
    return p;
}

inline std::filesystem::path plainClip() { return generated("plain.mp4", tinySpec()); }

inline std::string readBytes(const std::filesystem::path& p) {
    auto r = readFile(p);
    return r.ok() ? *r : std::string();
}

// The first `fraction` of a file, as a copy cut short would leave it.
inline std::filesystem::path cutShort(const std::filesystem::path& src, const std::string& name, double fraction) {
    auto bytes = readBytes(src);
    auto p = generatedDir() / name;
    writeBytes(p, bytes.substr(0, static_cast<size_t>(static_cast<double>(bytes.size()) * fraction)));
    return p;
}

namespace mp4 {

inline std::uint32_t be32(const std::string& b, size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
inline void putBe32(std::string& b, size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
}

// Adds `delta` to every chunk offset (stco) under the box range [from, to).
inline void shiftChunkOffsets(std::string& b, size_t from, size_t to, std::uint32_t delta) {
    static const char* containers[] = {"trak", "mdia", "minf", "stbl", "edts", "dinf"};
    size_t at = from;
    while (at + 8 <= to) {
        std::uint32_t size = be32(b, at);
        std::string type = b.substr(at + 4, 4);
        if (size < 8 || at + size > to) return;
        if (type == "stco") {
            std::uint32_t n = be32(b, at + 12);
            for (std::uint32_t i = 0; i < n; ++i) putBe32(b, at + 16 + 4 * i, be32(b, at + 16 + 4 * i) + delta);
        } else {
            for (const char* c : containers)
                if (type == c) shiftChunkOffsets(b, at + 8, at + size, delta);
        }
        at += size;
    }
}

}  // namespace mp4

// Rewrites an mp4 with its moov box moved in front of mdat ("faststart"), as cameras and phones
// write them: a copy of such a file cut short still opens, with an index pointing past its end.
inline std::filesystem::path moovFirst(const std::filesystem::path& src, const std::string& name) {
    std::string b = readBytes(src);
    std::vector<std::pair<std::string, std::string>> boxes;
    for (size_t at = 0; at + 8 <= b.size();) {
        std::uint32_t size = mp4::be32(b, at);
        if (size < 8 || at + size > b.size()) break;
        boxes.emplace_back(b.substr(at + 4, 4), b.substr(at, size));
        at += size;
    }
    std::string moov;
    for (auto& [type, bytes] : boxes)
        if (type == "moov") moov = bytes;
    EXPECT_FALSE(moov.empty()) << src << " has no moov box";
    mp4::shiftChunkOffsets(moov, 8, moov.size(), static_cast<std::uint32_t>(moov.size()));
    std::string out;
    for (auto& [type, bytes] : boxes) {
        if (type == "moov") continue;
        if (type == "mdat") out += moov;
        out += bytes;
    }
    auto p = generatedDir() / name;
    writeBytes(p, out);
    return p;
}

// A raw AVS2 elementary stream: libavformat recognises it, Debian's FFmpeg has no decoder for it.
inline std::filesystem::path undecodableAvs2() {
    std::string seq("\x00\x00\x01\xb0\x20\x42", 6);
    seq += std::string(30, '\0');
    std::string pic("\x00\x00\x01\xb3", 4);
    pic += std::string(40, '\x80');
    std::string end("\x00\x00\x01\xb1", 4);
    auto p = generatedDir() / "unsupported.avs2";
    writeBytes(p, seq + pic + pic + end);
    return p;
}

}  // namespace kotsu::test
