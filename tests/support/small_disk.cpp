#include "tests/support/small_disk.hpp"

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace kotsu::test {

std::optional<SmallDisk> SmallDisk::mount(const std::filesystem::path& dir, std::size_t bytes, std::string* why) {
    if (::geteuid() != 0) {
        if (why) *why = "mounting a small tmpfs needs root";
        return std::nullopt;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string opts = "size=" + std::to_string(bytes);
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, opts.c_str()) != 0) {
        if (why) *why = std::string("cannot mount a tmpfs: ") + std::strerror(errno);
        return std::nullopt;
    }
    return SmallDisk(dir);
}

SmallDisk::~SmallDisk() {
    if (!dir_.empty()) ::umount2(dir_.c_str(), MNT_DETACH);
}

void SmallDisk::fill(std::size_t leave) const {
    struct statvfs s {};
    if (::statvfs(dir_.c_str(), &s) != 0) return;
    const std::size_t freeBytes = static_cast<std::size_t>(s.f_bavail) * s.f_frsize;
    if (freeBytes <= leave) return;
    std::ofstream f(dir_ / "filler.bin", std::ios::binary);
    std::vector<char> block(64 * 1024, 'x');
    for (std::size_t left = freeBytes - leave; left > 0 && f;) {
        const std::size_t n = std::min(left, block.size());
        f.write(block.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
}

}  // namespace kotsu::test
