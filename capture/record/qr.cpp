// The tag page's URL as a QR code in the terminal (libqrencode).
#include <qrencode.h>

#include "capture/record/tag_server.hpp"

namespace kotsu::record {

std::string qrForTerminal(const std::string& text) {
    QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_L, QR_MODE_8, 1);
    if (!qr) return {};
    const int n = qr->width, quiet = 2;
    auto dark = [&](int x, int y) {
        if (x < 0 || y < 0 || x >= n || y >= n) return false;
        return (qr->data[y * n + x] & 1) != 0;
    };
    std::string out;
    // Light modules drawn as blocks (as `qrencode -t UTF8` does), which reads on dark terminals.
    for (int y = -quiet; y < n + quiet; y += 2) {
        for (int x = -quiet; x < n + quiet; ++x) {
            const bool top = !dark(x, y), bottom = !dark(x, y + 1) && y + 1 < n + quiet;
            out += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
        }
        out += '\n';
    }
    QRcode_free(qr);
    return out;
}

}  // namespace kotsu::record
