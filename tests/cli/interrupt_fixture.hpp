#pragma once
// A library with one ingested 20 s take and a few steps, for the tests that interrupt kotsu
// (SIGTERM/SIGINT: a clean stop; SIGKILL: nothing lost, nothing partial) and check what is left.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/files.hpp"
#include "core/library.hpp"
#include "demo/synth.hpp"
#include "tests/cli/cli_support.hpp"
#include "tests/support/child_process.hpp"

namespace kotsu::test {

class Interrupted : public ::testing::Test {
public:
    [[nodiscard]] static std::string textOf(const std::filesystem::path& p) {
        auto t = readFile(p);
        return t ? *t : std::string();
    }
    // Hidden temporaries (".<name>.tmp-<pid>-<n>", ".<name>.old-<pid>-<n>") anywhere under `dir`.
    static std::vector<std::filesystem::path> temporaries(const std::filesystem::path& dir) {
        std::vector<std::filesystem::path> found;
        std::error_code ec;
        for (auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
            const auto name = e.path().filename().string();
            if (name.starts_with(".") && (name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos))
                found.push_back(e.path());
        }
        return found;
    }


protected:
    void SetUp() override {
        dir_ = std::make_unique<ScratchDir>(::testing::UnitTest::GetInstance()->current_test_info()->name());
        lib_ = dir_->path() / "lib";
        take_ = dir_->path() / "take.mp4";
        ASSERT_TRUE(synthesize(take_, 20'000'000, "320x240").ok());
        auto r = cli({"ingest", take_.string(), "--session", "フランジ締結", "--worker", "佐藤"});
        ASSERT_EQ(r, 0) << err();
        r = cli({"markers", "フランジ締結", "add", "--kind", "step", "--in", "1", "--out", "6", "--title", "仮締め"});
        ASSERT_EQ(r, 0) << err();
        r = cli({"markers", "フランジ締結", "add", "--kind", "step", "--in", "8", "--out", "15", "--title", "本締め"});
        ASSERT_EQ(r, 0) << err();
    }

    static Status synthesize(const std::filesystem::path& out, Micros duration, const std::string& size) {
        demo::SynthSpec spec;
        spec.video = "testsrc2=size=" + size + ":rate=30";
        spec.audio = "sine=frequency=300:sample_rate=48000";
        spec.duration = duration;
        return demo::synthesize(spec, out);
    }

    std::vector<std::string> argv(const std::vector<std::string>& args) const {
        std::vector<std::string> a{kotsuBinary().string()};
        a.insert(a.end(), args.begin(), args.end());
        a.push_back("--library");
        a.push_back(lib_.string());
        return a;
    }
    // Starts kotsu with `args`; stdout/stderr into out.txt/err.txt of the scratch folder.
    std::optional<ChildProcess> start(const std::vector<std::string>& args) const {
        return ChildProcess::start(argv(args), dir_->path() / "out.txt", dir_->path() / "err.txt");
    }
    // Runs kotsu to the end (at most two minutes); its exit code.
    int cli(const std::vector<std::string>& args) const {
        auto c = start(args);
        if (!c) return -1;
        auto code = c->wait(std::chrono::minutes(2));
        return code ? *code : -1;
    }
    [[nodiscard]] std::string out() const { return textOf(dir_->path() / "out.txt"); }
    [[nodiscard]] std::string err() const { return textOf(dir_->path() / "err.txt"); }

    [[nodiscard]] catalog::Catalog catalog() const {
        auto cat = catalog::Catalog::open((lib_ / "catalog.db").string(), false);
        EXPECT_TRUE(cat.ok()) << cat.error().what();
        return std::move(cat).value();
    }
    // The catalog passes integrity_check and the foreign key check.
    void expectCatalogWhole() const {
        auto cat = catalog();
        auto s = cat.integrityCheck();
        EXPECT_TRUE(s.ok()) << s.error().what();
    }
    std::unique_ptr<ScratchDir> dir_;
    std::filesystem::path lib_, take_;
};

}  // namespace kotsu::test
