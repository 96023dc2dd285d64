// The editor's background jobs each have their own cancel token: cancelling packaging leaves the
// proxy running; Ctrl-C/SIGTERM (the process token) stops them all.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "annotate/background_job.hpp"

using namespace kotsu;
using namespace kotsu::annotate;
using namespace std::chrono_literals;

namespace {

// Work that runs until its token is cancelled or `stop` is set.
BackgroundJob::Work untilCancelled(std::atomic<bool>& stop) {
    return [&stop](Progress& p, const CancelToken& cancel) -> Status {
        for (Micros t = 0; !stop.load(); t += 1000) {
            if (cancel.cancelled()) return Error::make("job", "cancelled");
            p.update(t % 1'000'000);
            std::this_thread::sleep_for(1ms);
        }
        return {};
    };
}

bool finishesWithin(const BackgroundJob& j, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!j.finished() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(2ms);
    return j.finished();
}

}  // namespace

TEST(BackgroundJob, CancellingOneJobLeavesTheOtherRunning) {
    std::atomic<bool> stop{false};
    BackgroundJob proxy("proxy", 1'000'000, untilCancelled(stop));
    BackgroundJob packaging("package", 1'000'000, untilCancelled(stop));
    packaging.cancel();
    ASSERT_TRUE(finishesWithin(packaging, 2s));
    EXPECT_TRUE(packaging.cancelled());
    EXPECT_FALSE(packaging.outcome()->ok());
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(proxy.finished()) << "cancelling packaging stopped the proxy";
    EXPECT_FALSE(proxy.cancelled());
    EXPECT_FALSE(cancelRequested()) << "nothing process-wide was touched";
    stop = true;
    ASSERT_TRUE(finishesWithin(proxy, 2s));
    EXPECT_TRUE(proxy.outcome()->ok());
}

TEST(BackgroundJob, TheProcessTokenStopsEveryJob) {
    std::atomic<bool> stop{false};
    BackgroundJob a("proxy", 1'000'000, untilCancelled(stop));
    BackgroundJob b("package", 1'000'000, untilCancelled(stop));
    requestCancel();  // what SIGTERM does
    EXPECT_TRUE(finishesWithin(a, 2s));
    EXPECT_TRUE(finishesWithin(b, 2s));
    clearCancel();
    stop = true;
    EXPECT_FALSE(a.outcome()->ok());
    EXPECT_FALSE(b.outcome()->ok());
}
