#include "capture/record/tag_placement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "capture/record/take.hpp"
#include "core/av/media_reader.hpp"
#include "core/files.hpp"
#include "core/marker_rules.hpp"

namespace kotsu::record {

namespace fs = std::filesystem;

namespace {

constexpr Micros kWindow = 2'000;  // onset analysis in 2 ms windows

std::string formatSeconds(Micros us) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.3f s", us / 1e6);
    return buf;
}

}  // namespace

Result<TagTake> newTagTake(const Library& lib, const std::string& session, std::int64_t startedUnixUs) {
    auto folder = newTakeFolder(lib, session + "-tags");
    if (!folder) return folder.error();
    nlohmann::json j{{"session", session}, {"tags_only", true}, {"started_unix_us", startedUnixUs}, {"files", nlohmann::json::array()}};
    KOTSU_TRY(writeFileAtomic(*folder / kTakeFile, j.dump(2) + "\n"));
    return TagTake{*folder, session, startedUnixUs, {}};
}

Result<std::vector<TagTake>> tagTakesOf(const Library& lib, const std::string& session) {
    std::vector<TagTake> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(lib.root / "recordings", ec)) {
        auto text = readFile(e.path() / kTakeFile);
        if (!text) continue;
        auto j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_discarded() || !j.value("tags_only", false) || j.value("session", "") != session) continue;
        TagTake t{e.path(), session, j.value("started_unix_us", std::int64_t{0}), {}};
        if (fs::exists(e.path() / kTagFile)) {
            auto tags = readSidecar(e.path() / kTagFile);
            if (!tags) return tags.error();
            t.tags = std::move(tags).value();
        }
        out.push_back(std::move(t));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.startedUnixUs < b.startedUnixUs; });
    return out;
}

std::optional<std::int64_t> parseCreationTime(const std::string& iso) {
    std::tm tm{};
    int y, mo, d, h, mi, s;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 &&
        std::sscanf(iso.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
        return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    std::int64_t us = static_cast<std::int64_t>(timegm(&tm)) * 1'000'000;
    if (iso.size() > 19 && iso[19] == '.') {
        std::int64_t scale = 100'000;
        for (std::size_t k = 20; k < iso.size() && std::isdigit(static_cast<unsigned char>(iso[k])) && scale > 0; ++k, scale /= 10)
            us += (iso[k] - '0') * scale;
    }
    return us;
}

Result<std::optional<Micros>> findClap(const std::string& file, Micros around, Micros window) {
    av::ReaderOptions ro;
    ro.video = false;
    ro.origin = 0;  // file time
    auto reader = av::MediaReader::open(file, std::move(ro));
    if (!reader) return reader.error();
    if (reader->audioIndex() < 0) return std::optional<Micros>{};
    if (around - window > 0) KOTSU_TRY(reader->seek(around - window - 500'000));
    // Energy per 2 ms window, mono mix, from (around - window - 0.5 s) to (around + window).
    std::vector<double> energy;
    std::vector<Micros> starts;
    double acc = 0;
    int n = 0;
    Micros windowStart = -1;
    av::Frame f;
    av::MediaKind kind;
    while (reader->readFrame(f, kind) == av::Flow::Got) {
        if (kind != av::MediaKind::Audio) continue;
        const int rate = f->sample_rate;
        const Micros t0 = reader->toMicros(f->pts, reader->audioIndex());
        if (t0 > around + window) break;
        const int ch = f->ch_layout.nb_channels;
        for (int i = 0; i < f->nb_samples; ++i) {
            const Micros t = t0 + static_cast<Micros>(i) * 1'000'000 / rate;
            double v = 0;
            for (int c = 0; c < ch; ++c) {
                switch (f->format) {
                case AV_SAMPLE_FMT_FLTP: v += reinterpret_cast<const float*>(f->extended_data[c])[i]; break;
                case AV_SAMPLE_FMT_FLT: v += reinterpret_cast<const float*>(f->extended_data[0])[i * ch + c]; break;
                case AV_SAMPLE_FMT_S16P: v += reinterpret_cast<const std::int16_t*>(f->extended_data[c])[i] / 32768.0; break;
                case AV_SAMPLE_FMT_S16: v += reinterpret_cast<const std::int16_t*>(f->extended_data[0])[i * ch + c] / 32768.0; break;
                default: break;
                }
            }
            if (windowStart < 0) windowStart = t;
            if (t - windowStart >= kWindow) {
                energy.push_back(n ? acc / n : 0);
                starts.push_back(windowStart);
                acc = 0;
                n = 0;
                windowStart = t;
            }
            acc += v * v;
            ++n;
        }
    }
    // Onset: the window whose energy most exceeds the mean of the 100 ms before it.
    constexpr std::size_t kBefore = 50;
    double best = 0;
    std::optional<Micros> at;
    for (std::size_t i = kBefore; i < energy.size(); ++i) {
        if (starts[i] < around - window || starts[i] > around + window) continue;
        double before = 0;
        for (std::size_t k = i - kBefore; k < i; ++k) before += energy[k];
        before /= kBefore;
        const double score = energy[i] / (before + 1e-9);
        if (energy[i] > 1e-4 && score > best) {
            best = score;
            at = starts[i];
        }
    }
    if (best < 10) return std::optional<Micros>{};  // nothing sharp enough to call a clap
    return at;
}

Result<Placement> placeTags(const Library& lib, catalog::Catalog& cat, const Asset& asset,
                            const std::vector<TagTake>& takes, Micros clockOffset) {
    Placement p;
    p.method = "none";
    auto created = parseCreationTime(asset.probe.creationTime);
    if (!created) {
        p.notes.push_back(asset.originalName + ": no creation time in the file, tags not placed");
        return p;
    }
    const std::int64_t fileStartPc = *created + clockOffset;
    const Micros duration = asset.probe.duration;
    const Micros origin = asset.probe.timelineOrigin.value_or(0);
    // The tags on the PC clock that fall inside this file (by creation time and duration).
    std::vector<Tag> inside;
    for (const auto& take : takes)
        for (auto t : take.tags) {
            const Micros fileTime = take.startedUnixUs + t.t - fileStartPc;
            if (fileTime < -2'000'000 || fileTime > duration + origin + 2'000'000) continue;
            t.t = fileTime;
            inside.push_back(std::move(t));
        }
    if (inside.empty()) return p;
    p.method = "creation time + clock offset " + formatSeconds(clockOffset);
    Micros correction = 0;
    for (const auto& t : inside) {
        if (t.kind != "sync") continue;
        auto clap = findClap(lib.absolute(asset.path).string(), t.t);
        if (!clap) return clap.error();
        if (!*clap) {
            p.notes.push_back("sync tag at " + formatTime(t.t) + ": no clap found near it in the camera's sound");
            continue;
        }
        correction = **clap - t.t;
        p.method = "sync clap at " + formatTime(**clap - origin);
        p.correction = correction;
        break;
    }
    for (const auto& t : inside) {
        if (t.kind == "sync") continue;  // a clap is not a moment to teach
        Marker m;
        m.sessionId = asset.sessionId;
        m.kind = markerKindOf(t.kind);
        m.in = std::clamp<Micros>(t.t + correction - origin, 0, duration);
        m.out = m.kind == MarkerKind::Tag ? m.in : std::min(m.in + 3'000'000, duration);
        m.title = t.label.empty() ? t.kind : t.label;
        m.tags = {"live", t.kind, "tag"};
        m.author = "capture";
        if (m.kind == MarkerKind::Step) {
            m.out = duration;
            for (const auto& u : inside)
                if (markerKindOf(u.kind) == MarkerKind::Step && u.t + correction - origin > m.in) {
                    m.out = std::min(m.out, u.t + correction - origin);
                }
        }
        if (auto ok = validateMarker(m, duration); !ok) {
            p.notes.push_back("tag '" + m.title + "' not made a marker: " + ok.error().message);
            continue;
        }
        auto added = cat.addMarker(m);
        if (!added) return added.error();
        ++p.markers;
    }
    return p;
}

}  // namespace kotsu::record
