// `kotsu package`: exact clips per step and profile, captions, thumbnails, manifest, verify, atomicity.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/catalog/package_index.hpp"
#include "core/files.hpp"
#include "core/progress.hpp"
#include "tests/package/package_fixture.hpp"
#include "player/package/package.hpp"
#include "player/package/package_source.hpp"
#include "player/package/package_verify.hpp"

using namespace kotsu;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json readManifest(const fs::path& dir) {
    auto text = readFile(dir / "manifest.json");
    EXPECT_TRUE(text.ok());
    return json::parse(*text);
}

std::string shellQuoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Grey-level picture of one frame, by the ffmpeg referee.
std::vector<unsigned char> grabGray(const fs::path& clip, double at, int w, int h) {
    auto raw = test::run("ffmpeg -v error -ss " + std::to_string(at) + " -i " + shellQuoted(clip.string()) +
                         " -frames:v 1 -f rawvideo -pix_fmt gray - 2>/dev/null");
    EXPECT_EQ(raw.size(), size_t(w * h));
    return {raw.begin(), raw.end()};
}

class Package : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        fixture_ = new test::PackagedSession("package");
        package::PackageOptions opt;
        opt.out = fixture_->dir / "out" / "flange";
        auto r = package::buildPackage(fixture_->lib, *fixture_->cat, fixture_->session, opt);
        ASSERT_TRUE(r.ok()) << r.error().what();
        result_ = new package::PackageResult(*r);
    }
    static void TearDownTestSuite() {
        delete result_;
        delete fixture_;
    }
    static test::PackagedSession* fixture_;
    static package::PackageResult* result_;
};
test::PackagedSession* Package::fixture_ = nullptr;
package::PackageResult* Package::result_ = nullptr;

}  // namespace

TEST_F(Package, LayoutAndManifest) {
    const auto& dir = result_->folder;
    EXPECT_EQ(result_->steps, 6);
    for (auto f : {"index.html", "player.js", "keymap.js", "player.css", "manifest.json", "manifest.js", "index.sqlite"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    auto m = readManifest(dir);
    EXPECT_EQ(m["format"], "kotsu.package");
    EXPECT_EQ(m["version"], 1);
    ASSERT_EQ(m["steps"].size(), 6u);
    const auto& s2 = m["steps"][2];
    EXPECT_EQ(s2["index"], 3);
    EXPECT_EQ(s2["title"], "対角締め / Tighten in a star pattern");
    EXPECT_FALSE(s2["warning"].get<std::string>().empty());
    EXPECT_EQ(s2["knacks"].size(), 1u);
    EXPECT_EQ(s2["safety"].size(), 1u);
    EXPECT_EQ(s2["captions"]["ja"]["cues"].size(), 2u);
    EXPECT_TRUE(fs::exists(dir / s2["captions"]["ja"]["path"].get<std::string>()));
    EXPECT_TRUE(fs::exists(dir / s2["thumbnail"].get<std::string>()));
    for (auto profile : {"tablet", "glasses"}) {
        const auto& c = s2["clips"][profile];
        EXPECT_TRUE(fs::exists(dir / c["path"].get<std::string>())) << profile;
        EXPECT_GT(c["size"].get<std::int64_t>(), 0);
        EXPECT_EQ(c["checksum"].get<std::string>().size(), 32u);
        EXPECT_TRUE(c.contains("loudness")) << profile;
    }
    EXPECT_EQ(s2["clips"]["glasses"]["width"], 854);
    EXPECT_EQ(s2["clips"]["glasses"]["height"], 480);
    // Every file but the manifests is listed with its size and checksum.
    std::set<std::string> listed;
    for (const auto& f : m["files"]) listed.insert(f["path"].get<std::string>());
    for (auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        auto rel = fs::relative(e.path(), dir).generic_string();
        if (rel == "manifest.json" || rel == "manifest.js") continue;
        EXPECT_TRUE(listed.count(rel)) << rel << " not in the manifest";
    }
    auto js = readFile(dir / "manifest.js");
    ASSERT_TRUE(js.ok());
    EXPECT_EQ(js->rfind("window.KOTSU_MANIFEST = ", 0), 0u);
}

TEST_F(Package, EveryClipStartsOnAKeyframeAtZeroAndLastsItsStep) {
    if (!test::haveTool("ffprobe")) GTEST_SKIP() << "ffprobe (referee) not installed";
    auto m = readManifest(result_->folder);
    for (const auto& step : m["steps"]) {
        double expected = double(step["out_us"].get<std::int64_t>() - step["in_us"].get<std::int64_t>()) / 1e6;
        for (auto profile : {"tablet", "glasses"}) {
            auto clip = result_->folder / step["clips"][profile]["path"].get<std::string>();
            auto keys = test::probeKeyframeTimes(clip);
            ASSERT_FALSE(keys.empty()) << clip;
            EXPECT_NEAR(keys.front(), 0.0, 1e-6) << clip;
            auto dur = std::atof(test::probeStreamEntry(clip, "v:0", "duration").c_str());
            EXPECT_NEAR(dur, expected, 1.0 / 30 + 1e-3) << clip;
            auto audio = std::atof(test::probeStreamEntry(clip, "a:0", "duration").c_str());
            EXPECT_NEAR(audio, expected, 0.05) << clip << ": audio cut to match";
        }
    }
    auto tablet = result_->folder / m["steps"][0]["clips"]["tablet"]["path"].get<std::string>();
    EXPECT_EQ(test::probeStreamEntry(tablet, "v:0", "profile"), "High");
    EXPECT_EQ(test::run("ffprobe -v error -select_streams a -show_entries stream=index -of csv=p=0 '" +
                        tablet.string() + "' | wc -l"),
              "2\n")
        << "tablet carries voice and work sound";
    auto glasses = result_->folder / m["steps"][0]["clips"]["glasses"]["path"].get<std::string>();
    EXPECT_EQ(test::probeStreamEntry(glasses, "v:0", "profile"), "Main");
    EXPECT_EQ(test::probeStreamEntry(glasses, "a:0", "channels"), "1");
}

TEST_F(Package, ClipLoudnessMatchesTheManifest) {
    if (!test::haveTool("ffmpeg")) GTEST_SKIP() << "ffmpeg (referee) not installed";
    auto m = readManifest(result_->folder);
    const auto& step = m["steps"][1];
    for (auto profile : {"tablet", "glasses"}) {
        auto clip = result_->folder / step["clips"][profile]["path"].get<std::string>();
        auto measured = test::measureLoudness(clip, 0);
        ASSERT_TRUE(measured.has_value());
        double stored = step["clips"][profile]["loudness"]["voice"]["integrated"].get<double>();
        EXPECT_NEAR(measured->integrated, stored, 0.5) << profile;
    }
}

namespace {

// The lower third of a glasses frame: rows holding white caption text inside a black box.
struct CaptionBand {
    int first = -1, last = -1, white = 0, black = 0;
};
CaptionBand captionBand(const std::vector<unsigned char>& px) {
    CaptionBand b;
    for (int y = 320; y < 480; ++y) {
        int rowWhite = 0;
        for (int x = 0; x < 854; ++x) {
            auto v = px[size_t(y) * 854 + size_t(x)];
            if (v > 220) ++rowWhite;
            if (v < 20) ++b.black;
        }
        b.white += rowWhite;
        if (rowWhite > 3) {
            if (b.first < 0) b.first = y;
            b.last = y;
        }
    }
    return b;
}

// The glasses clip of step 1 at the middle of its first caption, and one second before that caption.
std::pair<std::vector<unsigned char>, std::vector<unsigned char>> firstCaptionFrames(const fs::path& folder) {
    auto m = readManifest(folder);
    const auto& step = m["steps"][0];
    auto cue = step["captions"]["ja"]["cues"][0];
    double at = (cue["start"].get<double>() + cue["end"].get<double>()) / 2;
    auto clip = folder / step["clips"]["glasses"]["path"].get<std::string>();
    return {grabGray(clip, at, 854, 480), grabGray(clip, std::max(0.0, cue["start"].get<double>() - 1.0), 854, 480)};
}

}  // namespace

TEST_F(Package, GlassesHaveBigBoxedCaptionsBurnedIn) {
    if (!test::haveTool("ffmpeg")) GTEST_SKIP() << "ffmpeg (referee) not installed";
    auto px = firstCaptionFrames(result_->folder).first;
    ASSERT_EQ(px.size(), 854u * 480u);
    auto b = captionBand(px);
    EXPECT_GT(b.white, 800) << "caption text";
    EXPECT_GT(b.black, 5000) << "the box behind it";
    EXPECT_GE(b.last - b.first + 1, 480 / 12) << "text at least 1/12 of the frame high";
    EXPECT_LT(b.last, 480 - 480 / 40) << "inside the safe area";
}

// The subtitle file's path is an option set through the libav API, never text in a filter graph:
// ' , : and spaces in the output folder's path reach libass as they are.
TEST(PackagePaths, GlassesCaptionsBurnInAFolderWithQuoteCommaAndColon) {
    if (!test::haveTool("ffmpeg")) GTEST_SKIP() << "ffmpeg (referee) not installed";
    test::PackagedSession s("package-odd-path");
    fs::path parent = s.dir / "Tanaka's lathe, 2nd: test";
    fs::create_directories(parent);
    package::PackageOptions opt;
    opt.out = parent / "[旋盤] pkg;1";
    opt.profiles = {"glasses"};
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->folder, opt.out);
    EXPECT_TRUE(package::verifyPackage(opt.out)->ok());
    auto [captioned, before] = firstCaptionFrames(opt.out);
    ASSERT_EQ(captioned.size(), 854u * 480u);
    ASSERT_EQ(before.size(), 854u * 480u);
    auto b = captionBand(captioned);
    EXPECT_GT(b.white, 800) << "caption text burned in";
    EXPECT_GT(b.black, 5000) << "the box behind it";
    size_t differing = 0;
    for (size_t i = 320 * 854; i < captioned.size(); ++i)
        if (std::abs(int(captioned[i]) - int(before[i])) > 60) ++differing;
    EXPECT_GT(differing, 2000u) << "the caption's pixels differ from the frame before the caption";
}

TEST_F(Package, IndexSqliteFindsJapanese) {
    auto hits = catalog::searchPackageIndex((result_->folder / "index.sqlite").string(), "合マーク");
    ASSERT_TRUE(hits.ok()) << hits.error().what();
    EXPECT_EQ(*hits, std::vector<int>{5});
}

TEST_F(Package, VerifyPassesAndCatchesAFlippedByte) {
    auto ok = package::verifyPackage(result_->folder);
    ASSERT_TRUE(ok.ok()) << ok.error().what();
    EXPECT_TRUE(ok->ok()) << ok->problems.front().path << ": " << ok->problems.front().problem;
    auto copy = fixture_->dir / "copy";
    fs::copy(result_->folder, copy, fs::copy_options::recursive);
    auto m = readManifest(copy);
    auto victim = copy / m["steps"][3]["clips"]["tablet"]["path"].get<std::string>();
    {
        std::fstream f(victim, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(5000);
        char c = 0;
        f.read(&c, 1);
        c = static_cast<char>(c ^ 0x01);
        f.seekp(5000);
        f.write(&c, 1);
    }
    fs::remove(copy / "thumbs" / "02.jpg");
    auto bad = package::verifyPackage(copy);
    ASSERT_TRUE(bad.ok());
    ASSERT_EQ(bad->problems.size(), 2u);
    std::string all = bad->problems[0].path + " " + bad->problems[0].problem + " | " + bad->problems[1].path + " " +
                      bad->problems[1].problem;
    EXPECT_NE(all.find("checksum"), std::string::npos) << all;
    EXPECT_NE(all.find("missing"), std::string::npos) << all;
    EXPECT_FALSE(package::verifyPackage(fixture_->dir / "nothing-here").ok());
}

TEST_F(Package, ZipHoldsTheSameLayout) {
    package::PackageOptions opt;
    opt.out = fixture_->dir / "zipped";
    opt.profiles = {"glasses"};
    opt.zip = true;
    auto r = package::buildPackage(fixture_->lib, *fixture_->cat, fixture_->session, opt);
    ASSERT_TRUE(r.ok()) << r.error().what();
    ASSERT_TRUE(fs::exists(r->zip));
    auto listing = test::run("python3 -c \"import zipfile,sys; print('\\n'.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))\" '" +
                             r->zip.string() + "'");
    EXPECT_NE(listing.find("manifest.json"), std::string::npos);
    EXPECT_NE(listing.find("clips/glasses/01-"), std::string::npos);
    EXPECT_EQ(listing.find("clips/tablet"), std::string::npos);
    auto verified = package::verifyPackage(r->zip);
    ASSERT_TRUE(verified.ok()) << verified.error().what();
    EXPECT_TRUE(verified->ok()) << verified->problems.front().path << ": " << verified->problems.front().problem;
    EXPECT_GT(verified->filesChecked, 5);
    EXPECT_TRUE(package::isKotsuPackageZip(r->zip)) << "so the next --zip run may replace it";
}

TEST(PackageErrors, NoStepsIsAClearErrorAndWritesNothing) {
    test::PackagedSession s("package-nosteps", 12'000'000, false);
    package::PackageOptions opt;
    opt.out = s.dir / "out";
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("no steps"), std::string::npos) << r.error().what();
    EXPECT_FALSE(fs::exists(s.dir / "out"));
    EXPECT_TRUE(s.cat->integrityCheck().ok());
}

TEST(PackageErrors, UnwritableOutputAndBadProfile) {
    test::PackagedSession s("package-unwritable");
    {
        std::ofstream(s.dir / "a-file") << "x";
    }
    package::PackageOptions opt;
    opt.out = s.dir / "a-file" / "pkg";
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("a-file"), std::string::npos) << r.error().what();
    opt.out = s.dir / "ok";
    opt.profiles = {"tablet", "phablet"};
    r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("phablet"), std::string::npos);
}

TEST(PackageErrors, CancelledRunKeepsTheOldPackageWhole) {
    test::PackagedSession s("package-atomic");
    package::PackageOptions opt;
    opt.out = s.dir / "pkg";
    opt.profiles = {"glasses"};
    auto first = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_TRUE(first.ok()) << first.error().what();
    auto before = readFile(s.dir / "pkg" / "manifest.json");
    opt.cancel = CancelToken::detached();
    opt.cancel.cancel();
    auto second = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(readFile(s.dir / "pkg" / "manifest.json").value(), before.value());
    EXPECT_TRUE(package::verifyPackage(s.dir / "pkg")->ok());
    for (auto& e : fs::directory_iterator(s.dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".pkg.tmp"), std::string::npos) << "temporary left behind";
}

TEST(PackageErrors, TextThatIsNotUtf8InAnOlderCatalogIsRefusedBeforeTheEncode) {
    test::PackagedSession s("package-cp932");
    // As an import before text was checked left it: a CP932 title (手順) in the catalog.
    ASSERT_TRUE(s.cat->db().exec("UPDATE markers SET title = CAST(X'8EE88F87' AS TEXT) WHERE id = (SELECT min(id) FROM markers)").ok());
    package::PackageOptions opt;
    opt.out = s.dir / "pkg";
    const auto t0 = std::chrono::steady_clock::now();
    auto r = package::buildPackage(s.lib, *s.cat, s.session, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2)) << "refused before the transcode";
    EXPECT_NE(r.error().what().find("not UTF-8"), std::string::npos) << r.error().what();
    EXPECT_NE(r.error().what().find("the title"), std::string::npos) << r.error().what();
    EXPECT_FALSE(fs::exists(s.dir / "pkg"));
}
