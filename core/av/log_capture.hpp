#pragma once
// Catches libav's own log lines on the current thread while alive, instead of printing them, so an
// error can carry libav's reason ("moov atom not found") in kotsu's single line "<file>: <problem>".
// Captures nest: when an inner one ends, its lines are handed to the enclosing one.
// libav's logger is process-wide: the callback is installed once and forwards everything that is not
// being caught to av_log_default_callback, so other threads log exactly as before.
#include <string>
#include <vector>

namespace kotsu::av {

class LogCapture {
public:
    // Catches messages at `maxLevel` (an AV_LOG_* value) or more severe; 16 is AV_LOG_ERROR.
    explicit LogCapture(int maxLevel = 16);
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
    // The distinct lines joined by "; " (at most `maxLines`), "" when libav said nothing.
    [[nodiscard]] std::string summary(size_t maxLines = 2) const;
    void clear() { lines_.clear(); }

    // For the callback only.
    [[nodiscard]] bool catches(int level) const { return level <= maxLevel_; }
    void append(const char* text);

private:
    int maxLevel_;
    LogCapture* outer_;
    std::string partial_;
    std::vector<std::string> lines_;
};

}  // namespace kotsu::av
