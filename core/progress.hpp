#pragma once
// Progress of long work: percent, speed as × real time, time left. Drawn on a terminal (stderr),
// silent otherwise. Cancellation (Ctrl-C, SIGTERM, per-job tokens) is in core/cancel.hpp.
#include <chrono>
#include <functional>
#include <string>

#include "core/cancel.hpp"
#include "core/time.hpp"

namespace kotsu {

class Progress {
public:
    // total: media time to process; label: what is being done ("transcode 2/3 A.mp4").
    Progress(std::string label, Micros total, bool enabled);
    ~Progress();
    // done: media time processed so far.
    void update(Micros done);
    void finish();
    // Report into a callback instead of the terminal (the editor's background jobs).
    using Sink = std::function<void(double fraction, double speed, double secondsLeft)>;
    void setSink(Sink s) { sink_ = std::move(s); }
    [[nodiscard]] static bool stderrIsTerminal();

private:
    std::string label_;
    Micros total_;
    bool enabled_;
    Sink sink_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_;
    bool drawn_ = false;
};

}  // namespace kotsu
