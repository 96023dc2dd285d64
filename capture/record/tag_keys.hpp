#pragma once
// The terminal's keys on the tag bus, the same for `kotsu capture` and `kotsu tag`: 1–9 the palette,
// space a plain mark, u undo, q stop (y to confirm). Each thing done is said in one line through
// `say` (the command prints it); a stop asked for and confirmed shows in stopRequested().
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "capture/record/tags.hpp"
#include "capture/record/terminal_keys.hpp"
#include "core/time.hpp"

namespace kotsu::record {

// "HH:MM:SS" of a time on the session clock (tags, the status line).
[[nodiscard]] std::string clockText(Micros t);

class KeyTagger {
public:
    using Say = std::function<void(const std::string&)>;
    // Reads keys from `fd` when it is a terminal (nothing otherwise); `bus` must outlive this.
    KeyTagger(int fd, TagBus& bus, std::vector<PaletteEntry> palette, Say say);
    KeyTagger(const KeyTagger&) = delete;
    KeyTagger& operator=(const KeyTagger&) = delete;

    [[nodiscard]] bool stopRequested() const { return stop_; }
    void key(char c);  // one key, as if typed

private:
    TagBus& bus_;
    std::vector<PaletteEntry> palette_;
    Say say_;
    std::atomic<bool> stop_{false}, confirming_{false};
    TerminalKeys keys_;  // last: its thread ends before the rest goes
};

}  // namespace kotsu::record
