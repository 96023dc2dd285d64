#include "core/av/log.hpp"

#include <cstdlib>
#include <string>

extern "C" {
#include <libavutil/log.h>
}

namespace kotsu::av {

void configureLogging() {
    int level = AV_LOG_ERROR;
    if (const char* env = std::getenv("KOTSU_AV_LOG")) {
        std::string v = env;
        if (v == "debug") level = AV_LOG_DEBUG;
        else if (v == "info") level = AV_LOG_INFO;
        else if (v == "warning") level = AV_LOG_WARNING;
        else if (v == "quiet") level = AV_LOG_QUIET;
    }
    av_log_set_level(level);
}

}  // namespace kotsu::av
