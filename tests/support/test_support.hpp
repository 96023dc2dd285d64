#pragma once
// Helpers for tests: scratch folders, generated media, and the referee tools (ffprobe/ffmpeg).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kotsu::test {

// A fresh folder under the build tree, removed when the fixture ends.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name);
    ~ScratchDir();
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& p) const { return path_ / p; }

private:
    std::filesystem::path path_;
};

// ../shared/media/NAME, or nullopt when the folder is absent (the test should GTEST_SKIP).
[[nodiscard]] std::optional<std::filesystem::path> sharedMedia(const std::string& name);

// Runs a command (referee tools only: ffprobe, ffmpeg) and returns its stdout; exit code in *status.
[[nodiscard]] std::string run(const std::string& command, int* status = nullptr);
[[nodiscard]] bool haveTool(const std::string& name);

// ffprobe referee: keyframe times of the first video stream, in seconds.
[[nodiscard]] std::vector<double> probeKeyframeTimes(const std::filesystem::path& file);
// ffprobe referee: one value of a stream entry, e.g. ("v:0", "width").
[[nodiscard]] std::string probeStreamEntry(const std::filesystem::path& file, const std::string& stream,
                                           const std::string& entry);
[[nodiscard]] double probeDuration(const std::filesystem::path& file);

struct Ebur128 {
    double integrated = 0;
    double truePeak = 0;
};
// ffmpeg's ebur128 as an independent meter on one audio stream (index within the file's audio streams).
[[nodiscard]] std::optional<Ebur128> measureLoudness(const std::filesystem::path& file, int audioIndex = 0);

// UTF-8 text in another encoding ("CP932", "UTF-16LE", …), by glibc iconv independently of core's decoder.
[[nodiscard]] std::string encodeAs(const char* encoding, const std::string& utf8);
// Writes bytes to a file (binary).
void writeBytes(const std::filesystem::path& file, const std::string& bytes);

}  // namespace kotsu::test
