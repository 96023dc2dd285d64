#include "core/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace kotsu {

namespace {
std::atomic<int> counter{0};

void syncPath(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}
}  // namespace

TempPath::TempPath(fs::path finalPath) : final_(std::move(finalPath)) {
    auto ext = final_.extension().string();
    auto stem = final_.stem().string();
    temp_ = final_.parent_path() /
            ("." + stem + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ext);
}

TempPath::TempPath(TempPath&& o) noexcept : final_(std::move(o.final_)), temp_(std::move(o.temp_)), committed_(o.committed_) {
    o.committed_ = true;
}

TempPath::~TempPath() {
    if (committed_) return;
    std::error_code ec;
    fs::remove_all(temp_, ec);
}

Status TempPath::commit() {
    std::error_code ec;
    if (fs::is_directory(temp_, ec)) {
        for (auto& e : fs::recursive_directory_iterator(temp_, ec))
            if (e.is_regular_file()) syncPath(e.path());
        if (fs::exists(final_, ec)) {
            // Swap in the complete folder, then drop the old one: the final name always holds a whole package.
            auto old = final_.parent_path() / ("." + final_.filename().string() + ".old-" + std::to_string(::getpid()));
            fs::remove_all(old, ec);
            fs::rename(final_, old, ec);
            if (ec) return Error::make(final_.string(), "cannot replace: " + ec.message());
            fs::rename(temp_, final_, ec);
            if (ec) {
                std::error_code back;
                fs::rename(old, final_, back);
                return Error::make(final_.string(), "cannot rename into place: " + ec.message());
            }
            fs::remove_all(old, ec);
            committed_ = true;
            return {};
        }
    } else {
        syncPath(temp_);
    }
    fs::rename(temp_, final_, ec);
    if (ec) return Error::make(final_.string(), "cannot rename into place: " + ec.message());
    committed_ = true;
    syncPath(final_.parent_path());
    return {};
}

Result<std::string> readFile(const fs::path& p) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return Error::make(p.string(), "is a directory, not a file");
    std::ifstream in(p, std::ios::binary);
    if (!in) return Error::make(p.string(), std::string("cannot read: ") + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status writeFileAtomic(const fs::path& p, std::string_view data) {
    TempPath tmp(p);
    {
        std::ofstream out(tmp.temp(), std::ios::binary);
        if (!out) return Error::make(p.string(), std::string("cannot write: ") + std::strerror(errno));
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) return Error::make(p.string(), "cannot write (disk full?)");
    }
    return tmp.commit();
}

std::string slugify(std::string_view title, size_t maxLen) {
    std::string s;
    bool dash = false;
    for (unsigned char c : title) {
        if (std::isalnum(c) && c < 0x80) {
            if (dash && !s.empty()) s += '-';
            s += static_cast<char>(std::tolower(c));
            dash = false;
        } else {
            dash = true;
        }
        if (s.size() >= maxLen) break;
    }
    while (!s.empty() && s.back() == '-') s.pop_back();
    return s.empty() ? "step" : s;
}

}  // namespace kotsu
