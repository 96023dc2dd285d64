#pragma once
// Play, pause and the J/K/L shuttle (NLE and mpv conventions): L plays forward and doubles the speed
// on each press (1×, 2×, 4×, 8×), J the same backwards, K stops. The playhead follows a clock
// anchored where playback last started or changed speed, so a slow UI frame never slows the media.
#include <chrono>

#include "core/time.hpp"

namespace kotsu::annotate {

class Transport {
public:
    using Clock = std::chrono::steady_clock;

    [[nodiscard]] bool playing() const { return rate_ != 0; }
    [[nodiscard]] int rate() const { return rate_; }  // −8…8, 0 = paused

    void play(Micros from, Clock::time_point now) { setRate(1, from, now); }
    void pause() { rate_ = 0; }
    void togglePlay(Micros from, Clock::time_point now) { playing() ? pause() : play(from, now); }
    void shuttleForward(Micros from, Clock::time_point now) { setRate(rate_ <= 0 ? 1 : std::min(rate_ * 2, 8), from, now); }
    void shuttleBack(Micros from, Clock::time_point now) { setRate(rate_ >= 0 ? -1 : std::max(rate_ * 2, -8), from, now); }
    // After a seek while playing: carry on from there.
    void reanchor(Micros from, Clock::time_point now) {
        anchorPos_ = from;
        anchorWall_ = now;
    }

    // Where the playhead is now; pauses itself at either end of [0, end].
    [[nodiscard]] Micros position(Clock::time_point now, Micros end) {
        if (!playing()) return anchorPos_;
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - anchorWall_).count();
        Micros p = anchorPos_ + us * rate_;
        if (p <= 0 || p >= end) {
            p = p <= 0 ? 0 : end;
            rate_ = 0;
            anchorPos_ = p;
        }
        return p;
    }

private:
    void setRate(int r, Micros from, Clock::time_point now) {
        rate_ = r;
        reanchor(from, now);
    }
    int rate_ = 0;
    Micros anchorPos_ = 0;
    Clock::time_point anchorWall_{};
};

}  // namespace kotsu::annotate
