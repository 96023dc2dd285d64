#pragma once
// Waveform peaks for the editor's audio lane, made during the proxy pass.
//
// File format (cache/<asset id>/peaks.bin), little-endian:
//
//   offset  size  field
//   0       8     magic "KOTSUPK1"
//   8       4     u32 bucket length in microseconds (10000 = 10 ms)
//   12      4     u32 sample rate the peaks were taken at (48000)
//   16      4     u32 channels: 1 (a mono mix of all channels)
//   20      4     u32 reserved, 0
//   24      8     u64 bucket count N
//   32      4·N   N × (i16 min, i16 max): the lowest and highest sample of the bucket, full scale ±32767
//
// Bucket i covers [i·bucket, (i+1)·bucket) on the asset's timeline (0 = the file's start); audio that
// starts late is preceded by silent buckets.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::transcode {

struct Peaks {
    Micros bucket = 10000;
    int sampleRate = 48000;
    std::vector<std::int16_t> min, max;  // one pair per bucket
    [[nodiscard]] size_t size() const { return min.size(); }
    [[nodiscard]] Micros duration() const { return static_cast<Micros>(size()) * bucket; }
};

[[nodiscard]] Result<Peaks> loadPeaks(const std::filesystem::path& path);
[[nodiscard]] Status savePeaks(const std::filesystem::path& path, const Peaks& peaks);

// Min/max of consecutive 10 ms buckets of mono float samples at `sampleRate`.
class PeakAccumulator {
public:
    explicit PeakAccumulator(int sampleRate = 48000, Micros bucket = 10000);
    void add(const float* samples, size_t count);
    [[nodiscard]] Peaks finish();

private:
    Peaks peaks_;
    size_t perBucket_;
    size_t filled_ = 0;
    float lo_ = 0, hi_ = 0;
};

}  // namespace kotsu::transcode
