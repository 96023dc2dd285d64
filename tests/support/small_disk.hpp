#pragma once
// A small tmpfs mounted for a test, to fill up: the disk-full tests. Mounting needs root (as in CI
// here); elsewhere `mount` returns nullopt with the reason and the test skips.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace kotsu::test {

class SmallDisk {
public:
    // Creates `dir` and mounts a tmpfs of `bytes` on it.
    static std::optional<SmallDisk> mount(const std::filesystem::path& dir, std::size_t bytes, std::string* why);
    SmallDisk(SmallDisk&& o) noexcept : dir_(std::move(o.dir_)) { o.dir_.clear(); }
    SmallDisk& operator=(SmallDisk&&) = delete;
    SmallDisk(const SmallDisk&) = delete;
    ~SmallDisk();  // unmounts
    [[nodiscard]] const std::filesystem::path& path() const { return dir_; }
    // Fills the disk with one file, leaving about `leave` bytes free.
    void fill(std::size_t leave) const;

private:
    explicit SmallDisk(std::filesystem::path dir) : dir_(std::move(dir)) {}
    std::filesystem::path dir_;
};

}  // namespace kotsu::test
