#pragma once
// Capture devices through libavdevice: one string per device ("v4l2:/dev/video0", "alsa:hw:1,0",
// "pulse:default", "lavfi:testsrc2=size=1280x720:rate=30,realtime") names an input format and a URL,
// so a camera, a microphone and a generated test source open through the same code path.
#include <string>
#include <vector>

#include "core/av/dictionary.hpp"
#include "core/error.hpp"

namespace kotsu::av {

struct DeviceSpec {
    std::string kind;    // v4l2 | alsa | pulse | lavfi
    std::string target;  // the device path, ALSA/Pulse name or lavfi graph
    [[nodiscard]] std::string text() const { return kind + ":" + target; }
    [[nodiscard]] const char* format() const;  // libavdevice input format name
};

// libavdevice's inputs registered (once; every open of an input calls it), alsa-lib's error
// printing routed into libav's log.
void registerDevices();

// "KIND:TARGET", or an error naming the string and the kinds there are.
[[nodiscard]] Result<DeviceSpec> parseDevice(const std::string& text);

// Options asking a device for a picture size and rate ("1920x1080", 30), as that device takes them;
// lavfi graphs set their own in the graph and take none.
[[nodiscard]] Dictionary deviceOptions(const DeviceSpec& d, const std::string& size, int fps);

struct DeviceInfo {
    std::string spec;                // what --device takes
    std::string description;
    bool video = false;
    std::vector<std::string> modes;  // "mjpeg 1920x1080", "yuyv422 640x480" …, when the device says
};

// The V4L2 cameras (/dev/video*), ALSA capture devices and PulseAudio sources present now; `notes`
// says which kinds could not be listed and why (no PulseAudio server…).
[[nodiscard]] std::vector<DeviceInfo> listDevices(std::vector<std::string>& notes);

}  // namespace kotsu::av
