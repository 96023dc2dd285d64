#include "core/error.hpp"

extern "C" {
#include <libavutil/error.h>
}
#include <cstring>

namespace kotsu {

std::string Error::what() const {
    std::string s;
    if (!path.empty()) s = path + ": ";
    s += message;
    if (code < 0) {
        char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
        if (av_strerror(code, buf, sizeof buf) == 0 && buf[0] && message.find(buf) == std::string::npos) {
            s += " (";
            s += buf;
            s += ")";
        }
    }
    return s;
}

}  // namespace kotsu
