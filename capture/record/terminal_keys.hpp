#pragma once
// Keys typed in the terminal while recording or tagging: the tty in non-canonical mode without echo
// (Ctrl-C still interrupts), read on its own thread, restored on destruction.
#include <atomic>
#include <functional>
#include <thread>

#include <termios.h>

namespace kotsu::record {

class TerminalKeys {
public:
    // Does nothing when `fd` is not a terminal.
    TerminalKeys(int fd, std::function<void(char)> onKey);
    ~TerminalKeys();
    TerminalKeys(const TerminalKeys&) = delete;
    TerminalKeys& operator=(const TerminalKeys&) = delete;
    [[nodiscard]] bool active() const { return active_; }

private:
    int fd_;
    bool active_ = false;
    termios saved_{};
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace kotsu::record
