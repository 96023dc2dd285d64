// Per-job cancel tokens (core/cancel.hpp): a child sees its parent's cancel, never its sibling's;
// SIGINT/SIGTERM cancel the process token; a second signal exits at once with 130.
#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include "core/cancel.hpp"

using namespace kotsu;

TEST(CancelToken, AChildSeesItsParentAndNotItsSibling) {
    auto root = CancelToken::detached();
    auto packaging = root.child();
    auto proxy = root.child();
    auto clipOfPackaging = packaging.child();
    packaging.cancel();
    EXPECT_TRUE(packaging.cancelled());
    EXPECT_TRUE(clipOfPackaging.cancelled());
    EXPECT_FALSE(proxy.cancelled()) << "cancelling packaging must leave the proxy running";
    EXPECT_FALSE(root.cancelled()) << "a child never cancels its parent";
    root.cancel();
    EXPECT_TRUE(proxy.cancelled());
}

TEST(CancelToken, CopiesShareTheFlagAcrossThreads) {
    auto token = CancelToken::detached();
    auto copy = token;
    std::thread([copy] { copy.cancel(); }).join();
    EXPECT_TRUE(token.cancelled());
}

TEST(CancelToken, TheProcessTokenReachesEveryJobToken) {
    CancelToken job;  // a child of the process token
    auto detached = CancelToken::detached();
    EXPECT_FALSE(job.cancelled());
    requestCancel();
    EXPECT_TRUE(job.cancelled());
    EXPECT_TRUE(job.child().cancelled());
    EXPECT_TRUE(CancelToken::process().cancelled());
    EXPECT_TRUE(cancelRequested());
    EXPECT_FALSE(detached.cancelled()) << "a detached token has no parent";
    clearCancel();
    EXPECT_FALSE(job.cancelled());
}

TEST(CancelSignals, SigtermCancelsTheProcessTokenAndNamesItsExitCode) {
    installCancelHandlers();
    CancelToken job;
    std::raise(SIGTERM);
    EXPECT_TRUE(job.cancelled());
    EXPECT_TRUE(cancelRequested());
    EXPECT_EQ(cancelExitCode(), 128 + SIGTERM);
    clearCancel();
    std::raise(SIGINT);
    EXPECT_EQ(cancelExitCode(), 130);
    clearCancel();
}

TEST(CancelSignals, ASecondCtrlCExitsAtOnceWith130) {
    EXPECT_EXIT(
        {
            installCancelHandlers();
            std::raise(SIGINT);
            if (!cancelRequested()) std::_Exit(3);
            std::raise(SIGINT);
            std::_Exit(4);  // not reached: the second Ctrl-C ends the process
        },
        ::testing::ExitedWithCode(130), "");
}
