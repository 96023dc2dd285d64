#include <gtest/gtest.h>
#include <cstdio>
#include <cstdlib>
#include "annotate/suggest_scan.hpp"
using namespace kotsu;
TEST(ZZDebug, Dump) {
    const char* p = std::getenv("DUMP");
    if (!p) GTEST_SKIP();
    annotate::suggest::ScanRequest rq;
    if (std::getenv("FULL")) rq.fast = false;
    auto r = annotate::suggest::scanMedia(p, rq, nullptr);
    ASSERT_TRUE(r.ok()) << r.error().what();
    std::printf("frames %zu times %zu analysed %ld refined %ld fps %.3f\n", r->frames.size(), r->frameTimes.size(), r->analysed, r->refined, r->frameRate);
    for (auto& f : r->frames) std::printf("%8.3f c=%6.2f i=%6.1f a=%.4f\n", f.time / 1e6, f.content, f.intensity, f.activity);
    if (std::getenv("AUDIO")) for (auto& b : r->audio) std::printf("A %8.3f %.1f\n", b.time / 1e6, b.db);
}
