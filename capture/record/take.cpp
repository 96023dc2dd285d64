#include "capture/record/take.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "capture/record/fragments.hpp"
#include "core/av/media_reader.hpp"
#include "core/av/output_file.hpp"
#include "core/files.hpp"
#include "core/marker_rules.hpp"

namespace kotsu::record {

namespace fs = std::filesystem;

namespace {

constexpr AVRational kMicrosTb{1, 1000000};
constexpr Micros kPointLength = 3'000'000;  // a knack or safety tag covers the 3 s after it

std::string stemOf(const fs::path& frag) {
    std::string name = frag.filename().string();
    if (name.ends_with(".frag.mp4")) name.resize(name.size() - 9);
    return name;
}

Micros firstPictureOf(const RecordedFile& f) {
    for (const auto& d : f.devices)
        if (d.kind == "video") return std::max<Micros>(0, d.firstFrame);
    return 0;  // sound alone starts at session time 0 (the recorder pads it from there)
}

std::vector<Marker> markersFrom(const std::vector<Tag>& tags, Micros origin, Micros duration, Id sessionId) {
    std::vector<Marker> out;
    std::vector<Micros> stepStarts;
    for (const auto& t : tags)
        if (markerKindOf(t.kind) == MarkerKind::Step) stepStarts.push_back(std::max<Micros>(0, t.t - origin));
    for (const auto& t : tags) {
        Marker m;
        m.sessionId = sessionId;
        m.kind = markerKindOf(t.kind);
        m.in = std::clamp<Micros>(t.t - origin, 0, duration);
        m.title = t.label.empty() ? t.kind : t.label;
        m.tags = {"live", t.kind};
        if (!t.source.empty()) m.tags.push_back(t.source);
        m.author = "capture";
        if (m.kind == MarkerKind::Step) {
            m.out = duration;
            for (Micros s : stepStarts)
                if (s > m.in) {
                    m.out = s;
                    break;
                }
        } else if (m.kind == MarkerKind::Tag) {
            m.out = m.in;
        } else {
            m.out = std::min(m.in + kPointLength, duration);
        }
        if (m.out < m.in || (m.kind != MarkerKind::Tag && m.out == m.in)) continue;
        out.push_back(std::move(m));
    }
    return out;
}

std::string timestampNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

}  // namespace

Result<fs::path> newTakeFolder(const Library& lib, const std::string& session) {
    const fs::path base = lib.root / "recordings";
    std::error_code ec;
    fs::create_directories(base, ec);
    if (ec) return Error::make(base.string(), "cannot create the recordings folder: " + ec.message());
    const std::string name = folderNameFor(session) + "-" + timestampNow();
    for (int n = 1; n < 100; ++n) {
        fs::path p = base / (n == 1 ? name : name + "-" + std::to_string(n));
        if (fs::create_directory(p, ec)) return p;
        if (ec) return Error::make(p.string(), "cannot create the take folder: " + ec.message());
    }
    return Error::make(base.string(), "too many takes with the same name and time");
}

Status writeTake(const fs::path& folder, const TakeInfo& take) {
    nlohmann::json j{{"session", take.session}, {"worker", take.worker}, {"task", take.task}, {"site", take.site},
                     {"started_at", take.startedAt}, {"ingested", take.ingested}, {"files", nlohmann::json::array()}};
    for (const auto& f : take.files) {
        nlohmann::json jf{{"role", f.role}, {"file", f.path.filename().string()}, {"devices", nlohmann::json::array()}};
        for (const auto& d : f.devices)
            jf["devices"].push_back({{"device", d.device}, {"kind", d.kind}, {"offset_us", d.offset},
                                     {"first_frame_us", d.firstFrame}});
        j["files"].push_back(std::move(jf));
    }
    return writeFileAtomic(folder / kTakeFile, j.dump(2) + "\n");
}

Result<TakeInfo> readTake(const fs::path& folder) {
    auto text = readFile(folder / kTakeFile);
    if (!text) return Error::make((folder / kTakeFile).string(), "not a take folder (no readable take.json)");
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("files"))
        return Error::make((folder / kTakeFile).string(), "take.json is not valid");
    TakeInfo t;
    t.session = j.value("session", "");
    t.worker = j.value("worker", "");
    t.task = j.value("task", "");
    t.site = j.value("site", "");
    t.startedAt = j.value("started_at", "");
    t.ingested = j.value("ingested", false);
    for (const auto& jf : j["files"]) {
        RecordedFile f;
        f.role = jf.value("role", "main");
        f.path = folder / jf.value("file", "");
        for (const auto& jd : jf.value("devices", nlohmann::json::array()))
            f.devices.push_back({jd.value("device", ""), jd.value("kind", "video"), jd.value("offset_us", Micros{0}),
                                 jd.value("first_frame_us", Micros{-1})});
        t.files.push_back(std::move(f));
    }
    if (t.session.empty()) return Error::make((folder / kTakeFile).string(), "take.json names no session");
    return t;
}

Status finalizeRecording(const fs::path& fragmented, const fs::path& out, const std::vector<Tag>& tags,
                         Micros firstPicture) {
    auto origin = av::findTimelineOrigin(fragmented.string());
    if (!origin) return origin.error();
    av::ReaderOptions ro;
    ro.decode = false;
    ro.origin = 0;  // file time: packets are copied as they are
    auto reader = av::MediaReader::open(fragmented.string(), std::move(ro));
    if (!reader) return reader.error();
    TempPath tmp(out);
    auto o = av::OutputFile::create(tmp.temp().string(), "mp4");
    if (!o) return o.error();
    std::map<int, int> map;
    std::vector<int> inputs;
    if (reader->videoIndex() >= 0) inputs.push_back(reader->videoIndex());
    for (int a : reader->audioIndices()) inputs.push_back(a);
    for (int i : inputs) {
        const AVStream* in = reader->stream(i);
        auto s = o->addStreamLike(in);
        if (!s) return s.error();
        map[i] = *s;
        if (in->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            // The timecode track needs a frame rate, which a short torn file may not state: then the
            // file goes without its timecode rather than not at all.
            const AVRational rate = in->avg_frame_rate.num > 0 && in->avg_frame_rate.den > 0 ? in->avg_frame_rate : in->r_frame_rate;
            if (rate.num <= 0 || rate.den <= 0 || av_q2d(rate) > 240) continue;
            o->stream(*s)->avg_frame_rate = rate;
            o->copyMetadata(*s, in, "timecode");
            if (auto* tc = av_dict_get(in->metadata, "timecode", nullptr, 0); !tc) {
                // The timecode may sit on the tmcd track rather than the picture's stream.
                for (unsigned k = 0; k < reader->format()->nb_streams; ++k)
                    o->copyMetadata(*s, reader->stream(static_cast<int>(k)), "timecode");
            }
        }
    }
    const AVFormatContext* fc = reader->format();
    const Micros fileEnd = fc->duration != AV_NOPTS_VALUE ? fc->duration + std::max<std::int64_t>(0, fc->start_time == AV_NOPTS_VALUE ? 0 : fc->start_time) : 0;
    std::int64_t chapter = 1;
    // MP4 chapters follow each other from 0 (the chapter track has no gaps): a take whose first tag
    // comes later opens with a chapter of its own, so every tag's chapter starts at the tag.
    if (!tags.empty() && *origin + tags.front().t - firstPicture > 0)
        KOTSU_TRY(o->addChapter(chapter++, kMicrosTb, 0, *origin + tags.front().t - firstPicture, "開始"));
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const Micros start = std::max<Micros>(0, *origin + tags[i].t - firstPicture);
        Micros end = i + 1 < tags.size() ? *origin + tags[i + 1].t - firstPicture : fileEnd;
        end = std::max(end, start + 1);
        KOTSU_TRY(o->addChapter(chapter++, kMicrosTb, start, end, tags[i].label.empty() ? tags[i].kind : tags[i].label));
    }
    av::Dictionary mov;
    mov.set("movflags", "+faststart");
    KOTSU_TRY(o->writeHeader(std::move(mov)));
    av::Packet pkt;
    for (;;) {
        auto f = reader->readPacket(pkt);
        if (f == av::Flow::End) break;
        if (f == av::Flow::Failed) return reader->error();
        if (f != av::Flow::Got) continue;
        auto it = map.find(pkt->stream_index);
        if (it == map.end()) {
            pkt.unref();
            continue;
        }
        KOTSU_TRY(o->write(pkt, it->second, reader->stream(it->first)->time_base));
        pkt.unref();
    }
    KOTSU_TRY(o->finish());
    return tmp.commit();
}

Result<TakeReport> finishTake(const fs::path& folder, const Library& lib, catalog::Catalog& cat,
                              const std::function<void(const std::string&)>& say) {
    auto take = readTake(folder);
    if (!take) return take.error();
    std::vector<Tag> tags;
    if (fs::exists(folder / kTagFile)) {
        auto t = readSidecar(folder / kTagFile);
        if (!t) return t.error();
        tags = std::move(t).value();
    }
    TakeReport report;
    // The main camera first: the session timeline is its first picture's.
    std::vector<RecordedFile> files = take->files;
    std::stable_partition(files.begin(), files.end(), [](const RecordedFile& f) { return f.role == "main"; });
    std::optional<Asset> mainAsset;
    Micros mainFirst = 0;
    for (const auto& f : files) {
        const fs::path final = folder / (stemOf(f.path) + ".mp4");
        const Micros first = firstPictureOf(f);
        if (fs::exists(f.path)) {
            if (auto s = finalizeRecording(f.path, final, tags, first); !s) return s.error();
            if (say) say("finalized: " + final.string());
        } else if (!fs::exists(final)) {
            report.notes.push_back(f.path.string() + ": missing, skipped");
            continue;
        }
        report.finals.push_back(final);
        capture::IngestRequest req{take->session, take->worker, take->task, take->site, f.role};
        auto reports = capture::ingest(lib, cat, req, {final.string()});
        auto& r = reports.front();
        for (const auto& n : r.notes) report.notes.push_back(n);
        if (!r.ok && !r.duplicate) return r.error;
        if (r.ok) {
            for (const auto& d : f.devices)
                KOTSU_TRY(cat.putCaptureDevice({r.asset.id, d.device, d.kind, d.offset, d.firstFrame, take->startedAt}));
            if (f.role == "main" || !mainAsset) {
                if (!mainAsset) {
                    mainAsset = r.asset;
                    mainFirst = first;
                }
            }
            std::error_code ec;
            fs::remove(final, ec);  // the verified copy is in the library
            fs::remove(f.path, ec);
        }
        report.ingested.push_back(r);
    }
    if (mainAsset) {
        for (auto& m : markersFrom(tags, mainFirst, mainAsset->probe.duration, mainAsset->sessionId)) {
            if (auto ok = validateMarker(m, mainAsset->probe.duration); !ok) {
                report.notes.push_back("tag '" + m.title + "' not made a marker: " + ok.error().message);
                continue;
            }
            auto added = cat.addMarker(m);
            if (!added) return added.error();
            ++report.markers;
        }
    }
    take->ingested = true;
    for (auto& f : take->files) f.path = f.path.filename();
    KOTSU_TRY(writeTake(folder, *take));
    return report;
}

Result<std::vector<RecoverReport>> recover(const fs::path& fileOrFolder, const Library& lib, catalog::Catalog& cat,
                                           const std::function<void(const std::string&)>& say) {
    std::error_code ec;
    if (!fs::exists(fileOrFolder, ec)) return Error::make(fileOrFolder.string(), "no such file or folder");
    std::vector<fs::path> folders;
    if (fs::is_directory(fileOrFolder)) {
        if (fs::exists(fileOrFolder / kTakeFile)) folders.push_back(fileOrFolder);
        else
            for (const auto& e : fs::directory_iterator(fileOrFolder, ec))
                if (e.is_directory() && fs::exists(e.path() / kTakeFile)) folders.push_back(e.path());
        std::sort(folders.begin(), folders.end());
    } else {
        fs::path parent = fileOrFolder.parent_path().empty() ? fs::path(".") : fileOrFolder.parent_path();
        if (!fs::exists(parent / kTakeFile))
            return Error::make(fileOrFolder.string(), "not a kotsu recording (no take.json beside it)");
        auto scan = scanFragments(fileOrFolder);
        if (!scan) return scan.error();
        folders.push_back(parent);
    }
    if (folders.empty()) return Error::make(fileOrFolder.string(), "no take folders (with take.json) here");
    std::vector<RecoverReport> out;
    for (const auto& folder : folders) {
        RecoverReport rep;
        rep.folder = folder;
        auto take = readTake(folder);
        if (!take) {
            rep.take = take.error();
            out.push_back(std::move(rep));
            continue;
        }
        if (take->ingested) {
            TakeReport tr;
            tr.notes.push_back("already finished and in the library");
            rep.take = tr;
            out.push_back(std::move(rep));
            continue;
        }
        bool bad = false;
        for (const auto& f : take->files) {
            if (!fs::exists(f.path)) continue;
            auto before = scanFragments(f.path);
            auto cut = cutBack(f.path);
            if (!cut) {
                rep.take = cut.error();
                bad = true;
                break;
            }
            std::string line = f.path.filename().string() + ": " + std::to_string(cut->fragments) + " complete fragments";
            if (before && before->fileSize > cut->fileSize)
                line += ", cut " + std::to_string(before->fileSize - cut->fileSize) + " torn bytes";
            rep.cuts.push_back(line);
            if (say) say(line);
            if (cut->fragments == 0) {
                rep.take = Error::make(f.path.string(), "no complete fragment to recover (the take was under a second)");
                bad = true;
                break;
            }
        }
        if (!bad) rep.take = finishTake(folder, lib, cat, say);
        out.push_back(std::move(rep));
    }
    return out;
}

}  // namespace kotsu::record
