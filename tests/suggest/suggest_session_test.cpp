// Suggestions for a session: which asset is analysed, what is stored, what an editor decided stays.
#include <gtest/gtest.h>

#include "annotate/suggest/suggest.hpp"
#include "tests/suggest/suggest_clips.hpp"

using namespace kotsu;
using namespace kotsu::annotate;
namespace fs = std::filesystem;

namespace {

class SuggestSession : public ::testing::Test {
protected:
    void SetUp() override {
        auto lib = Library::init(dir_.path() / "lib");
        ASSERT_TRUE(lib.ok()) << lib.error().what();
        lib_ = *lib;
        auto cat = lib_.openCatalog();
        ASSERT_TRUE(cat.ok()) << cat.error().what();
        cat_.emplace(std::move(cat).value());
        Session s;
        s.title = "bearing change";
        auto made = cat_->createSession(s);
        ASSERT_TRUE(made.ok()) << made.error().what();
        session_ = *made;
    }

    // Copies a synthetic clip into media/ and records it as an asset of the session.
    Asset addClip(const std::string& clipName, const std::string& role, std::optional<Micros> origin = {}) {
        auto src = test::suggest::make(dir_.path(), test::suggest::clip(clipName));
        auto rel = "media/" + std::to_string(++n_) + src.extension().string();
        fs::copy_file(src, lib_.root / rel);
        Asset a;
        a.sessionId = session_.id;
        a.role = role;
        a.originalName = clipName;
        a.path = rel;
        a.checksum = std::string(31, '0') + std::to_string(n_);
        a.size = static_cast<std::int64_t>(fs::file_size(src));
        a.probe.timelineOrigin = origin;
        auto added = cat_->addAsset(a);
        EXPECT_TRUE(added.ok()) << added.error().what();
        return added.ok() ? *added : a;
    }

    test::ScratchDir dir_{"suggest-session"};
    Library lib_;
    std::optional<catalog::Catalog> cat_;
    Session session_;
    int n_ = 0;
};

}  // namespace

TEST_F(SuggestSession, StoresTheSuggestionsAndReturnsThemWithIds) {
    auto main = addClip("cuts.mp4", "main");
    auto r = runSuggestions(lib_, *cat_, session_, {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->videoAsset, main.id);
    ASSERT_EQ(r->suggestions.size(), 2u);
    auto stored = cat_->suggestions(session_.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 2u);
    EXPECT_EQ((*stored)[0].time, 2'000'000);
    EXPECT_EQ((*stored)[0].reason, "cut");
    EXPECT_EQ((*stored)[0].state, "open");
    EXPECT_EQ(r->suggestions[0].id, (*stored)[0].id);
}

TEST_F(SuggestSession, TheAssetsStoredOriginIsTheSessionsZero) {
    // cuts.mp4 starts at file time 0; an origin stored at 0.5 s puts its cuts half a second earlier.
    addClip("cuts.mp4", "main", 500'000);
    auto r = runSuggestions(lib_, *cat_, session_, {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    ASSERT_EQ(r->suggestions.size(), 2u);
    EXPECT_EQ(r->suggestions[0].time, 1'500'000);
    EXPECT_EQ(r->suggestions[1].time, 3'500'000);
}

TEST_F(SuggestSession, ARunKeepsWhatTheEditorDecided) {
    addClip("cuts.mp4", "main");
    auto first = suggestForSession(lib_, *cat_, session_);
    ASSERT_TRUE(first.ok()) << first.error().what();
    ASSERT_EQ(first->size(), 2u);
    ASSERT_TRUE(cat_->setSuggestionState((*first)[0].id, "accepted").ok());
    ASSERT_TRUE(cat_->setSuggestionState((*first)[1].id, "dismissed").ok());
    auto second = suggestForSession(lib_, *cat_, session_);
    ASSERT_TRUE(second.ok()) << second.error().what();
    auto stored = cat_->suggestions(session_.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 2u);  // not proposed again
    EXPECT_EQ((*stored)[0].state, "accepted");
    EXPECT_EQ((*stored)[1].state, "dismissed");
    ASSERT_EQ(second->size(), 2u);
    EXPECT_EQ((*second)[0].state, "accepted");
}

TEST_F(SuggestSession, MainRoleComesFirstAndSoundFromTheAudioAsset) {
    addClip("fade.mp4", "handcam");
    auto main = addClip("cuts.mp4", "main");
    auto audio = addClip("narration.m4a", "audio");
    auto r = runSuggestions(lib_, *cat_, session_, {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->videoAsset, main.id);
    EXPECT_EQ(r->audioAsset, audio.id);
    int cuts = 0, pauses = 0;
    for (const auto& s : r->suggestions) {
        cuts += s.reason == "cut";
        pauses += s.reason == "pause";
    }
    EXPECT_EQ(cuts, 2);
    EXPECT_GE(pauses, 1);
}

TEST_F(SuggestSession, AudioOnlySessionRunsOnlyTheAudioDetector) {
    addClip("narration.m4a", "main");
    auto r = runSuggestions(lib_, *cat_, session_, {});
    ASSERT_TRUE(r.ok()) << r.error().what();
    EXPECT_EQ(r->ran, std::vector<Detector>{Detector::Audio});
    ASSERT_FALSE(r->notes.empty());
    EXPECT_NE(r->notes[0].find("audio only"), std::string::npos) << r->notes[0];
    EXPECT_EQ(r->suggestions.size(), 2u);
}

TEST_F(SuggestSession, NoAssetsIsAClearError) {
    auto r = runSuggestions(lib_, *cat_, session_, {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().what().find("no assets"), std::string::npos) << r.error().what();
}

TEST_F(SuggestSession, DetectorListIsParsed) {
    auto ds = parseDetectors("fade, content");
    ASSERT_TRUE(ds.ok());
    EXPECT_EQ(*ds, (std::vector<Detector>{Detector::Fade, Detector::Content}));
    EXPECT_EQ(parseDetectors("all")->size(), 5u);
    EXPECT_FALSE(parseDetectors("content,scdet").ok());
    EXPECT_FALSE(parseDetectors("").ok());
}
