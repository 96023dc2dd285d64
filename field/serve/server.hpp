#pragma once
// `kotsu serve`: the library's packages over HTTP for a site's LAN, and the records they send back.
//   GET  /                      the index of packages
//   GET  /p/<id>/<file>         a package's files (Range requests answered; nothing else on disk)
//   GET  /p/<id>/site.js        where statements go and the site's write token
//   POST /xapi/statements       statements (X-Kotsu-Token), stored by id in the catalog
// Binds 127.0.0.1 unless told otherwise; port 0 takes a free port. Runs until cancelRequested().
#include <cstddef>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::field {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::size_t maxBodyBytes = 1024 * 1024;  // a POST larger than this: 413
    int postsPerMinute = 120;                // per client address: 429 beyond
    // Called once listening, with the URL ("http://127.0.0.1:43121/").
    std::function<void(const std::string& url)> ready;
    // One line per refused write (the reason), for the terminal.
    std::function<void(const std::string& line)> log;
};

[[nodiscard]] Status serve(const Library& lib, const ServeOptions& options);

}  // namespace kotsu::field
