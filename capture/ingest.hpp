#pragma once
// Verified ingest of camera files into the library: probe and decode check, copy into media/ while
// hashing (XXH3-128), fsync, read back from the disk and compare, then one catalog transaction.
// Each file is all-or-nothing: a failure leaves no catalog row and no file in media/.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/cancel.hpp"
#include "core/error.hpp"
#include "core/library.hpp"
#include "core/model.hpp"

namespace kotsu::capture {

// main | handcam | overview | audio
[[nodiscard]] bool isRole(std::string_view role);
// The roles that need a picture: main | handcam | overview
[[nodiscard]] bool isVideoRole(std::string_view role);

struct IngestRequest {
    std::string sessionTitle;  // found by title (or id); created on first use
    std::string worker;        // these three describe a new session and fill in an existing
    std::string task;          // session's empty fields; they never overwrite what is there
    std::string site;
    std::string role = "main";
    CancelToken cancel;        // default: a child of the process token (Ctrl-C/SIGTERM)
};

struct IngestReport {
    std::string file;              // as given
    bool ok = false;               // ingested by this call
    bool duplicate = false;        // the same bytes are already in the library: asset/session are those
    Asset asset;
    Session session;
    Error error;                   // when neither ok nor duplicate
    std::vector<std::string> notes;  // things worth saying that are not failures
};

struct IngestProgress {
    std::size_t index = 0;  // 0-based position of the file in the request
    std::size_t count = 0;
    std::string file;
    Micros done = 0;        // media time copied so far (bytes scaled to the probed duration)
    Micros total = 0;
};
using IngestProgressFn = std::function<void(const IngestProgress&)>;
// Called as each file is done, so a long run can say what happened while it goes on.
using IngestReportFn = std::function<void(const IngestReport&)>;

// Ingests the files one by one, each all-or-nothing; one report per file, in order.
[[nodiscard]] std::vector<IngestReport> ingest(const Library& lib, catalog::Catalog& cat, const IngestRequest& req,
                                               const std::vector<std::string>& files,
                                               const IngestProgressFn& progress = {},
                                               const IngestReportFn& onReport = {});

// Removes hidden temporaries in media/ left by ingest runs that were killed (their process is gone).
void removeStaleTemporaries(const Library& lib);

}  // namespace kotsu::capture
