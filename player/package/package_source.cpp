#include "player/package/package_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include "core/hash.hpp"
#include "core/json_io.hpp"
#include "core/progress.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

namespace {

constexpr std::size_t kChunk = 1u << 20;
constexpr zip_int64_t kMaxZipEntries = 100'000;
// kotsu stores media and deflates text (HTML, JS, JSON, WebVTT: 3–10:1). An entry over 1 MB that claims
// more than 100:1 is a bomb (deflate reaches 1032:1 on zeros), refused before it is inflated.
constexpr std::uint64_t kMaxDeflateRatio = 100;

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    Fd& operator=(Fd&& o) noexcept {
        std::swap(fd_, o.fd_);
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }

private:
    int fd_;
};

std::string notAFile(mode_t mode) {
    if (S_ISLNK(mode)) return "a symbolic link, not followed (only files inside the package are read)";
    if (S_ISFIFO(mode)) return "a FIFO, not a file (not opened)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device, not a file (not opened)";
    if (S_ISSOCK(mode)) return "a socket, not a file";
    if (S_ISDIR(mode)) return "a folder, not a file";
    return "not a regular file";
}

std::vector<std::string> components(const std::string& relative) {
    std::vector<std::string> parts;
    for (const auto& p : fs::path(relative))
        if (!p.empty() && p != "." && p != "/") parts.push_back(p.string());
    return parts;
}

// Streams `read(buf, n)` (bytes read, 0 at the end, < 0 on error) into a hash, at most `limit` bytes.
template <typename Read>
Result<FileEntry> hashStream(const std::string& relative, std::int64_t limit, Read read) {
    Hasher h;
    std::vector<char> buf(kChunk);
    std::int64_t size = 0;
    while (size <= limit) {
        if (cancelRequested()) return Error::make(relative, "cancelled");
        auto want = static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(buf.size()), limit + 1 - size));
        auto n = read(buf.data(), want);
        if (n < 0) return Error::make(relative, "unreadable");
        if (n == 0) break;
        h.update(buf.data(), static_cast<std::size_t>(n));
        size += n;
    }
    if (size != limit) return Error::make(relative, "changed size while being read");
    return FileEntry{relative, size, h.hex()};
}

class FolderSource final : public PackageSource {
public:
    explicit FolderSource(Fd root) : root_(std::move(root)) {}

    Result<std::string> readText(const std::string& relative, std::size_t maxBytes) override {
        struct stat st {};
        auto fd = openRegular(relative, st);
        if (!fd) return fd.error();
        if (static_cast<std::uint64_t>(st.st_size) > maxBytes)
            return Error::make(relative, "larger than " + std::to_string(maxBytes) + " bytes");
        std::string text(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < text.size()) {
            auto n = ::read(fd->get(), text.data() + got, text.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return Error::make(relative, "unreadable");
            got += static_cast<std::size_t>(n);
        }
        return text;
    }

    Result<FileEntry> describe(const std::string& relative, std::int64_t expectedSize) override {
        struct stat st {};
        auto fd = openRegular(relative, st);
        if (!fd) return fd.error();
        if (st.st_size != expectedSize) return FileEntry{relative, st.st_size, ""};
        int raw = fd->get();
        return hashStream(relative, st.st_size, [raw](char* buf, std::size_t n) -> std::int64_t {
            while (true) {
                auto got = ::read(raw, buf, n);
                if (got < 0 && errno == EINTR) continue;
                return got;
            }
        });
    }

private:
    // Walks `relative` one name at a time from the package folder: every folder on the way and the file
    // itself must be what lstat says they are, opened with O_NOFOLLOW (and O_NONBLOCK: never waits).
    Result<Fd> openRegular(const std::string& relative, struct stat& st) const {
        auto parts = components(relative);
        if (parts.empty()) return Error::make(relative, "not a file name");
        Fd dir(::dup(root_.get()));
        for (size_t i = 0; i < parts.size(); ++i) {
            const bool last = i + 1 == parts.size();
            if (::fstatat(dir.get(), parts[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                return Error::make(relative, errno == ENOENT ? "missing" : std::string("unreadable: ") + std::strerror(errno));
            if (!last && !S_ISDIR(st.st_mode)) return Error::make(relative, parts[i] + " is " + notAFile(st.st_mode));
            if (last && !S_ISREG(st.st_mode)) return Error::make(relative, notAFile(st.st_mode));
            int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | (last ? O_NONBLOCK : O_DIRECTORY);
            Fd next(::openat(dir.get(), parts[i].c_str(), flags));
            if (next.get() < 0) return Error::make(relative, std::string("unreadable: ") + std::strerror(errno));
            struct stat opened {};
            if (::fstat(next.get(), &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev)
                return Error::make(relative, "changed while being read");
            dir = std::move(next);
        }
        return dir;
    }

    Fd root_;
};

class ZipSource final : public PackageSource {
public:
    ZipSource(zip_t* z, std::string name) : zip_(z), name_(std::move(name)) {
        zip_int64_t n = zip_get_num_entries(zip_, 0);
        for (zip_int64_t i = 0; i < n; ++i) {
            const char* raw = zip_get_name(zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
            std::string entry = raw ? raw : "";
            if (!raw) {
                problems_.push_back({"entry " + std::to_string(i), "unreadable name"});
                continue;
            }
            zip_uint8_t opsys = 0;
            zip_uint32_t attributes = 0;
            zip_file_get_external_attributes(zip_, static_cast<zip_uint64_t>(i), 0, &opsys, &attributes);
            mode_t mode = opsys == ZIP_OPSYS_UNIX ? static_cast<mode_t>(attributes >> 16) : 0;
            bool folder = !entry.empty() && entry.back() == '/';
            std::string bare = folder ? entry.substr(0, entry.size() - 1) : entry;
            if (!safeRelativeName(bare)) {
                problems_.push_back({entry, "unsafe name in the zip (absolute or with ..), not extracted"});
            } else if ((mode & S_IFMT) != 0 && !S_ISREG(mode) && !S_ISDIR(mode)) {
                problems_.push_back({entry, notAFile(mode) + " (zip entry)"});
            } else if (!folder && !entries_.emplace(bare, static_cast<zip_uint64_t>(i)).second) {
                problems_.push_back({entry, "in the zip twice"});
            }
        }
    }
    ~ZipSource() override { zip_discard(zip_); }

    Result<std::string> readText(const std::string& relative, std::size_t maxBytes) override {
        auto st = stat(relative);
        if (!st) return st.error();
        if (st->size > maxBytes) return Error::make(relative, "larger than " + std::to_string(maxBytes) + " bytes");
        std::string text;
        auto read = inflate(relative, static_cast<std::int64_t>(st->size),
                            [&](const char* buf, std::size_t n) { text.append(buf, n); });
        if (!read) return read.error();
        return text;
    }

    Result<FileEntry> describe(const std::string& relative, std::int64_t expectedSize) override {
        auto st = stat(relative);
        if (!st) return st.error();
        auto size = static_cast<std::int64_t>(st->size);
        if (size != expectedSize) return FileEntry{relative, size, ""};
        if (st->comp_method != ZIP_CM_STORE && st->size > kChunk && st->size / std::max<zip_uint64_t>(1, st->comp_size) > kMaxDeflateRatio)
            return Error::make(relative, "compressed " + std::to_string(st->size / std::max<zip_uint64_t>(1, st->comp_size)) +
                                             ":1 in the zip (a zip bomb?), not inflated");
        Hasher h;
        auto read = inflate(relative, size, [&](const char* buf, std::size_t n) { h.update(buf, n); });
        if (!read) return read.error();
        return FileEntry{relative, size, h.hex()};
    }

    [[nodiscard]] std::vector<std::pair<std::string, std::string>> containerProblems() const override { return problems_; }

private:
    Result<zip_stat_t> stat(const std::string& relative) {
        auto it = entries_.find(relative);
        if (it == entries_.end()) return Error::make(relative, "missing");
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip_, it->second, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            return Error::make(relative, "unreadable in the zip");
        index_ = it->second;
        return st;
    }

    // Inflates the entry found by the last stat(), at most `size` + 1 bytes: one more is a lie in the
    // zip's directory, not a reason to keep reading.
    template <typename Sink>
    Status inflate(const std::string& relative, std::int64_t size, Sink sink) {
        zip_file_t* f = zip_fopen_index(zip_, index_, 0);
        if (!f) return Error::make(relative, std::string("unreadable in the zip: ") + zip_strerror(zip_));
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> owner(f, zip_fclose);
        std::vector<char> buf(kChunk);
        std::int64_t total = 0;
        while (total <= size) {
            if (cancelRequested()) return Error::make(relative, "cancelled");
            auto want = static_cast<zip_uint64_t>(std::min<std::int64_t>(static_cast<std::int64_t>(buf.size()), size + 1 - total));
            zip_int64_t n = zip_fread(f, buf.data(), want);
            if (n < 0) return Error::make(relative, std::string("corrupt in the zip: ") + zip_file_strerror(f));
            if (n == 0) break;
            sink(buf.data(), static_cast<std::size_t>(n));
            total += n;
        }
        if (total != size) return Error::make(relative, "its size in the zip's directory is wrong");
        return {};
    }

    zip_t* zip_;
    std::string name_;
    std::map<std::string, zip_uint64_t> entries_;
    std::vector<std::pair<std::string, std::string>> problems_;
    zip_uint64_t index_ = 0;
};

bool looksLikeZip(const fs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    char magic[4] = {};
    if (fd.get() < 0 || ::read(fd.get(), magic, 4) != 4) return false;
    return magic[0] == 'P' && magic[1] == 'K' && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

}  // namespace

bool safeRelativeName(const std::string& name) {
    if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
        return false;
    if (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    for (const auto& part : fs::path(name))
        if (part == "..") return false;
    return true;
}

Result<std::unique_ptr<PackageSource>> openPackageSource(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return Error::make(path.string(), "not found (a package is a folder with manifest.json, or its .zip)");
    if (S_ISDIR(st.st_mode)) {
        Fd root(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (root.get() < 0) return Error::make(path.string(), std::string("cannot open: ") + std::strerror(errno));
        return std::unique_ptr<PackageSource>(std::make_unique<FolderSource>(std::move(root)));
    }
    if (!S_ISREG(st.st_mode) || !looksLikeZip(path))
        return Error::make(path.string(), "neither a package folder nor a .zip of one");
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, err);
        std::string why = zip_error_strerror(&e);
        zip_error_fini(&e);
        return Error::make(path.string(), "not a readable zip: " + why);
    }
    if (zip_get_num_entries(z, 0) > kMaxZipEntries) {
        zip_discard(z);
        return Error::make(path.string(), "more than " + std::to_string(kMaxZipEntries) + " entries: not a package");
    }
    return std::unique_ptr<PackageSource>(std::make_unique<ZipSource>(z, path.string()));
}

bool isKotsuPackageZip(const fs::path& zipPath) {
    auto src = openPackageSource(zipPath);
    if (!src || fs::is_directory(zipPath)) return false;
    auto text = (*src)->readText("manifest.json", kMaxManifestBytes);
    if (!text) return false;
    return readManifest(*text, "manifest.json").ok();
}

}  // namespace kotsu::package
