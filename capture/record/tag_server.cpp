#include "capture/record/tag_server.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/random.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/asset_file.hpp"

namespace kotsu::record {

namespace {

using Steady = std::chrono::steady_clock;

// A token bucket per client address.
class RateLimit {
public:
    RateLimit(double rate, int burst) : rate_(rate), burst_(burst) {}
    bool allow(const std::string& who) {
        std::lock_guard lock(m_);
        auto now = Steady::now();
        auto& b = buckets_[who];
        if (b.last == Steady::time_point{}) b.tokens = burst_;
        else b.tokens = std::min<double>(burst_, b.tokens + rate_ * std::chrono::duration<double>(now - b.last).count());
        b.last = now;
        if (b.tokens < 1) return false;
        b.tokens -= 1;
        return true;
    }

private:
    struct Bucket {
        double tokens = 0;
        Steady::time_point last{};
    };
    std::mutex m_;
    std::map<std::string, Bucket> buckets_;
    double rate_;
    int burst_;
};

std::string lanAddress() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return "127.0.0.1";
    std::string found = "127.0.0.1";
    for (auto* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        char buf[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, buf, sizeof buf);
        if (std::string(buf).starts_with("127.")) continue;
        found = buf;
        break;
    }
    freeifaddrs(list);
    return found;
}

nlohmann::json tagJson(const Tag& t) {
    return {{"id", t.id}, {"t_us", t.t}, {"label", t.label}, {"kind", t.kind}, {"source", t.source}};
}

void reply(httplib::Response& res, int status, const nlohmann::json& j) {
    res.status = status;
    res.set_content(j.dump(), "application/json; charset=utf-8");
    res.set_header("Cache-Control", "no-store");
}

}  // namespace

struct TagServer::Impl {
    TagBus* bus = nullptr;
    std::vector<PaletteEntry> palette;
    TagServerOptions opts;
    std::string token;
    int port = 0;
    std::string shownHost;
    httplib::Server server;
    std::thread thread;
    std::unique_ptr<RateLimit> limit;
};

std::string randomToken() {
    unsigned char b[16];
    std::size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n > 0) got += static_cast<std::size_t>(n);
    }
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (unsigned char c : b) {
        s += hex[c >> 4];
        s += hex[c & 15];
    }
    return s;
}

Result<std::unique_ptr<TagServer>> TagServer::start(TagBus& bus, std::vector<PaletteEntry> palette,
                                                    const TagServerOptions& opts) {
    std::unique_ptr<TagServer> s(new TagServer());
    s->impl_ = std::make_unique<Impl>();
    Impl& im = *s->impl_;
    im.bus = &bus;
    im.palette = std::move(palette);
    im.opts = opts;
    im.token = randomToken();
    im.limit = std::make_unique<RateLimit>(opts.ratePerSecond, opts.burst);
    auto& srv = im.server;
    srv.set_payload_max_length(opts.maxBody);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second server share a
    // port another program (or another take) is listening on instead of saying it is taken.
    srv.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
    });
    srv.set_keep_alive_max_count(20);
    srv.set_read_timeout(5, 0);
    const std::string base = "/t/" + im.token;
    Impl* p = &im;

    // Rate limit and nothing served outside /t/TOKEN/.
    srv.set_pre_routing_handler([p, base](const httplib::Request& req, httplib::Response& res) {
        if (req.path != base + "/" && !req.path.starts_with(base + "/")) {
            reply(res, 404, {{"error", "not found"}});
            return httplib::Server::HandlerResponse::Handled;
        }
        if (!p->limit->allow(req.remote_addr)) {
            reply(res, 429, {{"error", "too many requests"}});
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    srv.Get(base + "/", [p](const httplib::Request&, httplib::Response& res) {
        std::string page(assets::builtIn("tag_page.html"));
        nlohmann::json pal = nlohmann::json::array();
        for (const auto& e : p->palette) pal.push_back({{"key", std::string(1, e.key)}, {"kind", e.kind}, {"ja", e.ja}, {"en", e.en}});
        const std::string marker = "/*PALETTE*/[]";
        if (auto at = page.find(marker); at != std::string::npos) page.replace(at, marker.size(), pal.dump());
        res.set_content(page, "text/html; charset=utf-8");
        res.set_header("Cache-Control", "no-store");
    });
    srv.Get(base + "/status", [p](const httplib::Request&, httplib::Response& res) {
        auto tags = p->bus->tags();
        nlohmann::json last = nlohmann::json::array();
        for (std::size_t i = tags.size() > 5 ? tags.size() - 5 : 0; i < tags.size(); ++i) last.push_back(tagJson(tags[i]));
        reply(res, 200, {{"elapsed_s", p->bus->now() / 1e6}, {"recording", p->opts.recording}, {"tags", last}});
    });
    srv.Post(base + "/tags", [p](const httplib::Request& req, httplib::Response& res) {
        auto j = nlohmann::json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return reply(res, 400, {{"error", "the body is not a JSON object"}});
        std::string label, kind = "mark";
        double lead = 0;
        try {
            label = j.value("label", "");
            kind = j.value("kind", "mark");
            lead = j.value("lead_s", 0.0);
        } catch (const nlohmann::json::exception&) {
            return reply(res, 400, {{"error", "label and kind are text, lead_s a number"}});
        }
        if (label.size() > 200 || kind.size() > 40) return reply(res, 400, {{"error", "label or kind too long"}});
        if (!(lead >= 0 && lead <= 600)) return reply(res, 400, {{"error", "lead_s is 0 to 600 seconds"}});
        auto t = p->bus->add(label, kind, lead, "http");
        if (!t) return reply(res, 500, {{"error", t.error().what()}});
        reply(res, 201, {{"id", t->id}, {"t_us", t->t}});
    });
    srv.Delete(base + R"(/tags/(\d{1,18}))", [p](const httplib::Request& req, httplib::Response& res) {
        const auto id = std::stoll(req.matches[1].str());
        auto done = p->bus->undo(id);
        if (!done) return reply(res, 500, {{"error", done.error().what()}});
        if (!*done) return reply(res, 404, {{"error", "no such tag"}});
        reply(res, 200, {{"undone", id}});
    });
    srv.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) reply(res, res.status, {{"error", res.status == 413 ? "too large" : "not found"}});
    });

    const std::string where = opts.host + ":" + std::to_string(opts.port);
    if (opts.port == 0) {
        im.port = srv.bind_to_any_port(opts.host);
        if (im.port <= 0) return Error::make(where, "cannot listen for the tag page (bad address?)");
    } else {
        if (!srv.bind_to_port(opts.host, opts.port))
            return Error::make(where, "cannot listen for the tag page (port taken, or not an address here)");
        im.port = opts.port;
    }
    im.shownHost = opts.host == "0.0.0.0" ? lanAddress() : opts.host;
    im.thread = std::thread([p] { p->server.listen_after_bind(); });
    // Running before it is handed out: a stop() that came before the accept loop would be lost.
    for (int i = 0; i < 500 && !im.server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return s;
}

TagServer::~TagServer() {
    if (!impl_) return;
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

int TagServer::port() const { return impl_->port; }
const std::string& TagServer::token() const { return impl_->token; }
std::string TagServer::url() const {
    return "http://" + impl_->shownHost + ":" + std::to_string(impl_->port) + "/t/" + impl_->token + "/";
}

}  // namespace kotsu::record
