// kotsu serve on 127.0.0.1 with a real HTTP client (cpp-httplib): the index, Range requests, no
// traversal / hidden files / symlinks out / listing, the write token, size and rate limits, de-dup
// by id, and a clean stop.
#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "core/progress.hpp"
#include "field/record_file.hpp"
#include "field/serve/server.hpp"
#include "field/serve/site_files.hpp"
#include "field/xapi.hpp"
#include "tests/field/field_support.hpp"

using namespace kotsu;
namespace fs = std::filesystem;

namespace {

class Serve : public ::testing::Test {
protected:
    void SetUp() override {
        clearCancel();
        auto pkg = fl_.dir / "pkg";
        fs::create_directories(pkg / "clips");
        std::ofstream(pkg / "manifest.json") << "{}";
        std::ofstream(pkg / "index.html") << "<!doctype html><title>t</title>";
        std::string clip(100000, '\0');
        for (size_t i = 0; i < clip.size(); ++i) clip[i] = static_cast<char>(i * 7 % 251);
        std::ofstream(pkg / "clips" / "01.mp4", std::ios::binary) << clip;
        clip_ = clip;
        std::ofstream(pkg / ".hidden") << "secret";
        std::ofstream(fl_.dir / "outside.txt") << "outside";
        fs::create_symlink(fl_.dir / "outside.txt", pkg / "link.txt");
        fs::create_directory_symlink(fl_.dir.path(), pkg / "up");
        auto token = field::siteToken(*fl_.cat);
        ASSERT_TRUE(token.ok());
        token_ = *token;
        fl_.cat.reset();  // the server opens its own connection

        field::ServeOptions opt;
        opt.host = "127.0.0.1";
        opt.port = 0;
        opt.maxBodyBytes = 64 * 1024;
        opt.postsPerMinute = 6;
        opt.ready = [this](const std::string& url) {
            std::lock_guard lock(mu_);
            url_ = url;
            cv_.notify_all();
        };
        thread_ = std::thread([this, opt] { status_ = field::serve(fl_.lib, opt); });
        std::unique_lock lock(mu_);
        ASSERT_TRUE(cv_.wait_for(lock, std::chrono::seconds(10), [&] { return !url_.empty(); }));
        port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
    }
    void TearDown() override {
        requestCancel();
        if (thread_.joinable()) thread_.join();
        clearCancel();
        EXPECT_TRUE(status_.ok());
    }
    httplib::Client client() {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(5);
        return c;
    }
    httplib::Result post(const std::string& body, const std::string& token) {
        auto c = client();
        httplib::Headers h;
        if (!token.empty()) h.emplace("X-Kotsu-Token", token);
        return c.Post("/xapi/statements", h, body, "application/json");
    }

    test::FieldLibrary fl_{"serve"};
    std::string token_, url_, clip_;
    int port_ = 0;
    std::mutex mu_;
    std::condition_variable cv_;
    std::thread thread_;
    Status status_;
};

}  // namespace

TEST_F(Serve, IndexLinksThePackageAndFilesAnswerRanges) {
    EXPECT_EQ(url_.rfind("http://127.0.0.1:", 0), 0u);
    EXPECT_GT(port_, 0);
    auto c = client();
    auto index = c.Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_NE(index->body.find("/p/1/index.html"), std::string::npos);
    EXPECT_NE(index->body.find("フランジ締結"), std::string::npos);
    auto range = c.Get("/p/1/clips/01.mp4", {{"Range", "bytes=1000-1999"}});
    ASSERT_TRUE(range);
    EXPECT_EQ(range->status, 206);
    EXPECT_EQ(range->body, clip_.substr(1000, 1000));
    EXPECT_EQ(range->get_header_value("Content-Range"), "bytes 1000-1999/100000");
    auto tail = c.Get("/p/1/clips/01.mp4", {{"Range", "bytes=-10"}});
    ASSERT_TRUE(tail);
    EXPECT_EQ(tail->body, clip_.substr(clip_.size() - 10));
    auto whole = c.Get("/p/1/clips/01.mp4");
    EXPECT_EQ(whole->body, clip_);
    EXPECT_EQ(whole->get_header_value("Content-Type"), "video/mp4");
    auto site = c.Get("/p/1/site.js");
    EXPECT_NE(site->body.find(token_), std::string::npos);
}

TEST_F(Serve, OnlyPackageFilesAreServed) {
    auto c = client();
    for (const char* path : {"/p/1/../outside.txt", "/p/1/%2e%2e/outside.txt", "/p/1/..%2foutside.txt", "/p/1/.hidden",
                             "/p/1/link.txt", "/p/1/up/outside.txt", "/p/1/clips", "/p/1/clips/", "/p/2/index.html",
                             "/p/1/", "/catalog.db", "/p/1//etc/passwd", "/p/1/clips/%00.mp4"}) {
        auto r = c.Get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 404) << path;
        EXPECT_EQ(r->body.find("outside"), std::string::npos) << path;
        EXPECT_EQ(r->body.find("secret"), std::string::npos) << path;
    }
    EXPECT_FALSE(field::resolvePackageFile(fl_.dir / "pkg", "up/outside.txt"));
    EXPECT_TRUE(field::resolvePackageFile(fl_.dir / "pkg", "clips/01.mp4"));
}

TEST_F(Serve, WritesNeedTheTokenAndAreLimitedAndStoredOnce) {
    auto batch = nlohmann::json(test::playing({"T1", fl_.steps[0]}, "0[.]4")).dump();
    auto none = post(batch, "");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401);
    EXPECT_EQ(post(batch, std::string(32, 'a'))->status, 401);
    auto big = post(std::string(100 * 1024, ' '), token_);
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    auto bad = post("[{\"id\":\"x\"}]", token_);
    EXPECT_EQ(bad->status, 400);
    EXPECT_NE(bad->body.find("UUID"), std::string::npos);
    auto ok = post(batch, token_);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << ok->body;
    EXPECT_NE(ok->body.find("\"added\":4"), std::string::npos) << ok->body;
    auto again = post(batch, token_);
    EXPECT_NE(again->body.find("\"added\":0"), std::string::npos) << again->body;
    // six writes a minute from one address: the seventh is refused
    int refused = 0;
    for (int i = 0; i < 3; ++i) refused += post(batch, token_)->status == 429;
    EXPECT_GE(refused, 1);
    auto cat = fl_.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    EXPECT_EQ(cat->statements(0)->size(), 4u);
}

// Issue 13 item 6 over HTTP: whatever a client sends, the answer is a 4xx with one clear message, and
// a refused batch stores nothing (six POSTs: the fixture's limit per minute).
TEST_F(Serve, BadBodiesAreRefusedWithAClearMessageAndNothingStored) {
    auto error = [](const httplib::Result& r) { return r ? nlohmann::json::parse(r->body, nullptr, false).value("error", "") : ""; };
    auto notJson = post("{\"id\": ", token_);
    ASSERT_TRUE(notJson);
    EXPECT_EQ(notJson->status, 400);
    EXPECT_NE(error(notJson).find("not valid JSON"), std::string::npos) << notJson->body;
    // Nested 20 000 deep (40 KB, under the size limit): refused before any value is built or copied.
    auto deep = post(std::string(20000, '[') + std::string(20000, ']'), token_);
    ASSERT_TRUE(deep);
    EXPECT_EQ(deep->status, 400);
    EXPECT_NE(error(deep).find("nested deeper"), std::string::npos) << deep->body;
    // An unknown step, then an unknown package in the middle of good statements: the batch is refused whole.
    auto unknownStep = test::playing({"T1", 999999}, "0[.]4");
    auto r = post(nlohmann::json(unknownStep).dump(), token_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(error(r).find("unknown step 999999"), std::string::npos) << r->body;
    auto mixed = test::playing({"T1", fl_.steps[0]}, "0[.]4");
    mixed[2]["object"]["id"] = field::stepActivityId("ffffffffffffffffffffffffffffffff", std::to_string(fl_.steps[0]));
    r = post(nlohmann::json(mixed).dump(), token_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(error(r).find("unknown package"), std::string::npos) << r->body;
    {
        auto cat = fl_.lib.openCatalog();
        ASSERT_TRUE(cat.ok());
        EXPECT_EQ(cat->statements(0)->size(), 0u) << "a refused batch stored something";
    }
    // The same good batch twice (a retry after a lost answer): stored once.
    auto good = test::playing({"T1", fl_.steps[0]}, "0[.]4");
    auto first = post(nlohmann::json(good).dump(), token_);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200) << first->body;
    auto retry = post(nlohmann::json(good).dump(), token_);
    ASSERT_TRUE(retry);
    EXPECT_EQ(retry->status, 200) << retry->body;
    EXPECT_NE(retry->body.find("\"added\":0"), std::string::npos) << retry->body;
    auto cat = fl_.lib.openCatalog();
    ASSERT_TRUE(cat.ok());
    EXPECT_EQ(cat->statements(0)->size(), 4u);
}
