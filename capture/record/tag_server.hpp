#pragma once
// The phone page: an HTTP server (cpp-httplib) on the tag bus. Every path carries a random 128-bit
// token (/t/TOKEN/…); anything else, or a wrong token, is 404. Requests are limited in rate (per
// client address) and size.
//   GET    /t/TOKEN/            the page: palette buttons, undo, "that was N s ago", elapsed time
//   GET    /t/TOKEN/status      {"elapsed_s", "recording", "tags": [the last five]}
//   POST   /t/TOKEN/tags        {"label", "kind", "lead_s"} → 201 {"id", "t_us"}
//   DELETE /t/TOKEN/tags/ID     undo → 200 {"undone": ID}, or 404
#include <memory>
#include <string>
#include <vector>

#include "capture/record/tags.hpp"
#include "core/error.hpp"

namespace kotsu::record {

struct TagServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                // 0: a free port (url() names the real one)
    double ratePerSecond = 5;    // per client address, with a burst of `burst`
    int burst = 10;
    std::size_t maxBody = 4096;  // bytes
    bool recording = true;       // what /status says
};

class TagServer {
public:
    // Binds and starts serving on its own thread; an error naming HOST:PORT when the port is taken.
    static Result<std::unique_ptr<TagServer>> start(TagBus& bus, std::vector<PaletteEntry> palette,
                                                    const TagServerOptions& opts);
    ~TagServer();  // stops the server and joins its thread

    [[nodiscard]] int port() const;
    [[nodiscard]] const std::string& token() const;
    // http://HOST:PORT/t/TOKEN/ — a LAN address in place of 0.0.0.0.
    [[nodiscard]] std::string url() const;

    struct Impl;

private:
    TagServer() = default;
    std::unique_ptr<Impl> impl_;
};

// A fresh random token: 128 bits from the kernel, 32 hex digits.
[[nodiscard]] std::string randomToken();

// The QR code of `text` drawn with Unicode half blocks (two modules a character, quiet zone kept).
[[nodiscard]] std::string qrForTerminal(const std::string& text);

}  // namespace kotsu::record
