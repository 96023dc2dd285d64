#include "capture/record/fragments.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace kotsu::record {

namespace {

std::uint64_t be(const unsigned char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

Result<FragmentScan> scanFragments(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::make(file.string(), "cannot open the recording");
    FragmentScan s;
    std::error_code ec;
    s.fileSize = std::filesystem::file_size(file, ec);
    if (ec) return Error::make(file.string(), "cannot read the recording's size");
    std::uint64_t pos = 0;
    bool sawFtyp = false, pendingMoof = false;
    while (pos + 8 <= s.fileSize) {
        unsigned char h[16];
        in.seekg(static_cast<std::streamoff>(pos));
        if (!in.read(reinterpret_cast<char*>(h), 8)) break;
        std::uint64_t size = be(h, 4);
        std::string type(reinterpret_cast<char*>(h + 4), 4);
        std::uint64_t header = 8;
        if (size == 1) {
            if (!in.read(reinterpret_cast<char*>(h + 8), 8)) break;
            size = be(h + 8, 8);
            header = 16;
        } else if (size == 0) {
            size = s.fileSize - pos;  // "to the end of the file": only complete if it really ends there
        }
        if (size < header) break;  // garbage: a torn header
        if (pos == 0 && type != "ftyp")
            return Error::make(file.string(), "not an MP4 recording (no ftyp box at the start)");
        if (pos + size > s.fileSize) break;  // torn: this box did not finish
        if (type == "ftyp") sawFtyp = true;
        else if (type == "moov") {
            s.hasMoov = true;
            s.goodEnd = pos + size;  // the initialisation segment on its own is a (0-length) clean cut
        } else if (type == "moof") pendingMoof = true;
        else if (type == "mdat" && pendingMoof) {
            pendingMoof = false;
            ++s.fragments;
            s.goodEnd = pos + size;
        } else if (type == "mfra") {
            s.goodEnd = pos + size;  // the fragment index a clean stop writes
        }
        pos += size;
    }
    if (!sawFtyp || !s.hasMoov)
        return Error::make(file.string(), "not a fragmented MP4 recording (no initialisation segment)");
    return s;
}

Result<FragmentScan> cutBack(const std::filesystem::path& file) {
    auto s = scanFragments(file);
    if (!s) return s.error();
    if (s->goodEnd < s->fileSize) {
        if (::truncate(file.c_str(), static_cast<off_t>(s->goodEnd)) != 0)
            return Error::av(-errno, file.string(), "cannot cut the recording back");
        s->fileSize = s->goodEnd;
    }
    return s;
}

}  // namespace kotsu::record
