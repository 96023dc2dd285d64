#include "core/av/device.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <mutex>

extern "C" {
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
}

namespace kotsu::av {

namespace {

constexpr std::array<const char*, 4> kKinds{"v4l2", "alsa", "pulse", "lavfi"};

// alsa-lib prints its errors ("Unknown PCM x") straight onto stderr, before kotsu's one line about
// the device: they go to libav's log instead, where LogCapture puts them into that line.
void alsaError(const char* /*file*/, int /*line*/, const char* /*function*/, int /*err*/, const char* fmt, ...) {
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    av_log(nullptr, AV_LOG_ERROR, "%s\n", text);
}

}  // namespace

void registerDevices() {
    static std::once_flag once;
    std::call_once(once, [] {
        avdevice_register_all();
        // alsa-lib is there through libavdevice; no header or link of our own for one hook.
        using Handler = void (*)(const char*, int, const char*, int, const char*, ...);
        if (auto set = reinterpret_cast<int (*)(Handler)>(dlsym(RTLD_DEFAULT, "snd_lib_error_set_handler")))
            set(alsaError);
    });
}

namespace {

std::string fourcc(std::uint32_t f) {
    std::string s;
    for (int i = 0; i < 4; ++i) s += static_cast<char>((f >> (8 * i)) & 0xff);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// The pixel formats and frame sizes a V4L2 camera offers (VIDIOC_ENUM_FMT / ENUM_FRAMESIZES).
bool describeV4l2(const std::string& path, DeviceInfo& info) {
    int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    v4l2_capability cap{};
    if (ioctl(fd, VIDIOC_QUERYCAP, &cap) < 0 || !(cap.device_caps & V4L2_CAP_VIDEO_CAPTURE)) {
        ::close(fd);
        return false;
    }
    info.description = reinterpret_cast<const char*>(cap.card);
    v4l2_fmtdesc fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (fmt.index = 0; ioctl(fd, VIDIOC_ENUM_FMT, &fmt) == 0; ++fmt.index) {
        v4l2_frmsizeenum size{};
        size.pixel_format = fmt.pixelformat;
        std::string sizes;
        for (size.index = 0; ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size) == 0; ++size.index) {
            if (size.type != V4L2_FRMSIZE_TYPE_DISCRETE) {
                sizes += " up to " + std::to_string(size.stepwise.max_width) + "x" + std::to_string(size.stepwise.max_height);
                break;
            }
            sizes += " " + std::to_string(size.discrete.width) + "x" + std::to_string(size.discrete.height);
        }
        info.modes.push_back(fourcc(fmt.pixelformat) + sizes);
    }
    ::close(fd);
    return true;
}

// What libavdevice lists for an input format (ALSA hints, PulseAudio sources).
bool listSources(const char* format, bool video, const std::string& kind, std::vector<DeviceInfo>& out,
                 std::vector<std::string>& notes) {
    const AVInputFormat* f = av_find_input_format(format);
    if (!f) {
        notes.push_back(kind + ": not built into this libavdevice");
        return false;
    }
    AVDeviceInfoList* list = nullptr;
    int rc = avdevice_list_input_sources(f, nullptr, nullptr, &list);
    if (rc < 0) {
        notes.push_back(Error::av(rc, kind, "cannot list the devices").what());
        avdevice_free_list_devices(&list);
        return false;
    }
    for (int i = 0; list && i < list->nb_devices; ++i) {
        const AVDeviceInfo* d = list->devices[i];
        DeviceInfo info;
        info.spec = kind + ":" + d->device_name;
        info.description = d->device_description ? d->device_description : "";
        std::replace(info.description.begin(), info.description.end(), '\n', ' ');
        info.video = video;
        out.push_back(std::move(info));
    }
    avdevice_free_list_devices(&list);
    return true;
}

}  // namespace

const char* DeviceSpec::format() const {
    return kind == "v4l2" ? "video4linux2" : kind.c_str();
}

Result<DeviceSpec> parseDevice(const std::string& text) {
    auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return Error::make(text, "not a device: give KIND:NAME (v4l2:/dev/video0, alsa:default, pulse:default, lavfi:GRAPH)");
    DeviceSpec d{text.substr(0, colon), text.substr(colon + 1)};
    if (std::find(kKinds.begin(), kKinds.end(), d.kind) == kKinds.end())
        return Error::make(text, "unknown device kind '" + d.kind + "' (v4l2, alsa, pulse or lavfi)");
    return d;
}

Dictionary deviceOptions(const DeviceSpec& d, const std::string& size, int fps) {
    Dictionary o;
    if (d.kind == "v4l2") {
        if (!size.empty()) o.set("video_size", size);
        if (fps > 0) o.set("framerate", std::to_string(fps));
        o.set("ts", "mono2abs");  // on the wall clock, like ALSA's timestamps
    } else if (d.kind == "pulse") {
        o.set("wallclock", "1");
    }
    return o;
}

std::vector<DeviceInfo> listDevices(std::vector<std::string>& notes) {
    registerDevices();
    std::vector<DeviceInfo> out;
    std::vector<std::string> videos;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev", ec))
        if (e.path().filename().string().starts_with("video")) videos.push_back(e.path().string());
    std::sort(videos.begin(), videos.end());
    for (const auto& v : videos) {
        DeviceInfo info{.spec = "v4l2:" + v, .video = true};
        if (describeV4l2(v, info)) out.push_back(std::move(info));
    }
    if (videos.empty()) notes.push_back("v4l2: no /dev/video* cameras");
    listSources("alsa", false, "alsa", out, notes);
    listSources("pulse", false, "pulse", out, notes);
    return out;
}

}  // namespace kotsu::av
