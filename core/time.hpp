#pragma once
// Time as integers. The session timeline is in microseconds (Micros); media timestamps carry
// their own time base (Timestamp) and are rescaled at every boundary, never turned into doubles
// on the way.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kotsu {

using Micros = std::int64_t;  // microseconds on the session timeline (first frame = 0)

struct Rational {
    int num = 0;
    int den = 1;
    [[nodiscard]] double toDouble() const { return den ? double(num) / den : 0.0; }
    [[nodiscard]] bool valid() const { return num > 0 && den > 0; }
    friend bool operator==(const Rational&, const Rational&) = default;
};

inline constexpr Rational kMicrosBase{1, 1000000};

// a * b / c with rounding to nearest, without overflow for media-sized values.
[[nodiscard]] std::int64_t rescale(std::int64_t value, Rational from, Rational to);

// A stretch of the session timeline, [start, end).
struct TimeSpan {
    Micros start = 0;
    Micros end = 0;
};

struct Timestamp {
    std::int64_t ticks = 0;
    Rational base = kMicrosBase;

    [[nodiscard]] Micros micros() const { return rescale(ticks, base, kMicrosBase); }
    [[nodiscard]] Timestamp in(Rational to) const { return {rescale(ticks, base, to), to}; }
    static Timestamp fromMicros(Micros us) { return {us, kMicrosBase}; }
};

// The longest time kotsu accepts anywhere (files, arguments): 10^7 s (about 115 days). Larger, negative
// or non-finite times are refused by every reader, so no conversion overflows.
inline constexpr Micros kMaxTime = 10'000'000LL * 1'000'000LL;
[[nodiscard]] constexpr bool timeInRange(Micros us) { return us >= 0 && us <= kMaxTime; }
// Seconds as a double (JSON numbers) → microseconds; nullopt for NaN, infinities, negative or > kMaxTime.
[[nodiscard]] std::optional<Micros> microsFromSeconds(double seconds);

// "12.5", "31", "00:00:31.250", "1:02.5" → microseconds. nullopt when it is not a time or is
// beyond kMaxTime.
[[nodiscard]] std::optional<Micros> parseTime(std::string_view text);
// 31250000 → "00:00:31.250"; values outside 0 … kMaxTime are clamped to it (never garbage).
[[nodiscard]] std::string formatTime(Micros us);
// 31250000 → "31.25" (seconds, shortest exact decimal up to microseconds)
[[nodiscard]] std::string formatSeconds(Micros us);

}  // namespace kotsu
