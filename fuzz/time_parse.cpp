// core/time: parseTime on any text; what it accepts is in range, survives formatSeconds → parseTime exactly
// and formatTime → parseTime to the millisecond.
#include "core/time.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kotsu;
    auto text = fuzz::asText(data, size);
    auto t = parseTime(text);
    if (t) {
        KOTSU_FUZZ_CHECK(timeInRange(*t));
        auto again = parseTime(formatSeconds(*t));
        KOTSU_FUZZ_CHECK(again && *again == *t);
        auto shown = parseTime(formatTime(*t));
        KOTSU_FUZZ_CHECK(shown && *shown - *t <= 500 && *t - *shown <= 500);  // rounded to the millisecond
    }
    if (size == sizeof(double)) {  // the JSON path: any double, NaN and infinities included
        double d = 0;
        __builtin_memcpy(&d, data, sizeof d);
        if (auto us = microsFromSeconds(d)) KOTSU_FUZZ_CHECK(timeInRange(*us));
    }
    (void)formatTime(static_cast<Micros>(size) * 1'000'003LL - 7);
    return 0;
}
