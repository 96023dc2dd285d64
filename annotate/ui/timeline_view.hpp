#pragma once
// The visible stretch of the session timeline: where it starts and how many microseconds a pixel is.
#include <algorithm>
#include <cmath>

#include "core/time.hpp"

namespace kotsu::annotate::ui {

struct TimelineView {
    Micros start = 0;        // time at the left edge of the lanes
    double usPerPx = 50'000; // zoom
    float x0 = 0;            // screen x of the lanes' left edge
    float width = 1;         // lanes' width in pixels

    [[nodiscard]] float toX(Micros t) const { return x0 + static_cast<float>((t - start) / usPerPx); }
    [[nodiscard]] Micros toTime(float x) const { return start + static_cast<Micros>((x - x0) * usPerPx); }
    [[nodiscard]] Micros end() const { return start + static_cast<Micros>(width * usPerPx); }

    // Keeps the time under `anchorX` in place. Zoom runs from one frame per 12 px to the whole session.
    void zoomAt(float anchorX, double factor, Micros duration) {
        Micros anchor = toTime(anchorX);
        usPerPx = std::clamp(usPerPx / factor, 33'333.0 / 12.0, std::max(duration, Micros(1'000'000)) / double(std::max(width, 1.0f)) * 1.05);
        start = anchor - static_cast<Micros>((anchorX - x0) * usPerPx);
        clamp(duration);
    }
    void fit(Micros duration) {
        usPerPx = std::max(duration, Micros(1'000'000)) / double(std::max(width, 1.0f)) * 1.02;
        start = 0;
    }
    void clamp(Micros duration) {
        Micros span = end() - start;
        start = std::clamp<Micros>(start, 0, std::max<Micros>(0, duration - span / 2));
    }
    // Pages the view so that t stays visible (following the playhead during playback).
    void follow(Micros t, Micros duration) {
        Micros span = end() - start;
        if (t < start || t > end() - span / 20) {
            start = t - span / 10;
            clamp(duration);
        }
    }
};

}  // namespace kotsu::annotate::ui
