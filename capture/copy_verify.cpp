#include "capture/copy_verify.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "core/hash.hpp"
#include "core/progress.hpp"

namespace kotsu::capture {

namespace {

constexpr size_t kChunk = 1 << 20;

// Closes a file descriptor on every path out.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] bool ok() const { return fd_ >= 0; }
    int release() {
        int f = fd_;
        fd_ = -1;
        return f;
    }

private:
    int fd_;
};

// "<path>: <what>: <strerror>", keeping errno as the code (AVERROR(e) is -e).
Error sysError(const std::filesystem::path& p, const std::string& what) {
    int e = errno;
    return Error::make(p.string(), what + ": " + std::strerror(e), -e);
}

ssize_t readSome(int fd, char* buf, size_t n) {
    while (true) {
        ssize_t r = ::read(fd, buf, n);
        if (r >= 0 || errno != EINTR) return r;
    }
}

bool writeAll(int fd, const char* buf, size_t n) {
    while (n > 0) {
        ssize_t w = ::write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        buf += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

}  // namespace

Result<CopyResult> copyHashed(const std::filesystem::path& src, const std::filesystem::path& dst,
                              const BytesProgress& progress, const CancelToken& cancel) {
    Fd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.ok()) return sysError(src, "cannot read");
    Fd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.ok()) return sysError(dst, "cannot create");
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    Hasher h;
    std::vector<char> buf(kChunk);
    CopyResult r;
    while (true) {
        if (cancel.cancelled()) return Error::make(src.string(), "cancelled");
        ssize_t n = readSome(in.get(), buf.data(), buf.size());
        if (n < 0) return sysError(src, "read failed");
        if (n == 0) break;
        h.update(buf.data(), static_cast<size_t>(n));
        if (!writeAll(out.get(), buf.data(), static_cast<size_t>(n)))
            return sysError(dst, "write failed");
        r.size += n;
        if (progress) progress(r.size);
    }
    if (::fsync(out.get()) != 0) return sysError(dst, "cannot flush to the disk");
    // close() can report a deferred write error (NFS, some USB media): it is part of the copy.
    if (::close(out.release()) != 0) return sysError(dst, "write failed");
    r.checksum = h.hex();
    return r;
}

Result<std::string> hashFile(const std::filesystem::path& p, bool fromDisk, const CancelToken& cancel) {
    Fd in(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.ok()) return sysError(p, "cannot read");
    // Clean (already fsynced) pages are dropped, so the read-back exercises the disk, not the cache.
    if (fromDisk) ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_DONTNEED);
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    Hasher h;
    std::vector<char> buf(kChunk);
    while (true) {
        if (cancel.cancelled()) return Error::make(p.string(), "cancelled");
        ssize_t n = readSome(in.get(), buf.data(), buf.size());
        if (n < 0) return sysError(p, "read failed");
        if (n == 0) break;
        h.update(buf.data(), static_cast<size_t>(n));
    }
    return h.hex();
}

}  // namespace kotsu::capture
