// Verified ingest through the API: catalog rows and probe facts, sessions made and filled in,
// duplicates, roles, and every kind of bad input leaving the library exactly as it was.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "capture/ingest.hpp"
#include "core/hash.hpp"
#include "core/progress.hpp"
#include "tests/capture/capture_fixtures.hpp"

using namespace kotsu;
using namespace kotsu::capture;
using kotsu::test::generated;
using kotsu::test::tinySpec;

namespace fs = std::filesystem;

namespace {

class IngestTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto l = Library::init(dir_ / "library");
        ASSERT_TRUE(l.ok()) << l.error().what();
        lib_ = *l;
        auto c = lib_.openCatalog();
        ASSERT_TRUE(c.ok()) << c.error().what();
        cat_.emplace(std::move(c).value());
        req_.sessionTitle = "Flange bolt tightening";
        req_.worker = "佐藤";
        req_.task = "Flange assembly";
        req_.site = "Plant 2";
    }

    IngestReport one(const fs::path& file, IngestRequest req) {
        auto rs = ingest(lib_, *cat_, req, {file.string()});
        EXPECT_EQ(rs.size(), 1u);
        return rs.empty() ? IngestReport{} : rs[0];
    }
    IngestReport one(const fs::path& file) { return one(file, req_); }

    // Everything in media/, hidden temporaries included.
    std::vector<std::string> mediaFiles() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(lib_.mediaDir())) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    size_t assetCount() {
        size_t n = 0;
        auto sessions = cat_->sessions();
        for (const auto& s : *sessions) n += cat_->assets(s.id)->size();
        return n;
    }

    // The library as it stands: refused input must leave it exactly so.
    void expectUntouched(const std::vector<std::string>& media, size_t sessions, size_t assets) {
        EXPECT_EQ(mediaFiles(), media);
        EXPECT_EQ(cat_->sessions()->size(), sessions);
        EXPECT_EQ(assetCount(), assets);
        auto check = cat_->integrityCheck();
        EXPECT_TRUE(check.ok()) << check.error().what();
    }

    test::ScratchDir dir_{"ingest"};
    Library lib_;
    std::optional<catalog::Catalog> cat_;
    IngestRequest req_;
};

std::string checksumOf(const fs::path& p) {
    auto bytes = test::readBytes(p);
    Hasher h;
    h.update(bytes.data(), bytes.size());
    return h.hex();
}

}  // namespace

TEST_F(IngestTest, CopiesVerifiesAndRecordsAClip) {
    auto clip = test::plainClip();
    auto r = one(clip);
    ASSERT_TRUE(r.ok) << r.error.what();
    EXPECT_FALSE(r.duplicate);
    const auto sum = checksumOf(clip);
    EXPECT_EQ(r.asset.checksum, sum);
    EXPECT_EQ(r.asset.path, "media/" + sum + ".mp4");
    EXPECT_EQ(r.asset.originalName, "plain.mp4");
    EXPECT_EQ(r.asset.role, "main");
    EXPECT_EQ(r.asset.size, static_cast<std::int64_t>(fs::file_size(clip)));
    EXPECT_EQ(test::readBytes(lib_.root / r.asset.path), test::readBytes(clip));
    EXPECT_EQ(mediaFiles(), std::vector<std::string>{sum + ".mp4"});

    auto stored = cat_->asset(r.asset.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->probe.videoCodec, "h264");
    EXPECT_EQ(stored->probe.width, 320);
    EXPECT_EQ(stored->probe.frameRate, (Rational{30, 1}));
    EXPECT_EQ(stored->probe.audioCodec, "aac");
    EXPECT_EQ(stored->probe.channelLayout, "stereo");

    auto s = cat_->findSession("Flange bolt tightening");
    ASSERT_TRUE(s.ok() && s->has_value());
    EXPECT_EQ((*s)->worker, "佐藤");
    EXPECT_EQ((*s)->task, "Flange assembly");
    EXPECT_EQ((*s)->site, "Plant 2");
    EXPECT_EQ(r.session.id, (*s)->id);
    EXPECT_TRUE(cat_->integrityCheck().ok());
}

TEST_F(IngestTest, StoresWhereThePictureStartsAsTheSessionOrigin) {
    // A camera file whose picture starts half a second after its sound (an edit list in MP4).
    auto spec = tinySpec();
    spec.videoStart = 500'000;
    auto r = one(generated("late_picture.mp4", spec));
    ASSERT_TRUE(r.ok) << r.error.what();
    auto stored = cat_->asset(r.asset.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(stored->probe.timelineOrigin.has_value()) << "ingest stores the origin";
    EXPECT_NEAR(static_cast<double>(*stored->probe.timelineOrigin), 500'000.0, 1'000.0);
    EXPECT_NEAR(static_cast<double>(stored->probe.startOffset), 0.0, 25'000.0) << "the file starts with its sound";
}

TEST_F(IngestTest, KeepsTheLowercaseExtension) {
    auto upper = dir_ / "A001.MOV";
    fs::copy_file(test::plainClip(), upper);
    auto r = one(upper);
    ASSERT_TRUE(r.ok) << r.error.what();
    EXPECT_EQ(fs::path(r.asset.path).extension(), ".mov");
    EXPECT_EQ(r.asset.originalName, "A001.MOV");
}

TEST_F(IngestTest, RecordsRotationAndOtherFactsOfTheCopy) {
    auto spec = tinySpec(true, false);
    spec.rotation = 90;
    spec.fullRange = true;
    auto r = one(generated("rot90-full.mp4", spec));
    ASSERT_TRUE(r.ok) << r.error.what();
    auto a = cat_->asset(r.asset.id);
    EXPECT_EQ(a->probe.rotation, 90);
    EXPECT_EQ(a->probe.colorRange, "pc");
    EXPECT_FALSE(a->probe.hasAudio);
}

TEST_F(IngestTest, ASecondCopyOfTheSameBytesIsADuplicate) {
    auto clip = test::plainClip();
    auto first = one(clip);
    ASSERT_TRUE(first.ok);
    auto renamed = dir_ / "same-bytes-other-name.mp4";
    fs::copy_file(clip, renamed);
    IngestRequest other = req_;
    other.sessionTitle = "Another session";
    auto again = one(renamed, other);
    EXPECT_FALSE(again.ok);
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.asset.id, first.asset.id);
    EXPECT_EQ(again.session.title, "Flange bolt tightening");
    EXPECT_EQ(mediaFiles().size(), 1u);
    EXPECT_FALSE(cat_->findSession("Another session")->has_value()) << "a duplicate makes no session";
    EXPECT_EQ(assetCount(), 1u);
}

TEST_F(IngestTest, TheSameFileTwiceInOneRequestIsIngestedOnce) {
    auto clip = test::plainClip().string();
    auto rs = ingest(lib_, *cat_, req_, {clip, clip});
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_TRUE(rs[0].ok);
    EXPECT_TRUE(rs[1].duplicate);
    EXPECT_EQ(assetCount(), 1u);
}

TEST_F(IngestTest, FillsInAnExistingSessionsEmptyFieldsOnly) {
    IngestRequest bare;
    bare.sessionTitle = "Valve lapping";
    ASSERT_TRUE(one(test::plainClip(), bare).ok);
    auto s = cat_->findSession("Valve lapping")->value();
    EXPECT_TRUE(s.worker.empty());

    IngestRequest more = bare;
    more.worker = "鈴木";
    more.site = "Plant 1";
    auto r = one(generated("video-only.mp4", tinySpec(true, false)), more);
    ASSERT_TRUE(r.ok) << r.error.what();
    s = cat_->findSession("Valve lapping")->value();
    EXPECT_EQ(s.worker, "鈴木");
    EXPECT_EQ(s.site, "Plant 1");

    IngestRequest conflicting = bare;
    conflicting.worker = "高橋";
    conflicting.role = "handcam";
    auto spec = tinySpec(true, false);
    spec.rotation = 180;
    r = one(generated("rot180.mp4", spec), conflicting);
    ASSERT_TRUE(r.ok) << r.error.what();
    EXPECT_EQ(cat_->findSession("Valve lapping")->value().worker, "鈴木");
    ASSERT_EQ(r.notes.size(), 1u);
    EXPECT_NE(r.notes[0].find("鈴木"), std::string::npos);
    EXPECT_EQ(cat_->sessions()->size(), 1u);
    EXPECT_EQ(cat_->assets(s.id)->size(), 3u);
}

TEST_F(IngestTest, TakesTheSessionsRecordingTimeFromTheFirstAsset) {
    auto file = test::sharedMedia("mei__with-gps.mov");
    if (!file) GTEST_SKIP() << "../shared/media is not here";
    auto r = one(*file);
    ASSERT_TRUE(r.ok) << r.error.what();
    EXPECT_EQ(r.session.recordedAt, "2019-07-24T08:25:57Z");
    EXPECT_EQ(cat_->findSession(req_.sessionTitle)->value().recordedAt, "2019-07-24T08:25:57Z");
}

TEST_F(IngestTest, RefusesSoundOnlyAsAVideoRoleAndSuggestsTheAudioRole) {
    auto spec = tinySpec(false, true);
    auto sound = generated("sound-stereo.m4a", spec);
    for (const char* role : {"main", "handcam", "overview"}) {
        IngestRequest req = req_;
        req.role = role;
        auto r = one(sound, req);
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.error.path, sound.string());
        EXPECT_NE(r.error.message.find("has no video stream"), std::string::npos) << r.error.what();
        EXPECT_NE(r.error.message.find("--role audio"), std::string::npos) << r.error.what();
    }
    expectUntouched({}, 0, 0);
    IngestRequest audio = req_;
    audio.role = "audio";
    auto r = one(sound, audio);
    ASSERT_TRUE(r.ok) << r.error.what();
    EXPECT_EQ(r.asset.role, "audio");
    EXPECT_EQ(fs::path(r.asset.path).extension(), ".m4a");
}

TEST_F(IngestTest, RefusesAVideoWithoutSoundAsTheAudioRole) {
    IngestRequest audio = req_;
    audio.role = "audio";
    auto r = one(generated("video-only.mp4", tinySpec(true, false)), audio);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.message.find("has no audio stream"), std::string::npos) << r.error.what();
    expectUntouched({}, 0, 0);
}

TEST_F(IngestTest, RefusesAnUnknownRoleAndAMissingSession) {
    IngestRequest bad = req_;
    bad.role = "drone";
    auto r = one(test::plainClip(), bad);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.message.find("unknown role 'drone'"), std::string::npos);
    IngestRequest untitled = req_;
    untitled.sessionTitle.clear();
    EXPECT_FALSE(one(test::plainClip(), untitled).ok);
    expectUntouched({}, 0, 0);
}

// Each bad input: a one-line reason naming the file, and the library exactly as before.
TEST_F(IngestTest, BadInputLeavesTheLibraryAsItWas) {
    ASSERT_TRUE(one(test::plainClip()).ok);
    const auto media = mediaFiles();
    auto whole = test::plainClip();
    test::writeBytes(dir_ / "zero.mp4", "");
    test::writeBytes(dir_ / "text.mp4", "Not a video: the camera card was formatted.\n");
    fs::create_directories(dir_ / "DCIM");
    ASSERT_EQ(::mkfifo((dir_ / "pipe.mp4").c_str(), 0600), 0);  // opening it for reading would block
    struct Case {
        fs::path file;
        std::string says;
    };
    std::vector<Case> cases{
        {dir_ / "zero.mp4", "is empty (0 bytes)"},
        {dir_ / "text.mp4", "not a media file this FFmpeg can read"},
        {dir_ / "missing.mp4", "no such file"},
        {dir_ / "DCIM", "is a directory"},
        {dir_ / "pipe.mp4", "is not a regular file"},
        {test::cutShort(whole, "half.mp4", 0.5), "moov atom not found"},
        {test::cutShort(test::moovFirst(whole, "fs.mp4"), "fs-half.mp4", 0.5), "truncated"},
        {test::undecodableAvs2(), "no decoder for avs2"},
    };
    for (const char* shared : {"BROKEN__videl__empty.mp4", "BROKEN__axm__sample_malformed_free_box.mp4",
                               "BROKEN__webm__fixed_lacing_bad_lace_size.mkv"}) {
        auto p = test::sharedMedia(shared);
        if (!p) continue;  // the generated cases above still run
        cases.push_back({*p, std::string(shared).find("webm") != std::string::npos ? "does not decode"
                                                                                   : "moov atom not found"});
    }
    for (const auto& c : cases) {
        auto r = one(c.file);
        EXPECT_FALSE(r.ok) << c.file;
        EXPECT_FALSE(r.duplicate) << c.file;
        EXPECT_EQ(r.error.path, c.file.string());
        EXPECT_NE(r.error.message.find(c.says), std::string::npos) << r.error.what();
        EXPECT_EQ(r.error.what().find('\n'), std::string::npos) << r.error.what();
        expectUntouched(media, 1, 1);
    }
}

TEST_F(IngestTest, ManyFilesAreTakenOneByOne) {
    auto spec = tinySpec(true, false);
    spec.rotation = 270;
    std::vector<std::string> files{test::plainClip().string(), (dir_ / "nope.mp4").string(),
                                   generated("rot270.mp4", spec).string(), test::plainClip().string()};
    auto rs = ingest(lib_, *cat_, req_, files);
    ASSERT_EQ(rs.size(), 4u);
    EXPECT_TRUE(rs[0].ok);
    EXPECT_FALSE(rs[1].ok || rs[1].duplicate);
    EXPECT_TRUE(rs[2].ok);
    EXPECT_TRUE(rs[3].duplicate);
    for (size_t i = 0; i < files.size(); ++i) EXPECT_EQ(rs[i].file, files[i]);
    EXPECT_EQ(assetCount(), 2u);
    EXPECT_EQ(mediaFiles().size(), 2u);
}

TEST_F(IngestTest, EarlierSessionsAreUntouchedByAFailure) {
    ASSERT_TRUE(one(test::plainClip()).ok);
    auto before = cat_->findSession(req_.sessionTitle)->value();
    IngestRequest other = req_;
    other.sessionTitle = "Gasket replacement";
    other.worker = "田中";
    auto r = one(dir_ / "missing.MOV", other);
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(cat_->findSession("Gasket replacement")->has_value()) << "a failed first file makes no session";
    auto after = cat_->findSession(req_.sessionTitle)->value();
    EXPECT_EQ(after.worker, before.worker);
    EXPECT_EQ(after.recordedAt, before.recordedAt);
    EXPECT_EQ(cat_->assets(after.id)->size(), 1u);
}

// Fault injection: the catalog refuses the row after the copy was made and verified.
TEST_F(IngestTest, AFailedInsertRemovesTheCopy) {
    auto clip = test::plainClip();
    const auto sum = checksumOf(clip);
    // Another asset already claims the path this clip would get.
    Session s;
    s.title = "Squatter";
    auto made = cat_->createSession(s);
    ASSERT_TRUE(made.ok());
    Asset squatter;
    squatter.sessionId = made->id;
    squatter.originalName = "squatter.mp4";
    squatter.path = "media/" + sum + ".mp4";
    squatter.checksum = std::string(32, 'f');
    squatter.size = 1;
    ASSERT_TRUE(cat_->addAsset(squatter).ok());

    auto r = one(clip);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.message.find("UNIQUE"), std::string::npos) << r.error.what();
    expectUntouched({}, 1, 1);
    EXPECT_FALSE(cat_->findSession(req_.sessionTitle)->has_value());
}

TEST_F(IngestTest, CancellingLeavesNothingBehind) {
    req_.cancel = CancelToken::detached();
    req_.cancel.cancel();
    auto r = one(test::plainClip());
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.message.find("cancelled"), std::string::npos) << r.error.what();
    expectUntouched({}, 0, 0);
}

TEST_F(IngestTest, RemovesTemporariesOfKilledRunsButNotOfLiveOnes) {
    // A pid that cannot be running: above the kernel's pid_max (4194304 at most).
    test::writeBytes(lib_.mediaDir() / ".incoming.tmp-99999999-0.mp4", "half a copy");
    auto live = ".incoming.tmp-" + std::to_string(::getpid()) + "-99.mp4";
    test::writeBytes(lib_.mediaDir() / live, "being written");
    removeStaleTemporaries(lib_);
    EXPECT_EQ(mediaFiles(), std::vector<std::string>{live});
    fs::remove(lib_.mediaDir() / live);
}

TEST_F(IngestTest, ReportsProgressInMediaTime) {
    std::vector<IngestProgress> seen;
    auto rs = ingest(lib_, *cat_, req_, {test::plainClip().string()},
                     [&](const IngestProgress& p) { seen.push_back(p); });
    ASSERT_TRUE(rs[0].ok);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back().count, 1u);
    EXPECT_EQ(seen.back().done, seen.back().total);
    EXPECT_NEAR(static_cast<double>(seen.back().total), 1e6, 60'000);
}
