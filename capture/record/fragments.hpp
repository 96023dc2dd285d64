#pragma once
// The top-level boxes of a fragmented MP4 (ftyp, moov, then moof+mdat pairs): where the last complete
// fragment ends, so a recording cut short by a crash or power cut can be cut back to it.
#include <cstdint>
#include <filesystem>

#include "core/error.hpp"

namespace kotsu::record {

struct FragmentScan {
    std::uint64_t fileSize = 0;
    std::uint64_t goodEnd = 0;  // end of the last complete moof+mdat (0: not even one)
    int fragments = 0;          // complete moof+mdat pairs
    bool hasMoov = false;       // an initialisation segment (ftyp + moov with mvex)
};

// Walks the boxes (32-bit size, or 64-bit largesize when size == 1); an error when the file is not a
// fragmented MP4 kotsu could have written.
[[nodiscard]] Result<FragmentScan> scanFragments(const std::filesystem::path& file);

// Truncates `file` to its last complete fragment (nothing to do when it ends cleanly); the scan after.
[[nodiscard]] Result<FragmentScan> cutBack(const std::filesystem::path& file);

}  // namespace kotsu::record
