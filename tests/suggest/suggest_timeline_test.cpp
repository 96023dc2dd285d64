// Suggestions are on the session timeline: the first picture is 0, whatever the sound does. A
// camera file whose picture starts half a second after its sound still has its cuts at the times
// the picture shows them.
#include <gtest/gtest.h>

#include <algorithm>

#include "annotate/suggest/suggest.hpp"
#include "tests/suggest/suggest_clips.hpp"

using namespace kotsu;
using namespace kotsu::annotate;
namespace fs = std::filesystem;

namespace {

constexpr Micros kFrame = 33'334;  // 30 fps, rounded up

struct LateCase {
    const char* name;  // file name: its extension chooses the container
    Micros videoStart;
    Micros audioStart;
    bool bframes;
};

class SuggestOnTheSessionTimeline : public ::testing::TestWithParam<LateCase> {};

TEST_P(SuggestOnTheSessionTimeline, CutsLandWhereThePictureChanges) {
    const auto& c = GetParam();
    test::ScratchDir dir(std::string("suggest-timeline-") + c.name);
    demo::SynthSpec spec;
    spec.video = test::suggest::kThreeScenes;  // cuts 2 s and 4 s after the first picture
    spec.audio = "sine=frequency=440:sample_rate=48000";
    spec.duration = 6'000'000;
    spec.videoStart = c.videoStart;
    spec.audioStart = c.audioStart;
    if (c.bframes) spec.videoOptions = {{"preset", "veryfast"}, {"x264-params", "scenecut=0:keyint=50:bframes=3"}};
    const fs::path file = dir.path() / c.name;
    auto made = demo::synthesize(spec, file);
    ASSERT_TRUE(made.ok()) << made.error().what();

    for (bool fast : {true, false}) {
        SuggestOptions o;
        o.fastDecode = fast;
        auto r = analyzeFile(file.string(), o);
        ASSERT_TRUE(r.ok()) << r.error().what();
        std::vector<Micros> cuts;
        for (const auto& s : r->suggestions)
            if (s.reason == "cut") cuts.push_back(s.time);
        ASSERT_EQ(cuts.size(), 2u) << (fast ? "fast" : "full");
        EXPECT_NEAR(static_cast<double>(cuts[0]), 2'000'000.0, kFrame) << (fast ? "fast" : "full");
        EXPECT_NEAR(static_cast<double>(cuts[1]), 4'000'000.0, kFrame) << (fast ? "fast" : "full");
    }
}

INSTANTIATE_TEST_SUITE_P(Files, SuggestOnTheSessionTimeline,
                         ::testing::Values(LateCase{"picture_late.mp4", 500'000, 0, false},
                                           LateCase{"picture_late.ts", 500'000, 0, false},
                                           LateCase{"picture_late_bframes.mp4", 500'000, 0, true},
                                           LateCase{"sound_late.mp4", 0, 300'000, false}),
                         [](const auto& info) {
                             std::string n = info.param.name;
                             std::replace(n.begin(), n.end(), '.', '_');
                             return n;
                         });

}  // namespace
