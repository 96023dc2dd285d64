// Error and Result: one honest line "<file>: <problem> (libav reason)", and propagation with KOTSU_TRY.
#include <gtest/gtest.h>

extern "C" {
#include <libavutil/error.h>
}

#include "core/error.hpp"

using namespace kotsu;

TEST(ErrorWhat, NamesTheFileThenTheProblem) {
    EXPECT_EQ(Error::make("A.mp4", "is empty (0 bytes)").what(), "A.mp4: is empty (0 bytes)");
}

TEST(ErrorWhat, OmitsAnEmptyPath) { EXPECT_EQ(Error::make("", "nothing to do").what(), "nothing to do"); }

TEST(ErrorWhat, AppendsLibavsReasonForAnAverrorCode) {
    auto e = Error::av(AVERROR_INVALIDDATA, "x.mp4", "cannot open");
    EXPECT_EQ(e.what(), "x.mp4: cannot open (Invalid data found when processing input)");
    EXPECT_EQ(e.code, AVERROR_INVALIDDATA);
}

TEST(ErrorWhat, DoesNotRepeatAReasonTheMessageAlreadyHolds) {
    auto e = Error::make("x.mp4", "read failed: No such file or directory", AVERROR(ENOENT));
    EXPECT_EQ(e.what(), "x.mp4: read failed: No such file or directory");
}

TEST(ErrorWhat, IsOneLine) {
    auto e = Error::av(AVERROR_EOF, "clip.mov", "cannot read a packet");
    EXPECT_EQ(e.what().find('\n'), std::string::npos);
}

namespace {

Result<int> half(int v) {
    if (v % 2) return Error::make("half", std::to_string(v) + " is odd");
    return v / 2;
}

Result<int> quarter(int v) {
    auto h = half(v);
    KOTSU_TRY(h);
    return half(*h);
}

Status checkEven(int v) {
    KOTSU_TRY(half(v));
    return {};
}

}  // namespace

TEST(ResultValue, HoldsAValueOrAnError) {
    auto ok = half(8);
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(static_cast<bool>(ok));
    EXPECT_EQ(*ok, 4);
    auto bad = half(3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "3 is odd");
}

TEST(ResultValue, MovesItsValueOut) {
    Result<std::string> r(std::string(100, 'x'));
    std::string s = std::move(r).value();
    EXPECT_EQ(s.size(), 100u);
}

TEST(KotsuTry, PropagatesTheFirstError) {
    EXPECT_EQ(*quarter(8), 2);
    EXPECT_EQ(quarter(6).error().message, "3 is odd");
    EXPECT_EQ(quarter(5).error().message, "5 is odd");
}

TEST(KotsuTry, WorksInStatusFunctions) {
    EXPECT_TRUE(checkEven(2).ok());
    auto s = checkEven(7);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().what(), "half: 7 is odd");
}
