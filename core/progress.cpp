#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace kotsu {

Progress::Progress(std::string label, Micros total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

bool Progress::stderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::update(Micros done) {
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double fraction = total_ > 0 ? std::min(1.0, double(done) / double(total_)) : 0.0;
    double speed = elapsed > 0 ? (double(done) / 1e6) / elapsed : 0.0;
    double left = speed > 0 ? (double(total_ - done) / 1e6) / speed : 0.0;
    if (sink_) sink_(fraction, speed, left);
    if (!enabled_) return;
    if (drawn_ && now - lastDraw_ < std::chrono::milliseconds(200)) return;
    lastDraw_ = now;
    drawn_ = true;
    std::fprintf(stderr, "\r%s  %5.1f%%  %5.2fx  %3.0fs left   ", label_.c_str(), fraction * 100.0, speed, left);
    std::fflush(stderr);
}

void Progress::finish() {
    if (enabled_ && drawn_) {
        std::fprintf(stderr, "\r%*s\r", static_cast<int>(label_.size()) + 40, "");
        std::fflush(stderr);
        drawn_ = false;
    }
}

}  // namespace kotsu
