#pragma once
// A program run as a child process that a test can signal (SIGTERM, SIGINT, SIGKILL) and wait for
// with a deadline: the cancellation and kill tests.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kotsu::test {

class ChildProcess {
public:
    // Starts `argv` (argv[0] a path) with stdout/stderr into the given files and `env` added to the
    // environment ("NAME=value").
    static std::optional<ChildProcess> start(const std::vector<std::string>& argv, const std::filesystem::path& out,
                                             const std::filesystem::path& err, const std::vector<std::string>& env = {});
    ChildProcess(ChildProcess&& o) noexcept : pid_(o.pid_), status_(o.status_) { o.pid_ = -1; }
    ChildProcess& operator=(ChildProcess&&) = delete;
    ChildProcess(const ChildProcess&) = delete;
    ~ChildProcess();  // SIGKILLs and reaps a child still running

    [[nodiscard]] pid_t pid() const { return pid_; }
    void signal(int sig) const;
    // The exit code (128 + N when killed by signal N), or nullopt when still running after `limit`.
    std::optional<int> wait(std::chrono::milliseconds limit);
    [[nodiscard]] bool running();

private:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    pid_t pid_ = -1;
    std::optional<int> status_;
};

// The kotsu binary of this build, and kotsu-annotate (empty when the GUI is not built).
[[nodiscard]] std::filesystem::path kotsuBinary();
[[nodiscard]] std::filesystem::path annotateBinary();

// Waits until `pred` is true or `limit` passes (polling every 5 ms); returns the last value.
template <class Pred>
bool waitUntil(Pred pred, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end) return false;
        struct timespec ts{0, 5'000'000};
        nanosleep(&ts, nullptr);
    }
    return true;
}

}  // namespace kotsu::test
