#include "core/files.hpp"

#include <fcntl.h>
#include <signal.h>
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

// fsync of a file (its data) or a folder (its entries: a rename is durable once its folder is synced).
Status syncPath(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error::make(p.string(), "cannot open to sync", -errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) return Error::make(p.string(), "cannot sync to disk", -err);  // EINVAL: fs without fsync
    return {};
}

fs::path parentOf(const fs::path& p) { return p.parent_path().empty() ? fs::path(".") : p.parent_path(); }

// Every file and folder of a tree, folders after their contents.
Status syncTree(const fs::path& root) {
    std::error_code ec;
    for (auto& e : fs::recursive_directory_iterator(root, ec))
        if (e.is_regular_file(ec) || e.is_directory(ec)) KOTSU_TRY(syncPath(e.path()));
    if (ec) return Error::make(root.string(), "cannot list to sync: " + ec.message());
    return syncPath(root);
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

Status TempPath::commit(const Replaceable& mayReplace) {
    std::error_code ec;
    if (fs::is_directory(temp_, ec)) {
        KOTSU_TRY(syncTree(temp_));
        if (fs::exists(final_, ec)) {
            const bool replaceable = fs::is_directory(final_, ec) &&
                                     (fs::is_empty(final_, ec) || (mayReplace && mayReplace(final_)));
            if (!replaceable) return Error::make(final_.string(), "holds something kotsu did not make; not replaced");
            // Swap in the complete folder, then drop the old one: the final name always holds a whole
            // folder. The old one goes under a fresh hidden name, so nothing else is ever removed.
            const auto old = final_.parent_path() / ("." + final_.filename().string() + ".old-" +
                                                    std::to_string(::getpid()) + "-" + std::to_string(counter++));
            fs::rename(final_, old, ec);
            if (ec) return Error::make(final_.string(), "cannot replace: " + ec.message());
            fs::rename(temp_, final_, ec);
            if (ec) {
                std::error_code back;
                fs::rename(old, final_, back);
                return Error::make(final_.string(), "cannot rename into place: " + ec.message());
            }
            committed_ = true;
            fs::remove_all(old, ec);
            return syncPath(parentOf(final_));
        }
    } else {
        KOTSU_TRY(syncPath(temp_));
    }
    fs::rename(temp_, final_, ec);
    if (ec) return Error::make(final_.string(), "cannot rename into place: " + ec.message());
    committed_ = true;
    return syncPath(parentOf(final_));
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
        out.close();
        if (!out) return Error::make(p.string(), std::string("cannot write: ") + std::strerror(errno));
    }
    return tmp.commit();
}

namespace {
// The pid in a TempPath temporary's name (".<stem>.tmp-<pid>-<n>…") or a folder swapped out by commit()
// (".<name>.old-<pid>"); 0 when the name is neither.
pid_t tempOwner(std::string_view name) {
    if (name.empty() || name[0] != '.') return 0;
    for (std::string_view mark : {".tmp-", ".old-"}) {
        auto at = name.find(mark);
        if (at == std::string_view::npos) continue;
        pid_t pid = 0;
        size_t i = at + mark.size();
        for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i) pid = pid * 10 + (name[i] - '0');
        if (i > at + mark.size()) return pid;
    }
    return 0;
}

void removeIfStale(const fs::path& p) {
    const pid_t pid = tempOwner(p.filename().string());
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) return;  // its owner still runs
    std::error_code ec;
    fs::remove_all(p, ec);
}
}  // namespace

void removeStaleTemps(const fs::path& finalPath) {
    const auto dir = finalPath.parent_path().empty() ? fs::path(".") : finalPath.parent_path();
    const auto tmpPrefix = "." + finalPath.stem().string() + ".tmp-";
    const auto oldPrefix = "." + finalPath.filename().string() + ".old-";
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) {
        const auto name = e.path().filename().string();
        if (name.starts_with(tmpPrefix) || name.starts_with(oldPrefix)) removeIfStale(e.path());
    }
}

void removeStaleTempsIn(const fs::path& dir) {
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) removeIfStale(e.path());
}

std::string folderNameFor(std::string_view title, size_t maxBytes) {
    std::string s;
    for (size_t i = 0; i < title.size();) {
        auto c = static_cast<unsigned char>(title[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool whole = len > 0 && i + len <= title.size();
        for (size_t k = 1; whole && k < len; ++k) whole = (static_cast<unsigned char>(title[i + k]) >> 6) == 0x2;
        if (!whole) {  // not UTF-8: dropped rather than guessed
            ++i;
            continue;
        }
        if (s.size() + len > maxBytes) break;
        const bool refused = len == 1 && (c < 0x20 || c == 0x7f || std::strchr("/\\:*?\"<>|", c));
        if (refused || (len == 1 && c == ' ')) {
            if (!s.empty() && s.back() != '-') s += '-';
        } else if (!(s.empty() && c == '.')) {
            s.append(title.substr(i, len));
        }
        i += len;
    }
    while (!s.empty() && (s.back() == '-' || s.back() == '.')) s.pop_back();
    return s.empty() ? "session" : s;
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
