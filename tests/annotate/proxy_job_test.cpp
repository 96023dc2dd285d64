// The editor's proxy job: its own cancel token (packaging's cancel never reaches it), and a proxy
// that failed or was cancelled can be made again from the editor.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "annotate/media_files.hpp"
#include "annotate/workspace.hpp"
#include "tests/annotate/ui_fixture.hpp"

using namespace kotsu;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

bool tickUntil(annotate::Workspace& ws, const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
        ws.tick(annotate::Transport::Clock::now());
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

}  // namespace

TEST(ProxyJob, ACancelledProxyCanBeMadeAgain) {
    if (!annotate::canMakeProxy()) GTEST_SKIP() << "this build cannot make proxies";
    test::SessionLibrary sl;
    test::makeSessionLibrary(sl, "proxy-retry", 6'000'000);
    if (::testing::Test::HasFatalFailure()) return;
    // No proxy yet: opening the session starts making one.
    fs::remove_all(sl.lib.assetCacheDir(sl.asset.id));
    auto ws = annotate::Workspace::open(sl.lib, sl.session.id);
    ASSERT_TRUE(ws.ok()) << ws.error().what();
    auto& w = **ws;
    ASSERT_NE(w.proxyJob(), nullptr);
    EXPECT_FALSE(w.canRetryProxy());
    w.cancelProxy();
    ASSERT_TRUE(tickUntil(w, [&] { return w.proxyJob() == nullptr; }, 30s));
    EXPECT_FALSE(w.media().isProxy);
    ASSERT_TRUE(w.canRetryProxy()) << "a cancelled proxy is offered again";
    EXPECT_FALSE(cancelRequested());
    w.retryProxy();
    ASSERT_NE(w.proxyJob(), nullptr);
    ASSERT_TRUE(tickUntil(w, [&] { return w.proxyJob() == nullptr; }, 120s));
    EXPECT_TRUE(w.media().isProxy) << w.status();
    EXPECT_FALSE(w.canRetryProxy());
}
