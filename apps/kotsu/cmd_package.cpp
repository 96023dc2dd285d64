// kotsu package | verify | demo
#include <cstdio>
#include <cstdlib>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "core/text.hpp"
#include "demo/demo.hpp"
#include "player/package/package.hpp"
#include "player/package/package_verify.hpp"
#include "player/package/roster.hpp"

namespace kotsu::cli {

namespace {


int runPackage(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return fail("package: give one SESSION (title or id)");
    auto outDir = a.value("out");
    if (!outDir) return fail("package: --out DIR is required");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto s = findSessionOrFail(*cat, a.positional[0]);
    if (!s) return 1;
    auto duration = cat->sessionDuration(s->id);
    Progress progress("package " + s->title, duration ? *duration : 0, Progress::stderrIsTerminal());
    package::PackageOptions opt;
    opt.out = *outDir;
    opt.profiles = splitList(a.valueOr("profile", "tablet,glasses"));
    opt.zip = a.has("zip");
    opt.progress = &progress;
    if (auto roster = a.value("trainees")) {
        auto list = package::readRoster(*roster);
        if (!list) return fail(list.error());
        opt.trainees = std::move(*list);
    }
    if (auto one = a.value("trainee")) {
        if (auto ok = package::checkTraineeId(*one, "--trainee"); !ok) return fail(ok.error());
        opt.trainees = {Trainee{*one, ""}};
        opt.fixedTrainee = true;
    }
    auto r = package::buildPackage(lib, *cat, *s, opt);
    progress.finish();
    if (!r) return fail(r.error());
    std::printf("packaged %d step(s) of '%s'\n  folder: %s\n", r->steps, s->title.c_str(), r->folder.c_str());
    if (!r->zip.empty()) std::printf("  zip:    %s\n", r->zip.c_str());
    std::printf("  open:   %s\n", r->indexHtml.c_str());
    std::printf("  clips:  %d encoded, %d from the clip cache\n", r->clipsEncoded, r->clipsCached);
    return 0;
}

int runVerify(const Args& a, const Library&) {
    if (a.positional.size() != 1) return fail("verify: give one package folder or .zip");
    auto r = package::verifyPackage(a.positional[0]);
    if (!r) return fail(r.error());
    for (const auto& p : r->problems) std::fprintf(stderr, "kotsu: %s/%s: %s\n", a.positional[0].c_str(), p.path.c_str(), p.problem.c_str());
    if (!r->ok()) {
        std::fprintf(stderr, "kotsu: %s: %zu problem(s) in the package\n", a.positional[0].c_str(), r->problems.size());
        return 1;
    }
    std::printf("ok: %d files, %.1f MB, all sizes and checksums match (%s)\n", r->filesChecked,
                double(r->bytesChecked) / 1e6, a.positional[0].c_str());
    return 0;
}

// --seconds and --size make a short, small demo (tests, slow machines); the default is the real thing.
int runDemo(const Args& a, const Library& lib) {
    // The values were checked by the command line (checks::wholeNumber, checks::frameSize).
    demo::DemoOptions opt;
    opt.out = a.valueOr("out", "kotsu-demo");
    if (auto secs = a.value("seconds")) {
        opt.shape.duration = Micros{std::atoll(secs->c_str())} * 1'000'000;
    }
    if (auto size = a.value("size")) {
        int w = 0, h = 0;
        if (std::sscanf(size->c_str(), "%dx%d", &w, &h) != 2) return fail("demo: --size must look like 1920x1080");
        opt.shape.width = w;
        opt.shape.height = h;
    }
    opt.proxy = !a.has("no-proxy");
    opt.showProgress = Progress::stderrIsTerminal();
    opt.say = [](const std::string& s) {
        std::printf("demo: %s\n", s.c_str());
        std::fflush(stdout);
    };
    auto r = demo::runDemo(lib, opt);
    if (!r) return fail(r.error());
    std::printf("\nThe package is ready: %d steps for tablet and glasses.\n", r->steps);
    std::printf("  session: %s (library %s)\n", r->sessionTitle.c_str(), lib.root.c_str());
    std::printf("  package: %s\n", r->package.c_str());
    std::printf("  open in a browser: %s\n", r->indexHtml.c_str());
    std::printf("  story film: kotsu story '%s' render --out film.mp4\n", r->storyTitle.c_str());
    return 0;
}

}  // namespace

std::vector<Command> packageCommands() {
    return {
        {.name = "package",
         .summary = "package a session's steps for the field: clips per profile, captions, the offline player",
         .positionals = {sessionArg()},
         .options = {{"out", "DIR", "where the package folder goes", {}, true},
                     {"profile", "LIST", "the devices to package for (default tablet,glasses)"},
                     {"zip", "", "also write a zip of the package"},
                     {"trainees", "FILE", "who may sign in: a roster CSV (id,name per line)"},
                     {"trainee", "ID", "one trainee: the player asks no one"}},
         .run = runPackage,
         .exclusive = {{"trainees", "trainee"}}},
        {.name = "verify",
         .summary = "re-read every file of a package (folder or .zip) and check sizes and checksums",
         .positionals = {{.name = "PACKAGE", .help = "the package folder, or its .zip (read without extracting)"}},
         .run = runVerify},
        {.name = "demo",
         .summary = "generate a believable session and take it through the whole pipeline to a package",
         .options = {{"out", "DIR", "where the package goes (default kotsu-demo)"},
                     {"seconds", "N", "a shorter session (12 to 3600; tests, slow machines)", checks::wholeNumber(12, 3600)},
                     {"size", "WxH", "a smaller picture (e.g. 640x360)", checks::frameSize()},
                     {"no-proxy", "", "skip the editor's proxy rendition"}},
         .run = runDemo},
    };
}

}  // namespace kotsu::cli
