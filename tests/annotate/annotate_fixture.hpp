#pragma once
// A library with one session and a 60 s, 30 fps main asset (probe facts only, no media): enough for
// the editor model. Tests that need pictures make media with demo::synthesize.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "annotate/commands.hpp"
#include "annotate/edits.hpp"
#include "annotate/editor_state.hpp"
#include "core/library.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {

struct AnnotateFixture : ::testing::Test {
    std::unique_ptr<ScratchDir> dir;
    Library lib;
    std::optional<catalog::Catalog> cat;
    Id sessionId = 0;
    annotate::EditorState state;
    std::unique_ptr<annotate::CommandStack> stack;

    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir = std::make_unique<ScratchDir>(std::string("annotate-") + info->test_suite_name() + "-" + info->name());
        auto l = Library::init(dir->path() / "lib");
        ASSERT_TRUE(l.ok()) << l.error().what();
        lib = *l;
        auto c = lib.openCatalog();
        ASSERT_TRUE(c.ok()) << c.error().what();
        cat.emplace(std::move(c).value());
        Session s;
        s.title = "ボルト締め";
        s.worker = "佐藤";
        auto made = cat->createSession(s);
        ASSERT_TRUE(made.ok()) << made.error().what();
        sessionId = made->id;
        Asset a;
        a.sessionId = sessionId;
        a.originalName = "main.mp4";
        a.path = "media/abc.mp4";
        a.checksum = "0123456789abcdef0123456789abcdef";
        a.size = 1;
        a.probe.hasVideo = true;
        a.probe.duration = 60'000'000;
        a.probe.frameRate = {30, 1};
        a.probe.width = 1280;
        a.probe.height = 720;
        auto added = cat->addAsset(a);
        ASSERT_TRUE(added.ok()) << added.error().what();
        reload();
    }

    void reload() {
        auto st = annotate::loadEditorState(*cat, sessionId);
        ASSERT_TRUE(st.ok()) << st.error().what();
        state = std::move(st).value();
        stack = std::make_unique<annotate::CommandStack>(state, *cat);
    }

    // Runs an edit; fails the test when it cannot be made or is refused.
    void exec(Result<annotate::CommandPtr> cmd) {
        ASSERT_TRUE(cmd.ok()) << cmd.error().what();
        auto r = stack->execute(std::move(cmd).value());
        ASSERT_TRUE(r.ok()) << r.error().what();
    }

    std::vector<Marker> stored() {
        auto m = cat->markers(sessionId);
        EXPECT_TRUE(m.ok());
        return m.ok() ? *m : std::vector<Marker>{};
    }

    // "step[0.000-10.000) knack[1.000-3.000)": the markers as a line, for readable expectations.
    static std::string sketch(const std::vector<Marker>& ms) {
        std::string s;
        for (const auto& m : ms) {
            if (!s.empty()) s += " ";
            s += std::string(toString(m.kind)) + "[" + formatSeconds(m.in) + "-" + formatSeconds(m.out) + ")";
        }
        return s;
    }
};

}  // namespace kotsu::test
