#include "player/package/step_clips.hpp"

#include "core/files.hpp"
#include "transcode/clip_cutter.hpp"
#include "transcode/transcoder.hpp"

namespace fs = std::filesystem;

namespace kotsu::package {

using transcode::Profile;

namespace {

struct Wanted {
    const Profile* profile;
    std::string key;
    std::string script;  // burned-in text, empty for profiles without
};

}  // namespace

Result<std::map<std::string, StepClip>> makeStepClips(const StepSource& src, const std::vector<StepPlan>& steps, size_t i,
                                                      const std::vector<Profile>& profiles, const BurninStyle& burnin,
                                                      const fs::path& root, const fs::path& work, const ClipCache* cache) {
    const StepPlan& s = steps[i];
    const TimeSpan span{s.step.in, s.step.out};
    std::map<std::string, StepClip> clips;
    std::vector<Wanted> missing;
    std::error_code ec;
    for (const auto& p : profiles) {
        Wanted w{&p, "", ""};
        if (p.burnIn) {
            BurninStyle style = burnin;
            style.width = p.width;
            style.height = p.height;
            style.language = src.language;
            w.script = burninScript(steps, style, s.index, s.step.in);
        }
        w.key = clipKey(src.checksum, span, p, src.language, w.script);
        StepClip c;
        c.rel = "clips/" + p.name + "/" + s.slug + ".mp4";
        fs::create_directories((root / c.rel).parent_path(), ec);
        if (auto hit = cache ? cache->find(w.key) : std::nullopt) {
            TempPath copy(root / c.rel);
            fs::copy_file(hit->file, copy.temp(), fs::copy_options::overwrite_existing, ec);
            if (!ec && copy.commit().ok()) {
                c.width = hit->width;
                c.height = hit->height;
                c.duration = hit->duration;
                c.cached = true;
                clips[p.name] = c;
                continue;
            }
        }
        missing.push_back(std::move(w));
    }
    if (missing.empty()) return clips;

    // One decode of the step's span for every profile still missing, keyframes at its in and out.
    std::vector<transcode::OutputSpec> specs;
    for (const auto& w : missing) {
        transcode::OutputSpec spec;
        spec.profile = *w.profile;
        spec.path = work / (w.profile->name + "-" + s.number() + ".mp4");
        spec.forcedKeyframes = {s.step.in, s.step.out};
        spec.language = src.language;
        if (!w.script.empty()) {
            auto ass = work / (w.profile->name + "-" + s.number() + ".ass");
            KOTSU_TRY(writeFileAtomic(ass, w.script));
            spec.extraVideoFilters = {burninFilter(ass.string())};
        }
        specs.push_back(std::move(spec));
    }
    transcode::TranscodeOptions topt;
    topt.label = src.label;
    topt.progress = src.progress;
    topt.origin = src.origin;
    topt.span = TimeSpan{span.start, span.end + kStepTail};
    topt.cancel = src.cancel;
    topt.soundInput = src.soundPath;
    topt.soundOrigin = src.soundOrigin;
    auto encoded = transcode::transcode(src.path, specs, topt);
    if (!encoded) return encoded.error();
    for (size_t k = 0; k < missing.size(); ++k) {
        const auto& r = (*encoded)[k];
        StepClip c;
        c.rel = "clips/" + missing[k].profile->name + "/" + s.slug + ".mp4";
        // The encode's time 0 is the first picture at or after the step's in.
        auto cut = transcode::cutClip(specs[k].path.string(), root / c.rel, std::max<Micros>(0, span.start - r.spanBase),
                                      span.end - r.spanBase);
        if (!cut) return cut.error();
        c.width = r.width;
        c.height = r.height;
        c.duration = cut->duration;
        fs::remove(specs[k].path, ec);
        // A cache that cannot keep the clip (disk full) costs the next package an encode, not this one.
        if (cache) (void)cache->store(missing[k].key, root / c.rel, {{}, c.width, c.height, c.duration});
        clips[missing[k].profile->name] = c;
    }
    return clips;
}

}  // namespace kotsu::package
