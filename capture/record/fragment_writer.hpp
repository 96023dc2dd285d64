#pragma once
// The writer thread of a recording: owns the file, takes whole fragments from the muxer (which writes
// into memory, never to the disk) and writes + fdatasyncs each one, so the capture thread never waits
// on the disk and a power cut loses at most the fragment being written.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace kotsu::record {

class FragmentWriter {
public:
    // Creates `path` (refuses an existing file: a recording never replaces anything).
    static Result<std::unique_ptr<FragmentWriter>> create(const std::filesystem::path& path);
    ~FragmentWriter();  // drains and closes

    // The muxer's byte sink (capture side): gathers bytes in memory.
    bool append(const std::uint8_t* data, int size);
    // Hands what was gathered since the last seal to the writer thread as one fragment.
    void seal();
    // Waits until every sealed fragment is on the disk, then closes the file.
    [[nodiscard]] Status close();

    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] Error error() const;
    [[nodiscard]] std::uint64_t syncs() const { return syncs_; }
    [[nodiscard]] std::uint64_t bytesOnDisk() const { return written_; }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    FragmentWriter() = default;
    void run();

    std::filesystem::path path_;
    int fd_ = -1;
    std::vector<std::uint8_t> gathering_;
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::vector<std::uint8_t>> queue_;
    bool closing_ = false;
    std::atomic<bool> failed_{false};
    Error error_;
    std::atomic<std::uint64_t> syncs_{0}, written_{0};
    std::uint64_t whole_ = 0;  // bytes of the fragments written and synced whole (writer thread)
    std::thread thread_;
};

}  // namespace kotsu::record
