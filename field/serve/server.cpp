#include "field/serve/server.hpp"

#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "field/record_file.hpp"
#include "field/serve/site_files.hpp"

namespace kotsu::field {

namespace {

using Clock = std::chrono::steady_clock;

// Per client address, the times of its recent writes.
class RateLimit {
public:
    explicit RateLimit(int perMinute) : perMinute_(perMinute) {}
    bool allow(const std::string& who) {
        std::lock_guard lock(mu_);
        auto now = Clock::now();
        auto& q = seen_[who];
        while (!q.empty() && now - q.front() > std::chrono::minutes(1)) q.pop_front();
        if (static_cast<int>(q.size()) >= perMinute_) return false;
        q.push_back(now);
        return true;
    }

private:
    int perMinute_;
    std::mutex mu_;
    std::map<std::string, std::deque<Clock::time_point>> seen_;
};

bool sameToken(const std::string& a, const std::string& b) {
    if (a.size() != b.size() || a.empty()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

void problem(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(nlohmann::json{{"error", message}}.dump() + "\n", "application/json; charset=utf-8");
}

void sendFile(httplib::Response& res, const std::filesystem::path& file) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) return problem(res, 404, "not found");
    auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
    if (!*in) return problem(res, 404, "not found");
    res.set_header("Accept-Ranges", "bytes");
    res.set_content_provider(static_cast<size_t>(size), contentTypeFor(file),
                             [in](size_t offset, size_t length, httplib::DataSink& sink) {
                                 std::vector<char> buf(std::min<size_t>(length, 256 * 1024));
                                 in->clear();
                                 in->seekg(static_cast<std::streamoff>(offset));
                                 in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                                 auto n = in->gcount();
                                 if (n <= 0) return false;
                                 return sink.write(buf.data(), static_cast<size_t>(n));
                             });
}

}  // namespace

Status serve(const Library& lib, const ServeOptions& opt) {
    auto opened = lib.openCatalog();
    if (!opened) return opened.error();
    auto cat = std::make_shared<catalog::Catalog>(std::move(opened).value());
    auto token = siteToken(*cat);
    if (!token) return token.error();
    std::mutex catMu;  // one connection, many server threads
    RateLimit rate(opt.postsPerMinute);
    auto log = [&](const std::string& line) { if (opt.log) opt.log(line); };

    httplib::Server srv;
    srv.set_payload_max_length(opt.maxBodyBytes);
    srv.set_read_timeout(10, 0);
    srv.set_write_timeout(30, 0);
    srv.set_keep_alive_max_count(200);
    srv.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"},
                             {"Cache-Control", "no-cache"}});

    srv.Get("/", [&](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(catMu);
        auto pkgs = servedPackages(*cat);
        if (!pkgs) return problem(res, 500, pkgs.error().what());
        res.set_content(indexPage(*pkgs), "text/html; charset=utf-8");
    });
    srv.Get(R"(/p/(\d{1,12})/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        std::filesystem::path folder;
        {
            std::lock_guard lock(catMu);
            auto pkgs = servedPackages(*cat);
            if (!pkgs) return problem(res, 500, pkgs.error().what());
            for (const auto& p : *pkgs)
                if (std::to_string(p.id) == req.matches[1].str()) folder = p.folder;
        }
        if (folder.empty()) return problem(res, 404, "no such package");
        const std::string rel = req.matches[2].str();
        if (rel == "site.js") return res.set_content(siteScript(*token), "text/javascript; charset=utf-8");
        auto file = resolvePackageFile(folder, rel);
        if (!file) return problem(res, 404, "not found");
        sendFile(res, *file);
    });
    srv.Post("/xapi/statements", [&](const httplib::Request& req, httplib::Response& res) {
        if (!rate.allow(req.remote_addr)) {
            log("refused: " + req.remote_addr + " sends too many requests");
            return problem(res, 429, "too many requests; try again in a minute");
        }
        if (!sameToken(req.get_header_value("X-Kotsu-Token"), *token)) {
            log("refused: " + req.remote_addr + " has no valid site token");
            return problem(res, 401, "missing or wrong site token (open the package from this server)");
        }
        auto list = statementsOfBody(req.body);
        if (!list) return problem(res, 400, list.error().message);
        std::lock_guard lock(catMu);
        auto stored = storeStatements(*cat, *list, "POST /xapi/statements");
        if (!stored) {
            log("refused: " + stored.error().what());
            return problem(res, 400, stored.error().message);
        }
        nlohmann::json ids = nlohmann::json::array();
        for (const auto& s : *list) ids.push_back(s.value("id", ""));
        res.set_content(nlohmann::json{{"ids", ids}, {"added", stored->added}, {"duplicates", stored->duplicates}}.dump(),
                        "application/json; charset=utf-8");
    });
    srv.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
            const char* what = res.status == 413 ? "request too large" : res.status == 404 ? "not found" : "refused";
            problem(res, res.status, what);
        }
    });

    int port = opt.port;
    if (port == 0) {
        port = srv.bind_to_any_port(opt.host);
        if (port <= 0) return Error::make(opt.host, "cannot listen on a free port");
    } else if (!srv.bind_to_port(opt.host, port)) {
        return Error::make(opt.host + ":" + std::to_string(port), "cannot listen (in use, or not an address of this machine)");
    }
    std::thread watch([&] {
        while (!cancelRequested() && !srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::string host = opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
        if (srv.is_running() && opt.ready) opt.ready("http://" + host + ":" + std::to_string(port) + "/");
        while (!cancelRequested()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        srv.stop();
    });
    (void)srv.listen_after_bind();
    if (!cancelRequested()) requestCancel();  // the listener ended by itself: let the watcher go
    watch.join();
    return {};
}

}  // namespace kotsu::field
