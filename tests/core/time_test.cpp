// Time as integers: parsing what people type, formatting for people, rescaling between time bases.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/time.hpp"

using namespace kotsu;

TEST(ParseTime, ReadsPlainSeconds) {
    EXPECT_EQ(parseTime("31"), 31'000'000);
    EXPECT_EQ(parseTime("12.5"), 12'500'000);
    EXPECT_EQ(parseTime("0.000001"), 1);
    EXPECT_EQ(parseTime("2,25"), 2'250'000);  // a decimal comma, as typed on a Japanese/European keyboard
}

TEST(ParseTime, ReadsClockForms) {
    EXPECT_EQ(parseTime("00:00:31.250"), 31'250'000);
    EXPECT_EQ(parseTime("1:02.5"), 62'500'000);
    EXPECT_EQ(parseTime("1:00:00"), 3'600'000'000LL);
    EXPECT_EQ(parseTime("  00:01  "), 1'000'000);
}

TEST(ParseTime, KeepsMicrosecondsAndDropsFinerDigits) {
    EXPECT_EQ(parseTime("1.1234567"), 1'123'456);
}

TEST(ParseTime, RefusesWhatIsNotATime) {
    for (const char* bad : {"", " ", "-1", "abc", "1:60", "1:2:3:4", "1:", ":5", "12x", "1.2.3", "00:61.0", "1:99:00"})
        EXPECT_FALSE(parseTime(bad).has_value()) << "'" << bad << "'";
}

TEST(FormatTime, PrintsHoursMinutesSecondsMillis) {
    EXPECT_EQ(formatTime(0), "00:00:00.000");
    EXPECT_EQ(formatTime(31'250'000), "00:00:31.250");
    EXPECT_EQ(formatTime(3'723'004'000LL), "01:02:03.004");
    EXPECT_EQ(formatTime(1'499), "00:00:00.001");  // rounds to the nearest millisecond
    EXPECT_EQ(formatTime(-5), "00:00:00.000");     // the timeline starts at 0
}

TEST(FormatTime, RoundTripsThroughParse) {
    for (Micros us : {0LL, 1'000LL, 59'999'000LL, 61'500'000LL, 7'200'123'000LL})
        EXPECT_EQ(parseTime(formatTime(us)), us) << us;
}

TEST(FormatSeconds, PrintsTheShortestExactDecimal) {
    EXPECT_EQ(formatSeconds(31'250'000), "31.25");
    EXPECT_EQ(formatSeconds(2'000'000), "2");
    EXPECT_EQ(formatSeconds(1), "0.000001");
    EXPECT_EQ(formatSeconds(-7'000), "-0.007");
}

TEST(Rescale, RoundsToNearestWithoutDoubles) {
    EXPECT_EQ(rescale(1, {1, 25}, kMicrosBase), 40'000);
    EXPECT_EQ(rescale(1001, {1, 30000}, kMicrosBase), 33'367);  // 33366.67 → 33367
    EXPECT_EQ(rescale(90000, {1, 90000}, {1, 1000}), 1000);
    // Large media values do not overflow: ten hours at 1/90000.
    EXPECT_EQ(rescale(3'240'000'000LL, {1, 90000}, kMicrosBase), 36'000'000'000LL);
}

TEST(Timestamp, CarriesItsTimeBase) {
    Timestamp t{3, {1, 25}};
    EXPECT_EQ(t.micros(), 120'000);
    auto in90k = t.in({1, 90000});
    EXPECT_EQ(in90k.ticks, 10'800);
    EXPECT_EQ(in90k.base, (Rational{1, 90000}));
    EXPECT_EQ(Timestamp::fromMicros(5).micros(), 5);
}

TEST(RationalValue, KnowsWhenItIsValid) {
    EXPECT_TRUE((Rational{30000, 1001}).valid());
    EXPECT_FALSE((Rational{0, 1}).valid());
    EXPECT_FALSE((Rational{1, 0}).valid());
    EXPECT_DOUBLE_EQ((Rational{1, 0}).toDouble(), 0.0);
    EXPECT_NEAR((Rational{30000, 1001}).toDouble(), 29.97, 0.001);
}

TEST(ParseTime, RefusesTimesBeyondTenMillionSeconds) {
    EXPECT_EQ(parseTime("10000000"), kMaxTime);
    EXPECT_FALSE(parseTime("10000000.000001"));
    EXPECT_FALSE(parseTime("2777:46:41"));
    EXPECT_FALSE(parseTime("9999:00:00"));
    EXPECT_FALSE(parseTime("-1"));
    EXPECT_FALSE(parseTime("nan"));
}

TEST(MicrosFromSeconds, RefusesNonFiniteNegativeAndHuge) {
    EXPECT_EQ(microsFromSeconds(1.5), 1'500'000);
    EXPECT_EQ(microsFromSeconds(1e7), kMaxTime);
    EXPECT_FALSE(microsFromSeconds(1e300));
    EXPECT_FALSE(microsFromSeconds(-1));
    EXPECT_FALSE(microsFromSeconds(std::numeric_limits<double>::quiet_NaN()));
    EXPECT_FALSE(microsFromSeconds(std::numeric_limits<double>::infinity()));
}

TEST(FormatTime, ExtremeValuesAreClampedNotGarbage) {
    EXPECT_EQ(formatTime(INT64_MAX), "2777:46:40.000");
    EXPECT_EQ(formatTime(INT64_MIN), "00:00:00.000");
    EXPECT_EQ(formatTime(-1), "00:00:00.000");
    EXPECT_EQ(formatSeconds(INT64_MIN), "-9223372036854.775808");
}
