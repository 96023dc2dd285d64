// The clip cache: a second package after one caption changed encodes only the clip that caption is
// burned into; every other clip is the earlier run's, byte for byte, and the same as a cold run's;
// a half-written cache entry is never used.
#include <gtest/gtest.h>

#include <fstream>

#include "core/files.hpp"
#include "player/package/clip_cache.hpp"
#include "player/package/package.hpp"
#include "tests/package/package_fixture.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

std::string bytes(const fs::path& p) {
    auto r = readFile(p);
    EXPECT_TRUE(r.ok()) << p;
    return r.ok() ? *r : std::string{};
}

std::vector<fs::path> clipsOf(const fs::path& pkg) {
    std::vector<fs::path> out;
    for (const auto& f : fs::recursive_directory_iterator(pkg / "clips"))
        if (f.is_regular_file()) out.push_back(fs::relative(f.path(), pkg));
    std::sort(out.begin(), out.end());
    return out;
}

Result<package::PackageResult> packageTo(test::PackagedSession& f, const std::string& name, bool cache = true) {
    package::PackageOptions opt;
    opt.out = f.dir / "out" / name;
    opt.cache = cache;
    return package::buildPackage(f.lib, *f.cat, f.session, opt);
}

}  // namespace

TEST(ClipCache, OneChangedCaptionReencodesOnlyTheClipItIsBurnedInto) {
    test::PackagedSession f("clip-cache");
    auto a = packageTo(f, "a");
    ASSERT_TRUE(a.ok()) << a.error().what();
    const int clips = a->steps * 2;  // tablet + glasses
    EXPECT_EQ(a->clipsEncoded, clips);
    EXPECT_EQ(a->clipsCached, 0);

    // An editor fixes the wording of one caption.
    auto cues = f.cat->cues(f.session.id, "ja");
    ASSERT_TRUE(cues.ok() && !cues->empty());
    Cue changed = (*cues)[0];
    changed.text = "ボルトは対角線の順に、少しずつ締める";
    ASSERT_TRUE(f.cat->updateCue(changed).ok());
    auto markers = f.cat->markers(f.session.id);
    ASSERT_TRUE(markers.ok());

    auto b = packageTo(f, "b");
    ASSERT_TRUE(b.ok()) << b.error().what();
    EXPECT_EQ(b->clipsEncoded, 1) << "only the glasses clip of the step whose caption changed";
    EXPECT_EQ(b->clipsCached, clips - 1);

    auto inA = clipsOf(f.dir / "out" / "a");
    ASSERT_EQ(inA, clipsOf(f.dir / "out" / "b"));
    ASSERT_EQ(inA.size(), size_t(clips));
    int differ = 0;
    for (const auto& rel : inA) {
        bool same = bytes(f.dir / "out" / "a" / rel) == bytes(f.dir / "out" / "b" / rel);
        if (!same) {
            ++differ;
            EXPECT_EQ(rel.parent_path().filename(), "glasses") << rel;
        }
    }
    EXPECT_EQ(differ, 1) << "the changed caption is burned into exactly one clip";

    // A cold run (no cache) makes the same clips as the run that took most of them from the cache:
    // byte for byte where the encode is reproducible (tablet: CRF), the same frames and times where
    // it is not (glasses: x264's VBV with threads is not bit-reproducible from run to run).
    auto cold = packageTo(f, "cold", false);
    ASSERT_TRUE(cold.ok()) << cold.error().what();
    EXPECT_EQ(cold->clipsCached, 0);
    for (const auto& rel : inA) {
        if (rel.parent_path().filename() == "tablet")
            EXPECT_TRUE(bytes(f.dir / "out" / "cold" / rel) == bytes(f.dir / "out" / "b" / rel)) << rel;
        auto frames = [&](const std::string& pkg) {
            return test::run("ffprobe -v error -select_streams v:0 -show_entries packet=pts,duration -of csv '" +
                             (f.dir / "out" / pkg / rel).string() + "' | sort -t, -k2 -n");
        };
        auto coldFrames = frames("cold");
        EXPECT_FALSE(coldFrames.empty());
        EXPECT_EQ(coldFrames, frames("b")) << rel;
    }
}

TEST(ClipCache, AHalfWrittenEntryIsAMissNeverAWrongClip) {
    test::ScratchDir dir("clip-cache-half");
    package::ClipCache cache(dir / "clips");
    auto clip = dir / "clip.mp4";
    ASSERT_TRUE(writeFileAtomic(clip, std::string(4096, 'x')).ok());
    transcode::Profile p;
    p.name = "tablet";
    auto key = package::clipKey("0123", {0, 1'000'000}, p, "ja", "");
    EXPECT_NE(key, package::clipKey("0123", {0, 1'000'001}, p, "ja", "")) << "the span is in the key";
    EXPECT_NE(key, package::clipKey("0123", {0, 1'000'000}, p, "ja", "STEP 1/3 締め")) << "and the burned-in text";
    ASSERT_TRUE(cache.store(key, clip, {{}, 640, 360, 1'000'000}).ok());
    auto hit = cache.find(key);
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->width, 640);
    EXPECT_EQ(bytes(hit->file), bytes(clip));
    // Cut short (a crash while copying it in place, a full disk): not used.
    fs::resize_file(dir / "clips" / (key + ".mp4"), 1000);
    EXPECT_FALSE(cache.find(key).has_value());
    // The facts missing (killed between the two renames): not used either.
    ASSERT_TRUE(cache.store(key, clip, {{}, 640, 360, 1'000'000}).ok());
    fs::remove(dir / "clips" / (key + ".json"));
    EXPECT_FALSE(cache.find(key).has_value());
}

TEST(ClipCache, StaysWithinItsLimitDroppingTheLeastRecentlyUsed) {
    test::ScratchDir dir("clip-cache-bound");
    package::ClipCache cache(dir / "clips", 10'000);
    auto clip = dir / "clip.mp4";
    ASSERT_TRUE(writeFileAtomic(clip, std::string(4000, 'x')).ok());
    transcode::Profile p;
    std::vector<std::string> keys;
    for (int i = 0; i < 4; ++i) {
        keys.push_back(package::clipKey("src", {i * 1'000'000, (i + 1) * 1'000'000}, p, "ja", ""));
        ASSERT_TRUE(cache.store(keys.back(), clip, {{}, 1, 1, 1}).ok());
        fs::last_write_time(dir / "clips" / (keys.back() + ".json"),
                            fs::file_time_type::clock::now() - std::chrono::hours(10 - i));
    }
    ASSERT_TRUE(cache.find(keys[0]).has_value());  // used now: the newest
    cache.prune();
    EXPECT_TRUE(cache.find(keys[0]).has_value());
    EXPECT_FALSE(cache.find(keys[1]).has_value());
    EXPECT_FALSE(cache.find(keys[2]).has_value());
    EXPECT_TRUE(cache.find(keys[3]).has_value());
}
