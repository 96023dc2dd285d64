// The phone page's API through a real HTTP client (httplib::Client) on 127.0.0.1: token, tags with
// lead time, undo, rate and size limits; the sidecar keeps every tag and undo.
#include <gtest/gtest.h>

#include <atomic>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "capture/record/tag_server.hpp"
#include "capture/record/tags.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {
namespace {

struct Served {
    ScratchDir dir{"tag-server"};
    std::atomic<Micros> now{60'000'000};
    std::unique_ptr<record::TagBus> bus;
    std::unique_ptr<record::TagServer> server;

    explicit Served(record::TagServerOptions opts = {}) {
        auto b = record::TagBus::open(dir / "tags.jsonl", [this] { return now.load(); });
        EXPECT_TRUE(b.ok());
        bus = std::move(b).value();
        auto palette = record::loadPalette();
        EXPECT_TRUE(palette.ok());
        auto s = record::TagServer::start(*bus, *palette, opts);
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().what());
        server = std::move(s).value();
    }
    httplib::Client client() const { return httplib::Client("127.0.0.1", server->port()); }
    std::string base() const { return "/t/" + server->token(); }
};

TEST(TagServer, TagsWithLeadTimeUndoAndStatus) {
    Served s;
    ASSERT_GT(s.server->port(), 0);
    EXPECT_EQ(s.server->token().size(), 32u);
    EXPECT_NE(s.server->url().find("/t/" + s.server->token() + "/"), std::string::npos);
    auto c = s.client();
    auto r = c.Post(s.base() + "/tags", R"({"label":"コツ","kind":"knack","lead_s":3})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    auto j = nlohmann::json::parse(r->body);
    EXPECT_EQ(j["t_us"].get<Micros>(), 57'000'000);  // 60 s on the clock, "that was 3 s ago"
    const auto id = j["id"].get<std::int64_t>();

    s.now = 61'000'000;
    r = c.Post(s.base() + "/tags", R"({"label":"手順","kind":"step"})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201);
    EXPECT_EQ(nlohmann::json::parse(r->body)["t_us"].get<Micros>(), 61'000'000);

    r = c.Get(s.base() + "/status");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    auto st = nlohmann::json::parse(r->body);
    EXPECT_DOUBLE_EQ(st["elapsed_s"].get<double>(), 61.0);
    EXPECT_EQ(st["tags"].size(), 2u);

    r = c.Delete(s.base() + "/tags/" + std::to_string(id));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    r = c.Delete(s.base() + "/tags/" + std::to_string(id));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);  // undone already
    ASSERT_EQ(s.bus->tags().size(), 1u);
    EXPECT_EQ(s.bus->tags()[0].label, "手順");

    // The sidecar says the same to a reader that starts afresh (a recover after a crash).
    auto back = record::readSidecar(s.dir / "tags.jsonl");
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->size(), 1u);
    EXPECT_EQ((*back)[0].kind, "step");

    // The page itself, with the palette in it.
    r = c.Get(s.base() + "/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("撮り直し"), std::string::npos);
}

TEST(TagServer, WrongTokenAndOtherPathsAre404) {
    Served s;
    auto c = s.client();
    std::string wrong = s.server->token();
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    auto r = c.Post("/t/" + wrong + "/tags", R"({"label":"x"})", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    for (const char* path : {"/", "/t/", "/etc/passwd", "/t/x/status"}) {
        r = c.Get(path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 404) << path;
    }
    EXPECT_TRUE(s.bus->tags().empty());
}

TEST(TagServer, BadBodiesAreRefused) {
    Served s;
    auto c = s.client();
    auto r = c.Post(s.base() + "/tags", "not json", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    r = c.Post(s.base() + "/tags", R"({"label":"x","lead_s":-4})", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    r = c.Post(s.base() + "/tags", std::string(8000, ' ') + "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_TRUE(s.bus->tags().empty());
}

TEST(TagServer, RateLimited) {
    record::TagServerOptions o;
    o.ratePerSecond = 2;
    o.burst = 5;
    Served s(o);
    auto c = s.client();
    int created = 0, limited = 0;
    for (int i = 0; i < 20; ++i) {
        auto r = c.Post(s.base() + "/tags", R"({"label":"NG","kind":"ng"})", "application/json");
        ASSERT_TRUE(r);
        if (r->status == 201) ++created;
        if (r->status == 429) ++limited;
    }
    EXPECT_GE(created, 5);
    EXPECT_LE(created, 7);
    EXPECT_GE(limited, 13);
    EXPECT_EQ(static_cast<int>(s.bus->tags().size()), created);
}

TEST(TagServer, APortTakenIsOneErrorNamingIt) {
    Served first;
    record::TagServerOptions o;
    o.port = first.server->port();
    auto palette = record::loadPalette();
    ASSERT_TRUE(palette.ok());
    auto second = record::TagServer::start(*first.bus, *palette, o);
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().what().find("127.0.0.1:" + std::to_string(o.port)), std::string::npos);
}

TEST(TagPalette, JapaneseAndEnglishLabelsFromAssets) {
    auto p = record::loadPalette();
    ASSERT_TRUE(p.ok()) << p.error().what();
    ASSERT_GE(p->size(), 6u);
    EXPECT_EQ((*p)[0].ja, "手順");
    EXPECT_EQ((*p)[0].kind, "step");
    EXPECT_EQ((*p)[1].ja, "コツ");
    EXPECT_EQ((*p)[2].kind, "safety");
    EXPECT_EQ((*p)[5].ja, "撮り直し");
    EXPECT_FALSE(record::qrForTerminal("http://127.0.0.1:1/t/x/").empty());
}

}  // namespace
}  // namespace kotsu::test
