#include "capture/record/fragment_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace kotsu::record {

Result<std::unique_ptr<FragmentWriter>> FragmentWriter::create(const std::filesystem::path& path) {
    std::unique_ptr<FragmentWriter> w(new FragmentWriter());
    w->path_ = path;
    w->fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (w->fd_ < 0) return Error::av(-errno, path.string(), "cannot create the recording");
    w->thread_ = std::thread([p = w.get()] { p->run(); });
    return w;
}

FragmentWriter::~FragmentWriter() { (void)close(); }

bool FragmentWriter::append(const std::uint8_t* data, int size) {
    if (failed_) return false;
    gathering_.insert(gathering_.end(), data, data + size);
    return true;
}

void FragmentWriter::seal() {
    if (gathering_.empty()) return;
    {
        std::lock_guard lock(m_);
        queue_.push_back(std::move(gathering_));
    }
    gathering_.clear();
    cv_.notify_one();
}

void FragmentWriter::run() {
    for (;;) {
        std::vector<std::uint8_t> chunk;
        {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
            if (queue_.empty()) return;
            chunk = std::move(queue_.front());
            queue_.pop_front();
        }
        if (failed_) continue;  // drop: the recording already failed, the file keeps its whole fragments
        const std::uint8_t* p = chunk.data();
        std::size_t left = chunk.size();
        while (left > 0) {
            ssize_t n = ::write(fd_, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                std::lock_guard lock(m_);
                error_ = Error::av(-errno, path_.string(), "cannot write the recording");
                failed_ = true;
                // The part of the fragment that got in goes: the file ends at its last whole
                // fragment (readable as it is), and a full disk gets that room back.
                if (::ftruncate(fd_, static_cast<off_t>(whole_)) == 0) written_ = whole_;
                break;
            }
            p += n;
            left -= static_cast<std::size_t>(n);
            written_ += static_cast<std::uint64_t>(n);
        }
        if (!failed_ && ::fdatasync(fd_) != 0) {
            std::lock_guard lock(m_);
            error_ = Error::av(-errno, path_.string(), "cannot sync the recording");
            failed_ = true;
        }
        if (!failed_) {
            ++syncs_;
            whole_ = written_;
        }
    }
}

Status FragmentWriter::close() {
    seal();
    {
        std::lock_guard lock(m_);
        closing_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) {
        if (::close(fd_) != 0 && !failed_) {
            error_ = Error::av(-errno, path_.string(), "cannot close the recording");
            failed_ = true;
        }
        fd_ = -1;
    }
    if (failed_) return error();
    return {};
}

Error FragmentWriter::error() const {
    std::lock_guard lock(const_cast<std::mutex&>(m_));
    return error_;
}

}  // namespace kotsu::record
