#include "capture/record/terminal_keys.hpp"

#include <poll.h>
#include <unistd.h>

namespace kotsu::record {

TerminalKeys::TerminalKeys(int fd, std::function<void(char)> onKey) : fd_(fd) {
    if (!isatty(fd) || tcgetattr(fd, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &raw) != 0) return;
    active_ = true;
    thread_ = std::thread([this, onKey = std::move(onKey)] {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char c;
            if (::read(fd_, &c, 1) != 1) break;  // the terminal went away
            onKey(c);
        }
    });
}

TerminalKeys::~TerminalKeys() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (active_) tcsetattr(fd_, TCSANOW, &saved_);
}

}  // namespace kotsu::record
