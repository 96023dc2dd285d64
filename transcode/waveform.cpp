#include "transcode/waveform.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/files.hpp"

namespace kotsu::transcode {

namespace {

constexpr char kMagic[8] = {'K', 'O', 'T', 'S', 'U', 'P', 'K', '1'};
constexpr size_t kHeader = 32;

template <class T>
void put(std::string& out, T v) {
    for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
}

template <class T>
T get(const std::string& in, size_t at) {
    std::uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) v |= std::uint64_t(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return static_cast<T>(v);
}

std::int16_t toI16(float v) {
    return static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
}

}  // namespace

Status savePeaks(const std::filesystem::path& path, const Peaks& p) {
    std::string out(kMagic, sizeof kMagic);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(p.bucket));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(p.sampleRate));
    put<std::uint32_t>(out, 1);
    put<std::uint32_t>(out, 0);
    put<std::uint64_t>(out, p.size());
    out.reserve(out.size() + 4 * p.size());
    for (size_t i = 0; i < p.size(); ++i) {
        put<std::uint16_t>(out, static_cast<std::uint16_t>(p.min[i]));
        put<std::uint16_t>(out, static_cast<std::uint16_t>(p.max[i]));
    }
    return writeFileAtomic(path, out);
}

Result<Peaks> loadPeaks(const std::filesystem::path& path) {
    auto data = readFile(path);
    if (!data) return data.error();
    const std::string& d = *data;
    if (d.size() < kHeader || std::memcmp(d.data(), kMagic, sizeof kMagic) != 0)
        return Error::make(path.string(), "not a kotsu peaks file");
    Peaks p;
    p.bucket = get<std::uint32_t>(d, 8);
    p.sampleRate = static_cast<int>(get<std::uint32_t>(d, 12));
    auto count = get<std::uint64_t>(d, 24);
    if (p.bucket <= 0 || d.size() != kHeader + 4 * count) return Error::make(path.string(), "peaks file is damaged");
    p.min.resize(count);
    p.max.resize(count);
    for (size_t i = 0; i < count; ++i) {
        p.min[i] = static_cast<std::int16_t>(get<std::uint16_t>(d, kHeader + 4 * i));
        p.max[i] = static_cast<std::int16_t>(get<std::uint16_t>(d, kHeader + 4 * i + 2));
    }
    return p;
}

PeakAccumulator::PeakAccumulator(int sampleRate, Micros bucket)
    : perBucket_(static_cast<size_t>(std::max<std::int64_t>(1, sampleRate * bucket / 1000000))) {
    peaks_.bucket = bucket;
    peaks_.sampleRate = sampleRate;
}

void PeakAccumulator::add(const float* samples, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        float v = samples[i];
        if (filled_ == 0) {
            lo_ = hi_ = v;
        } else {
            lo_ = std::min(lo_, v);
            hi_ = std::max(hi_, v);
        }
        if (++filled_ == perBucket_) {
            peaks_.min.push_back(toI16(lo_));
            peaks_.max.push_back(toI16(hi_));
            filled_ = 0;
        }
    }
}

Peaks PeakAccumulator::finish() {
    if (filled_ > 0) {
        peaks_.min.push_back(toI16(lo_));
        peaks_.max.push_back(toI16(hi_));
        filled_ = 0;
    }
    return std::move(peaks_);
}

}  // namespace kotsu::transcode
