#pragma once
// Copying camera files into the library: hashed while copying (XXH3-128), flushed to the disk, and
// read back from the disk to prove the copy holds the same bytes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/cancel.hpp"
#include "core/error.hpp"

namespace kotsu::capture {

struct CopyResult {
    std::string checksum;  // XXH3-128 of the source as it was read, 32 hex digits
    std::int64_t size = 0;
};

// Called with the bytes copied so far.
using BytesProgress = std::function<void(std::int64_t done)>;

// Copies `src` into a new file `dst` (which must not exist), hashing on the way, then fsyncs it.
// Stops with an error when `cancel` is cancelled (core/cancel.hpp); `dst` is then incomplete
// and the caller removes it (it is a TempPath in ingest).
[[nodiscard]] Result<CopyResult> copyHashed(const std::filesystem::path& src, const std::filesystem::path& dst,
                                            const BytesProgress& progress = {},
                                            const CancelToken& cancel = CancelToken::process());

// Hashes a file. With `fromDisk`, first asks the kernel to drop the file's cached pages so the
// bytes come from the disk rather than from what was just written.
[[nodiscard]] Result<std::string> hashFile(const std::filesystem::path& p, bool fromDisk = false,
                                          const CancelToken& cancel = CancelToken::process());

}  // namespace kotsu::capture
