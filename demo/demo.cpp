#include "demo/demo.hpp"

#include "capture/ingest.hpp"
#include "core/captions_io.hpp"
#include "core/marker_rules.hpp"
#include "core/progress.hpp"
#include "transcode/asset_transcode.hpp"
#include "player/package/output_folder.hpp"
#include "player/package/package.hpp"
#include "story/story_model.hpp"
#include "story/story_service.hpp"

namespace fs = std::filesystem;

namespace kotsu::demo {

namespace {

// A small story from the demo session: a question card, the veteran (the first step, with a lower
// third), the first knack, and a closing card. Kept when it exists already (a second demo run).
Result<std::string> makeDemoStory(catalog::Catalog& cat, const Session& session) {
    const std::string title = kDemoStoryTitle;
    auto existing = cat.findStory(title);
    if (!existing) return existing.error();
    if (*existing) return title;
    auto beats = story::storyTemplate("documentary");
    if (!beats) return beats.error();
    auto created = cat.createStory(Story{.title = title, .width = 1280, .height = 720}, *beats);
    if (!created) return created.error();
    auto markers = cat.markers(session.id);
    if (!markers) return markers.error();
    const Marker* step = nullptr;
    const Marker* knack = nullptr;
    for (const auto& m : *markers) {
        if (!step && m.kind == MarkerKind::Step) step = &m;
        if (!knack && m.kind == MarkerKind::Knack) knack = &m;
    }
    if (!step || !knack) return Error::make("demo story", "the demo session has no step or knack marker");
    story::StoryService svc(cat, *created);
    KOTSU_TRY(svc.addTitle({.text = "コツとは、何か。", .sub = "What is the knack?", .length = 2'000'000, .beat = "hook"}));
    auto veteran = svc.addClip({.sessionId = session.id, .markerId = step->id, .beat = "veteran"});
    if (!veteran) return veteran.error();
    KOTSU_TRY(svc.addLowerThird(veteran->id, "佐藤 一郎", "フランジ組立 32年"));
    auto length = cat.sessionDuration(session.id);
    if (!length) return length.error();
    KOTSU_TRY(svc.addClip({.sessionId = session.id, .in = knack->in, .out = std::min(knack->in + 2'000'000, *length)}));
    KOTSU_TRY(svc.addTitle({.text = "コツとは、手が覚えた理由である。", .length = 2'000'000, .beat = "closing"}));
    return title;
}

}  // namespace

Result<DemoResult> runDemo(const Library& libIn, const DemoOptions& opt) {
    auto say = [&](const std::string& s) {
        if (opt.say) opt.say(s);
    };
    // Refused before the footage is made, not after the whole encode.
    if (auto out = package::resolveOutputFolder(libIn, opt.out); !out) return out.error();
    auto lib = Library::init(libIn.root);
    if (!lib) return lib.error();
    auto cat = lib->openCatalog();
    if (!cat) return cat.error();

    DemoResult r;
    r.sessionTitle = kDemoSessionTitle;
    const auto& sh = opt.shape;
    r.footage = lib->cacheDir() / "demo" /
                ("flange-" + std::to_string(sh.width) + "x" + std::to_string(sh.height) + "-" +
                 std::to_string(sh.duration / 1'000'000) + "s.mp4");
    std::error_code ec;
    fs::create_directories(r.footage.parent_path(), ec);
    if (!fs::exists(r.footage)) {
        say("generating " + formatTime(sh.duration) + " of " + std::to_string(sh.width) + "x" +
            std::to_string(sh.height) + " footage: " + r.footage.string());
        KOTSU_TRY(demo::synthesize(footageSpec(sh), r.footage));
    }

    say("ingesting into " + lib->root.string());
    capture::IngestRequest req;
    req.sessionTitle = r.sessionTitle;
    req.worker = "佐藤 (veteran, 32 years)";
    req.task = "Flange assembly / フランジ組立";
    req.site = "Plant 2";
    auto reports = capture::ingest(*lib, *cat, req, {r.footage.string()});
    if (reports.empty()) return Error::make(r.footage.string(), "ingest reported nothing");
    const auto& rep = reports.front();
    if (!rep.ok && !rep.duplicate) return rep.error;
    Session session = rep.session;
    Asset asset = rep.asset;

    auto markers = demoMarkers(asset.probe.duration);
    for (auto& m : markers) m.sessionId = session.id;
    KOTSU_TRY(validateMarkers(markers, asset.probe.duration));
    KOTSU_TRY(cat->replaceMarkers(session.id, markers));
    KOTSU_TRY(cat->replaceCues(session.id, "ja", demoCaptions(asset.probe.duration)));
    say("imported " + std::to_string(markers.size()) + " markers and Japanese captions");

    if (opt.proxy) {
        say("making the editor's proxy, thumbnails and waveform");
        Progress p("proxy", asset.probe.duration, opt.showProgress);
        auto rs = transcode::transcodeAsset(*lib, *cat, asset, {"proxy"}, &p);
        if (!rs) return rs.error();
    }

    if (auto story = makeDemoStory(*cat, session); story) {
        r.storyTitle = *story;
        say("made the story '" + r.storyTitle + "' from the session's markers");
    } else {
        return story.error();
    }

    say("packaging for tablet and glasses");
    Progress p("package", asset.probe.duration, opt.showProgress);
    package::PackageOptions po;
    po.out = opt.out;
    po.profiles = {"tablet", "glasses"};
    po.progress = &p;
    auto pkg = package::buildPackage(*lib, *cat, session, po);
    if (!pkg) return pkg.error();
    r.package = pkg->folder;
    r.indexHtml = pkg->indexHtml;
    r.steps = pkg->steps;
    return r;
}

}  // namespace kotsu::demo
