#include "tests/transcode/media_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kotsu::test {

namespace fs = std::filesystem;
using demo::SynthSpec;

std::string speechLikeAudio(int rate) {
    std::string r = std::to_string(rate);
    return "sine=frequency=180:sample_rate=" + r + "[v0];sine=frequency=540:sample_rate=" + r +
           "[v1];[v0][v1]amix=inputs=2,volume=volume='0.15+0.85*gt(sin(2*PI*2.7*t)\\,0.2)':eval=frame[voice];"
           "anoisesrc=color=pink:amplitude=0.03:sample_rate=" + r + "[noise];[voice][noise]amix=inputs=2:duration=first";
}

TranscodeMedia::TranscodeMedia() : dir_(std::make_unique<ScratchDir>("transcode-media")) {}

TranscodeMedia& TranscodeMedia::get() {
    static TranscodeMedia m;
    return m;
}

const fs::path& TranscodeMedia::clip(const std::string& name) {
    if (auto it = made_.find(name); it != made_.end()) return it->second;
    SynthSpec s;
    s.duration = 2'000'000;
    fs::path out = dir_->path() / (name + ".mp4");
    if (name == "main" || name == "long") {
        s.duration = 3'000'000;
        s.video = "testsrc2=size=1280x720:rate=30";
        s.audio = speechLikeAudio();
    } else if (name == "portrait") {
        s.video = "color=c=gray:size=640x360:rate=30,drawbox=x=0:y=0:w=320:h=360:color=white:t=fill";
        s.rotation = 90;
    } else if (name == "sar") {
        s.video = "color=c=white:size=480x360:rate=30";
        s.sampleAspect = {4, 3};
    } else if (name == "interlaced") {
        s.video = "testsrc2=size=720x576:rate=25";
        s.videoCodec = "mpeg2video";
        s.videoOptions = {};
        s.videoBitrate = 4'000'000;
        s.interlacedTopFirst = true;
    } else if (name == "fullrange") {
        s.video = "color=c=black:size=320x180:rate=30,drawbox=x=0:y=0:w=160:h=180:color=white:t=fill";
        s.pixelFormat = "yuvj420p";
        s.fullRange = true;
    } else if (name == "tenbit") {
        s.video = "testsrc2=size=640x360:rate=30";
        s.pixelFormat = "yuv420p10le";
    } else if (name == "hdr") {
        s.video = "testsrc2=size=640x360:rate=30";
        s.pixelFormat = "yuv420p10le";
        s.colorTransfer = "smpte2084";
        s.colorPrimaries = "bt2020";
        s.colorSpace = "bt2020nc";
    } else if (name == "noaudio") {
        s.video = "testsrc2=size=640x360:rate=30";
    } else if (name == "vfr") {
        s.duration = 3'000'000;
        s.video = "testsrc2=size=640x360:rate=30,setpts='N/30/TB+if(gte(N\\,30)\\,0.1/TB\\,0)'";
        s.audio = speechLikeAudio();
    } else {
        ADD_FAILURE() << "no such test media: " << name;
    }
    auto st = demo::synthesize(s, out);
    EXPECT_TRUE(st.ok()) << name << ": " << (st.ok() ? "" : st.error().what());
    return made_[name] = out;
}

double LumaFrame::column(int x) const {
    double sum = 0;
    int n = 0;
    for (int yy = height / 4; yy < height * 3 / 4; ++yy, ++n) sum += at(x, yy);
    return n ? sum / n : 0;
}

LumaFrame decodeLuma(const fs::path& file, double seconds, int width, int height) {
    // The output is yuv420p already: rawvideo yuv420p copies its planes without a range conversion.
    std::ostringstream cmd;
    cmd << "ffmpeg -v error -ss " << seconds << " -i '" << file.string()
        << "' -frames:v 1 -f rawvideo -pix_fmt yuv420p -";
    auto raw = run(cmd.str());
    LumaFrame f;
    f.width = width;
    f.height = height;
    size_t n = static_cast<size_t>(width) * height;
    if (raw.size() >= n) f.y.assign(raw.begin(), raw.begin() + static_cast<long>(n));
    return f;
}

int audioStreamCount(const fs::path& file) {
    auto out = run("ffprobe -v error -select_streams a -show_entries stream=index -of csv=p=0 '" + file.string() + "'");
    int n = 0;
    for (char c : out) n += c == '\n';
    return n;
}

std::vector<double> videoFrameTimes(const fs::path& file) {
    auto out = run("ffprobe -v error -select_streams v:0 -show_entries frame=pts_time -of csv=p=0 '" + file.string() +
                   "'");
    std::vector<double> t;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) t.push_back(std::atof(line.c_str()));
    return t;
}

bool moovFirst(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[8];
    while (in.read(head, 8)) {
        std::uint64_t size = (std::uint64_t(static_cast<unsigned char>(head[0])) << 24) |
                             (std::uint64_t(static_cast<unsigned char>(head[1])) << 16) |
                             (std::uint64_t(static_cast<unsigned char>(head[2])) << 8) |
                             std::uint64_t(static_cast<unsigned char>(head[3]));
        std::string type(head + 4, 4);
        if (type == "moov") return true;
        if (type == "mdat") return false;
        if (size < 8) return false;
        in.seekg(static_cast<std::streamoff>(size - 8), std::ios::cur);
    }
    return false;
}

}  // namespace kotsu::test
