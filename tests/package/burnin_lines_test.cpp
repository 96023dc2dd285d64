// Burned-in captions that fit: broken by the Japanese rules into at most two lines, a cue too long for
// two lines split over its time into consecutive cues, and — on pixels, rendered by libass with Noto
// Sans CJK — every caption box of a 120-character caption inside the title-safe area.
#include <gtest/gtest.h>

#include <ass/ass.h>

#include <algorithm>
#include <sstream>

#include "player/package/burnin.hpp"

using namespace kotsu;
using namespace kotsu::package;

namespace {

// 120 characters of Japanese with punctuation that must not start a line.
std::string longCaption() {
    std::string s;
    while (s.size() < 120 * 3)
        s += "トルクレンチは「カチッ」と鳴ったら止める。締めすぎはボルトを傷める（特に細いもの）。";
    // cut at a character boundary after 120 code points
    size_t cps = 0, i = 0;
    for (; i < s.size() && cps < 120; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++cps;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return s.substr(0, i);
}

std::vector<StepPlan> oneStep(const std::string& caption) {
    StepPlan p;
    p.index = 1;
    p.step.kind = MarkerKind::Step;
    p.step.in = 0;
    p.step.out = 20'000'000;
    p.step.title = "本締め";
    p.captions["ja"] = {Cue{1, 1'000'000, 17'000'000, caption}};
    return {p};
}

}  // namespace

TEST(BurninLines, ACueTooLongForTwoLinesBecomesConsecutiveCues) {
    auto parts = fitCaption(longCaption(), 1'000'000, 17'000'000, 854 - 2 * (43 + 11), 64, 2);
    ASSERT_GE(parts.size(), 2u);
    EXPECT_EQ(parts.front().start, 1'000'000);
    EXPECT_EQ(parts.back().end, 17'000'000);
    for (size_t i = 0; i < parts.size(); ++i) {
        EXPECT_LE(parts[i].lines.size(), 2u);
        if (i) EXPECT_EQ(parts[i].start, parts[i - 1].end);
        for (const auto& l : parts[i].lines) {
            for (const char* bad : {"、", "。", "）", "」"}) EXPECT_NE(l.rfind(bad, 0), 0u) << "line starts with " << bad << ": " << l;
            for (const char* bad : {"（", "「"})
                EXPECT_FALSE(l.size() >= 3 && l.compare(l.size() - 3, 3, bad) == 0) << "line ends with " << bad << ": " << l;
        }
    }
}

TEST(BurninLines, A120CharacterCaptionStaysInsideTheSafeAreaOnPixels) {
    for (auto [w, h] : {std::pair{854, 480}, std::pair{640, 360}}) {
        BurninStyle st;
        st.width = w;
        st.height = h;
        const std::string script = burninScript(oneStep(longCaption()), st);
        // at most two lines per caption event
        std::istringstream in(script);
        std::string line;
        int captionEvents = 0;
        while (std::getline(in, line)) {
            if (line.find(",Caption,") == std::string::npos) continue;
            captionEvents++;
            size_t breaks = 0;
            for (size_t p = line.find("\\N"); p != std::string::npos; p = line.find("\\N", p + 2)) breaks++;
            EXPECT_LE(breaks, 1u) << line;
        }
        EXPECT_GE(captionEvents, 2);

        ASS_Library* lib = ass_library_init();
        ASS_Renderer* r = ass_renderer_init(lib);
        ass_set_frame_size(r, w, h);
        ass_set_fonts(r, nullptr, "sans-serif", ASS_FONTPROVIDER_AUTODETECT, nullptr, 1);
        std::string copy = script;
        ASS_Track* track = ass_read_memory(lib, copy.data(), copy.size(), nullptr);
        ASSERT_NE(track, nullptr);
        const int mx = w * st.margin / 100, my = h * st.margin / 100;
        int framesWithCaption = 0;
        for (long long ms = 1100; ms < 17000; ms += 500) {
            int changed = 0;
            int x0 = w, y0 = h, x1 = 0, y1 = 0;
            bool any = false;
            for (ASS_Image* img = ass_render_frame(r, track, ms, &changed); img; img = img->next) {
                // the caption is the lower half's text; the step title sits at the top left
                if (img->dst_y < h / 2 || img->w == 0 || img->h == 0) continue;
                any = true;
                x0 = std::min(x0, img->dst_x);
                y0 = std::min(y0, img->dst_y);
                x1 = std::max(x1, img->dst_x + img->w);
                y1 = std::max(y1, img->dst_y + img->h);
            }
            if (!any) continue;
            framesWithCaption++;
            EXPECT_GE(x0, mx) << w << "x" << h << " at " << ms << " ms";
            EXPECT_LE(x1, w - mx) << w << "x" << h << " at " << ms << " ms";
            EXPECT_LE(y1, h - my) << w << "x" << h << " at " << ms << " ms";
            EXPECT_GE(y0, h / 2) << w << "x" << h << " at " << ms << " ms";
        }
        EXPECT_GT(framesWithCaption, 20);
        ass_free_track(track);
        ass_renderer_done(r);
        ass_library_done(lib);
    }
}
