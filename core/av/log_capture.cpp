#include "core/av/log_capture.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <mutex>

extern "C" {
#include <libavutil/log.h>
}

namespace kotsu::av {

namespace {

thread_local LogCapture* t_capture = nullptr;

extern "C" void captureCallback(void* avcl, int level, const char* fmt, va_list vl) {
    LogCapture* cap = t_capture;
    if (!cap || !cap->catches(level)) {
        av_log_default_callback(avcl, level, fmt, vl);
        return;
    }
    char buf[1024];
    va_list copy;
    va_copy(copy, vl);
    std::vsnprintf(buf, sizeof buf, fmt, copy);
    va_end(copy);
    cap->append(buf);
}

void installOnce() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(captureCallback); });
}

}  // namespace

LogCapture::LogCapture(int maxLevel) : maxLevel_(maxLevel), outer_(t_capture) {
    installOnce();
    t_capture = this;
}

LogCapture::~LogCapture() {
    t_capture = outer_;
    // What a nested capture caught belongs to the enclosing one too.
    if (outer_) outer_->lines_.insert(outer_->lines_.end(), lines_.begin(), lines_.end());
}

void LogCapture::append(const char* text) {
    partial_ += text;
    size_t nl;
    while ((nl = partial_.find('\n')) != std::string::npos) {
        std::string line = partial_.substr(0, nl);
        partial_.erase(0, nl + 1);
        while (!line.empty() && (line.back() == '.' || line.back() == ' ' || line.back() == '\r')) line.pop_back();
        if (!line.empty()) lines_.push_back(std::move(line));
    }
}

std::string LogCapture::summary(size_t maxLines) const {
    std::vector<std::string> distinct;
    for (const auto& l : lines_)
        if (std::find(distinct.begin(), distinct.end(), l) == distinct.end()) distinct.push_back(l);
    std::string s;
    for (size_t i = 0; i < distinct.size() && i < maxLines; ++i) s += (i ? "; " : "") + distinct[i];
    return s;
}

}  // namespace kotsu::av
