#include "tests/support/test_support.hpp"

#include <iconv.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace kotsu::test {

std::string encodeAs(const char* encoding, const std::string& utf8) {
    iconv_t cd = ::iconv_open(encoding, "UTF-8");
    EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << encoding;
    std::string out(utf8.size() * 4 + 8, '\0');
    char* src = const_cast<char*>(utf8.data());
    size_t srcLeft = utf8.size();
    char* dst = out.data();
    size_t dstLeft = out.size();
    EXPECT_NE(::iconv(cd, &src, &srcLeft, &dst, &dstLeft), static_cast<size_t>(-1)) << "cannot encode as " << encoding;
    ::iconv_close(cd);
    out.resize(out.size() - dstLeft);
    return out;
}

void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}


ScratchDir::ScratchDir(const std::string& name) {
    path_ = fs::path(KOTSU_BINARY_DIR) / "test-scratch" / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
    if (!std::getenv("KOTSU_KEEP_SCRATCH")) {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
}

std::optional<fs::path> sharedMedia(const std::string& name) {
    fs::path dir;
    if (const char* env = std::getenv("KOTSU_SHARED_MEDIA"); env && *env)
        dir = env;
    else
        dir = fs::path(KOTSU_SOURCE_DIR) / ".." / "shared" / "media";
    auto p = dir / name;
    if (!fs::exists(p)) return std::nullopt;
    return p;
}

std::string run(const std::string& command, int* status) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) {
        if (status) *status = -1;
        return out;
    }
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int rc = ::pclose(p);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

bool haveTool(const std::string& name) {
    int st = 0;
    (void)run("command -v " + name + " >/dev/null 2>&1", &st);
    return st == 0;
}

std::vector<double> probeKeyframeTimes(const fs::path& file) {
    auto out = run("ffprobe -v error -select_streams v:0 -show_entries frame=pts_time,key_frame -of csv=p=0 '" +
                   file.string() + "'");
    std::vector<double> times;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        auto comma = line.find(',');
        if (comma == std::string::npos) continue;
        if (line.substr(0, comma) == "1") times.push_back(std::atof(line.c_str() + comma + 1));
    }
    return times;
}

std::string probeStreamEntry(const fs::path& file, const std::string& stream, const std::string& entry) {
    auto out = run("ffprobe -v error -select_streams " + stream + " -show_entries stream=" + entry +
                   " -of default=nw=1:nk=1 '" + file.string() + "'");
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    auto nl = out.find('\n');
    return nl == std::string::npos ? out : out.substr(0, nl);
}

double probeDuration(const fs::path& file) {
    auto out = run("ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 '" + file.string() + "'");
    return std::atof(out.c_str());
}

std::optional<Ebur128> measureLoudness(const fs::path& file, int audioIndex) {
    auto out = run("ffmpeg -hide_banner -nostats -i '" + file.string() + "' -map 0:a:" + std::to_string(audioIndex) +
                   " -af ebur128=peak=true -f null - 2>&1");
    // The summary at the end: "I:         -16.0 LUFS" ... "Peak:       -2.1 dBFS"
    std::smatch m;
    auto summary = out.rfind("Summary:");
    if (summary == std::string::npos) return std::nullopt;
    std::string tail = out.substr(summary);
    Ebur128 r;
    if (!std::regex_search(tail, m, std::regex(R"(I:\s+(-?[0-9.]+|-inf) LUFS)"))) return std::nullopt;
    r.integrated = m[1] == "-inf" ? -1e9 : std::atof(m[1].str().c_str());
    if (!std::regex_search(tail, m, std::regex(R"(Peak:\s+(-?[0-9.]+|-inf) dBFS)"))) return std::nullopt;
    r.truePeak = m[1] == "-inf" ? -1e9 : std::atof(m[1].str().c_str());
    return r;
}

}  // namespace kotsu::test

#include "core/av/log.hpp"

namespace {
// libav's own chatter would bury the test output; KOTSU_AV_LOG=info brings it back.
class QuietLibav : public ::testing::Environment {
public:
    void SetUp() override { kotsu::av::configureLogging(); }
};
[[maybe_unused]] auto* const kQuiet = ::testing::AddGlobalTestEnvironment(new QuietLibav);
}  // namespace
