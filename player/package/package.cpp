#include "player/package/package.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>

#include "core/captions_io.hpp"
#include "core/catalog/package_index.hpp"
#include "core/catalog/text_checks.hpp"
#include "core/files.hpp"
#include "core/marker_rules.hpp"
#include "core/text.hpp"
#include "player/html/player_assets.hpp"
#include "player/package/burnin.hpp"
#include "player/package/manifest.hpp"
#include "player/package/output_folder.hpp"
#include "player/package/package_plan.hpp"
#include "player/package/roster.hpp"
#include "player/package/package_source.hpp"
#include "player/package/package_zip.hpp"
#include "player/package/step_clips.hpp"
#include "transcode/still.hpp"
#include "transcode/loudness.hpp"
#include "transcode/transcoder.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

using namespace kotsu::transcode;  // the engine this stage drives

namespace {

struct Inputs {
    Asset asset;                          // the main: the session timeline's
    std::map<std::string, Angle> angles;  // by name: the cameras the steps are cut from
    std::vector<StepPlan> steps;
    std::vector<std::string> languages;
    std::vector<Profile> profiles;
};

Result<Inputs> gather(const Library& lib, catalog::Catalog& cat, const Session& session, const PackageOptions& opt) {
    Inputs in;
    if (opt.profiles.empty()) return Error::make("package", "no profile asked for (--profile tablet,glasses)");
    for (const auto& name : opt.profiles) {
        auto p = findProfile(name);
        if (!p) return p.error();
        if (!p->packaged) return Error::make(name, "an editor-only profile, not for packages");
        in.profiles.push_back(*p);
    }
    auto main = cat.mainAsset(session.id);
    if (!main) return main.error();
    if (!*main || !(*main)->probe.hasVideo)
        return Error::make(session.title, "the session has no video to package (kotsu ingest FILE --session …)");
    in.asset = **main;
    auto markers = cat.markers(session.id);
    if (!markers) return markers.error();
    // A catalog from before text was checked on the way in may hold CP932 bytes: refused here, before
    // the encode, rather than by the manifest's JSON writer after it.
    KOTSU_TRY(catalog::checkText(session));
    for (const auto& m : *markers) KOTSU_TRY(catalog::checkText(m));
    KOTSU_TRY(validateMarkers(*markers, in.asset.probe.duration));
    auto langs = cat.captionLanguages(session.id);
    if (!langs) return langs.error();
    std::map<std::string, std::vector<Cue>> cues;
    for (const auto& l : *langs) {
        // The code names files (captions/NN.<lang>.vtt): refused before anything is written.
        if (!isLanguageTag(l)) return Error::make(session.title, notALanguageTag(l));
        auto c = cat.cues(session.id, l);
        if (!c) return c.error();
        for (const auto& cue : *c) KOTSU_TRY(catalog::checkText(l, cue));
        cues[l] = *c;
    }
    in.languages = *langs;
    in.steps = planSteps(*markers, cues);
    if (in.steps.empty())
        return Error::make(session.title, "the session has no steps to package (kotsu markers SESSION add --kind step …)");
    // Each step's angle: a camera of the session, holding a picture over the whole step.
    for (const auto& s : in.steps) {
        const std::string name = s.step.angle.empty() ? "main" : s.step.angle;
        if (!in.angles.count(name)) {
            auto a = cat.angle(session.id, name);
            if (!a) return Error::make("step " + std::to_string(s.index) + " (" + s.step.title + ")", a.error().message);
            in.angles.emplace(name, std::move(a).value());
        }
        const Angle& a = in.angles.at(name);
        if (name != "main" && (s.step.in < a.start || s.step.out > a.start + a.asset.probe.duration))
            return Error::make("step " + std::to_string(s.index) + " (" + s.step.title + ")",
                               formatTime(s.step.in) + " – " + formatTime(s.step.out) + " is outside the " + name +
                                   " angle's pictures (" + formatTime(std::max<Micros>(0, a.start)) + " – " +
                                   formatTime(a.start + a.asset.probe.duration) + ")");
        if (!fs::exists(lib.absolute(a.asset.path)))
            return Error::make(lib.absolute(a.asset.path).string(), "the session's " + name + " media is missing from the library");
    }
    if (!fs::exists(lib.absolute(in.asset.path)))
        return Error::make(lib.absolute(in.asset.path).string(), "the session's media is missing from the library");
    return in;
}

// Where step clips of this angle come from: its file, placed on the session timeline. A camera that
// starts later than the main has its start in the cache key (the same file, placed elsewhere, is
// other pictures); the main's key is as it always was. A camera without a microphone (the usual hand
// camera) takes the main's sound, which is then part of the key too.
void useAngle(StepSource& src, const Library& lib, const Angle& a, const Angle& main) {
    src.path = lib.absolute(a.asset.path).string();
    src.origin = a.origin();
    src.checksum = a.asset.checksum;
    if (a.start != 0) src.checksum += "@" + std::to_string(a.start);
    src.soundPath.clear();
    src.soundOrigin.reset();
    if (a.borrowsSoundFrom(main)) {
        src.soundPath = lib.absolute(main.asset.path).string();
        src.soundOrigin = main.origin();
        src.checksum += "+sound:" + main.asset.checksum;
    }
}

// The folder must be creatable where asked: fail before any encoding if it is not.
Status checkWritable(const fs::path& out) {
    auto parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    std::error_code ec;
    if (!fs::exists(parent, ec)) {
        fs::create_directories(parent, ec);
        if (ec) return Error::make(parent.string(), "cannot create the output folder: " + ec.message());
    }
    if (::access(parent.c_str(), W_OK) != 0) return Error::make(parent.string(), "the output folder is not writable");
    return {};
}

Status writeText(const fs::path& root, const std::string& rel, std::string_view text) {
    std::error_code ec;
    fs::create_directories((root / rel).parent_path(), ec);
    return writeFileAtomic(root / rel, text);
}

}  // namespace

Result<PackageResult> buildPackage(const Library& lib, catalog::Catalog& cat, const Session& session,
                                   const PackageOptions& opt) {
    auto resolved = resolveOutputFolder(lib, opt.out);
    if (!resolved) return resolved.error();
    const fs::path out = *resolved;
    const fs::path zip = out.parent_path() / (out.filename().string() + ".zip");
    if (opt.zip) {
        // Only a zip kotsu wrote is replaced; a folder, link or someone's file of that name is left alone.
        std::error_code ec;
        auto st = fs::symlink_status(zip, ec);
        if (!ec && fs::exists(st) && (!fs::is_regular_file(st) || !isKotsuPackageZip(zip)))
            return Error::make(zip.string(), "exists and is not a kotsu package zip; move it away or name another --out");
    }
    auto inputs = gather(lib, cat, session, opt);
    if (!inputs) return inputs.error();
    const auto& steps = inputs->steps;
    KOTSU_TRY(checkWritable(out));
    removeStaleTemps(out);
    removeStaleTemps(zip);

    TempPath folder(out);
    std::error_code ec;
    fs::create_directories(folder.temp() / "work", ec);
    if (ec) return Error::make(folder.temp().string(), "cannot create: " + ec.message());
    const fs::path root = folder.temp();
    const fs::path work = root / "work";

    // 1. Per step, its clips for every profile: from the clip cache, else from one encode of the
    //    step's span (the rest of the recording is never decoded).
    auto style = loadBurninStyle();
    if (!style) return style.error();
    StepSource src;
    src.language = session.language;
    src.cancel = opt.cancel;
    std::optional<ClipCache> cache;
    if (opt.cache) cache.emplace(lib.cacheDir() / "clips");
    PackageResult result;
    Micros stepsTotal = 0, stepsDone = 0;
    for (const auto& s : steps) stepsTotal += std::max<Micros>(1, s.step.out - s.step.in);
    std::vector<StepEntry> entries(steps.size());
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        auto& e = entries[i];
        e.plan = &s;
        // Each step from its own angle: the clip's picture is that camera's, its sound too when the
        // camera has a microphone (else the main's).
        const Angle& angle = inputs->angles.at(s.step.angle.empty() ? "main" : s.step.angle);
        useAngle(src, lib, angle, inputs->angles.at("main"));
        src.label = "package " + session.title + " step " + std::to_string(s.index) + "/" + std::to_string(steps.size());
        // The caller's progress runs once over all the steps: each step's encode reports into its share.
        std::optional<Progress> stepProgress;
        if (opt.progress) {
            stepProgress.emplace("", s.step.out - s.step.in, false);
            stepProgress->setSink([&, before = stepsDone](double fraction, double, double) {
                double overall = (double(before) + fraction * double(s.step.out - s.step.in)) / double(stepsTotal);
                opt.progress->update(static_cast<Micros>(overall * double(opt.progress->total())));
            });
            src.progress = &*stepProgress;
        }
        auto clips = makeStepClips(src, steps, i, inputs->profiles, *style, root, work, cache ? &*cache : nullptr);
        stepsDone += s.step.out - s.step.in;
        if (!clips) return clips.error();
        for (const auto& p : inputs->profiles) {
            const StepClip& made = clips->at(p.name);
            (made.cached ? result.clipsCached : result.clipsEncoded)++;
            ClipEntry c;
            c.path = made.rel;
            c.width = made.width;
            c.height = made.height;
            c.duration = made.duration;
            if (angle.asset.probe.hasAudio || !src.soundPath.empty()) {
                auto voice = measureLoudness((root / c.path).string(), 0, opt.cancel);
                if (!voice) return voice.error();
                c.voice = *voice;
                if (p.workSoundTrack) {
                    auto work2 = measureLoudness((root / c.path).string(), 1, opt.cancel);
                    if (work2) c.workSound = *work2;
                }
            }
            e.clips[p.name] = c;
        }
        if (opt.cancel.cancelled()) return Error::make(out.string(), "cancelled");
        // Thumbnail: a moment into the step, from the first profile's clip.
        e.thumbnail = "thumbs/" + s.number() + ".jpg";
        fs::create_directories(root / "thumbs", ec);
        Micros at = std::min<Micros>(1'000'000, (s.step.out - s.step.in) / 3);
        KOTSU_TRY(writeStill((root / e.clips.begin()->second.path).string(), at, root / e.thumbnail, 320));
        for (const auto& [lang, cues] : s.captions) {
            std::string rel = "captions/" + s.number() + "." + lang + ".vtt";
            KOTSU_TRY(writeText(root, rel, writeCaptions(cues, CaptionFormat::Vtt)));
            e.captionFiles[lang] = rel;
        }
    }
    fs::remove_all(work, ec);

    // 3. The player, the index for native players, then the manifest over every file.
    for (const auto& [name, data] : player::packageFiles()) KOTSU_TRY(writeText(root, name, data));
    std::vector<catalog::PackageIndexStep> index;
    for (const auto& e : entries) {
        const auto& s = *e.plan;
        catalog::PackageIndexStep ix;
        ix.index = s.index;
        ix.id = s.step.id;
        ix.title = s.step.title;
        ix.note = s.step.note;
        ix.warning = s.allWarnings();
        ix.tags = joinList(s.step.tags, ", ");
        ix.in = s.step.in;
        ix.out = s.step.out;
        ix.thumbnail = e.thumbnail;
        for (const auto& [profile, c] : e.clips) ix.clips.push_back({profile, c.path, c.width, c.height, c.duration});
        for (const auto& [lang, cues] : s.captions)
            for (const auto& c : cues) ix.captionText += c.text + "\n";
        index.push_back(std::move(ix));
    }
    KOTSU_TRY(catalog::writePackageIndex((root / "index.sqlite").string(), session.title, index));

    std::vector<FileEntry> files;
    for (auto& f : fs::recursive_directory_iterator(root)) {
        if (!f.is_regular_file()) continue;
        auto rel = fs::relative(f.path(), root).generic_string();
        auto d = describeFile(root, rel);
        if (!d) return d.error();
        files.push_back(*d);
    }
    std::sort(files.begin(), files.end(), [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
    for (auto& e : entries)
        for (auto& [profile, c] : e.clips)
            for (const auto& f : files)
                if (f.path == c.path) c.size = f.size, c.checksum = f.checksum;
    auto manifest = buildManifest(session, inputs->profiles, inputs->languages, entries, files);
    const std::string uid = newPackageUid();
    manifest["package_id"] = uid;
    if (!opt.trainees.empty()) {
        manifest["trainees"] = nlohmann::json::array();
        for (const auto& t : opt.trainees) manifest["trainees"].push_back({{"id", t.id}, {"name", t.name}});
        manifest["trainee_fixed"] = opt.fixedTrainee;
    }
    KOTSU_TRY(writeText(root, "manifest.json", manifest.dump(2) + "\n"));
    KOTSU_TRY(writeText(root, "manifest.js", manifestScript(manifest)));

    if (cache) cache->prune();
    result.steps = static_cast<int>(steps.size());
    if (opt.zip) {
        result.zip = zip;
        KOTSU_TRY(writeZip(root, result.zip));
    }
    KOTSU_TRY(folder.commit(isKotsuPackage));
    result.folder = out;
    result.indexHtml = out / "index.html";
    PackageRecord rec;
    rec.sessionId = session.id;
    rec.path = out.string();
    rec.uid = uid;
    for (const auto& p : inputs->profiles) rec.profiles += (rec.profiles.empty() ? "" : ",") + p.name;
    auto stored = cat.addPackage(rec);
    if (!stored) return stored.error();
    if (!opt.trainees.empty()) KOTSU_TRY(cat.addToRoster(session.id, opt.trainees));
    return result;
}

}  // namespace kotsu::package
