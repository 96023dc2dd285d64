#include "player/package/clip_cache.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "core/hash.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

std::string clipKey(const std::string& sourceChecksum, TimeSpan span, const transcode::Profile& p,
                    const std::string& language, const std::string& burninScript) {
    std::ostringstream k;
    k << "kotsu clip 1\n"
      << sourceChecksum << '\n'
      << span.start << ' ' << span.end << '\n'
      << p.name << ' ' << p.width << 'x' << p.height << ' ' << p.maxFps << ' ' << p.x264Profile << ' ' << p.preset << ' '
      << p.crf << ' ' << p.maxBitrate << ' ' << p.keyframeEvery << '\n'
      << p.speechChain << ' ' << p.workSoundTrack << ' ' << p.compressThresholdDb << ' ' << p.compressRatio << ' '
      << p.targetLufs << ' ' << p.maxTruePeak << ' ' << p.audioChannels << ' ' << p.audioBitrate << ' ' << p.burnIn << '\n'
      << language << '\n'
      << burninScript;
    std::string text = k.str();
    Hasher h;
    h.update(text.data(), text.size());
    return h.hex();
}

std::optional<CachedClip> ClipCache::find(const std::string& key) const {
    auto facts = readFile(dir_ / (key + ".json"));
    if (!facts) return std::nullopt;
    auto j = nlohmann::json::parse(*facts, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    CachedClip c;
    c.file = dir_ / (key + ".mp4");
    std::error_code ec;
    auto size = fs::file_size(c.file, ec);
    if (ec || !j.contains("size") || !j["size"].is_number_unsigned() || j["size"].get<std::uintmax_t>() != size)
        return std::nullopt;
    c.width = j.value("width", 0);
    c.height = j.value("height", 0);
    c.duration = j.value("duration_us", Micros(0));
    fs::last_write_time(dir_ / (key + ".json"), fs::file_time_type::clock::now(), ec);  // used now
    return c;
}

Status ClipCache::store(const std::string& key, const fs::path& clip, const CachedClip& facts) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return Error::make(dir_.string(), "cannot create the clip cache: " + ec.message());
    removeStaleTempsIn(dir_);
    TempPath copy(dir_ / (key + ".mp4"));
    fs::copy_file(clip, copy.temp(), fs::copy_options::overwrite_existing, ec);
    if (ec) return Error::make(copy.temp().string(), "cannot copy into the clip cache: " + ec.message());
    auto size = fs::file_size(copy.temp(), ec);
    if (ec) return Error::make(copy.temp().string(), ec.message());
    KOTSU_TRY(copy.commit());
    nlohmann::json j{{"size", size}, {"width", facts.width}, {"height", facts.height}, {"duration_us", facts.duration}};
    return writeFileAtomic(dir_ / (key + ".json"), j.dump() + "\n");
}

void ClipCache::prune() const {
    struct Entry {
        fs::file_time_type used;
        std::string key;
        std::uintmax_t bytes = 0;
    };
    std::vector<Entry> entries;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(dir_, ec)) {
        if (f.path().extension() != ".json" || f.path().filename().string().front() == '.') continue;
        Entry e;
        e.key = f.path().stem().string();
        e.used = fs::last_write_time(f.path(), ec);
        e.bytes = fs::file_size(dir_ / (e.key + ".mp4"), ec);
        if (ec) e.bytes = 0;
        total += e.bytes;
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const auto& e : entries) {
        if (total <= limit_) break;
        // The facts first: an entry without them is a miss, whatever happens next.
        fs::remove(dir_ / (e.key + ".json"), ec);
        fs::remove(dir_ / (e.key + ".mp4"), ec);
        total -= e.bytes;
    }
}

}  // namespace kotsu::package
