// kotsu transcode
#include <cstdio>
#include <cstdlib>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "core/progress.hpp"
#include "transcode/asset_transcode.hpp"

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

namespace kotsu::cli {

namespace {

void printRendition(const Library& lib, const Rendition& r) {
    std::printf("  %-8s", r.profile.c_str());
    if (r.width > 0) std::printf(" %dx%d", r.width, r.height);
    else std::printf(" audio-only");
    std::printf("  %s  %s", formatTime(r.duration).c_str(), (lib.root / r.path).c_str());
    if (r.voice) std::printf("  voice %.1f LUFS / %.1f dBTP", r.voice->integrated, r.voice->truePeak);
    if (r.workSound) std::printf("  work sound %.1f LUFS / %.1f dBTP", r.workSound->integrated, r.workSound->truePeak);
    std::printf("\n");
}

int runTranscode(const Args& a, const Library& lib) {
    if (a.positional.size() != 1) return fail("transcode: give one SESSION (title or id)");
    auto names = transcode::parseProfileList(a.valueOr("profile", "proxy,tablet,glasses"));
    if (!names) {
        fail(names.error());
        return 2;
    }
    // kotsu names the file and keeps libav's reason in its own one-line error; libav's error lines
    // ("moov atom not found") would only repeat it. KOTSU_AV_LOG still turns them on.
    if (!std::getenv("KOTSU_AV_LOG")) av_log_set_level(AV_LOG_FATAL);
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto session = findSessionOrFail(*cat, a.positional[0]);
    if (!session) return 1;
    auto assets = cat->assets(session->id);
    if (!assets) return fail(assets.error());
    if (assets->empty()) {
        std::printf("session %s has no assets yet (kotsu ingest FILE --session \"%s\")\n", session->title.c_str(),
                    session->title.c_str());
        return 0;
    }
    for (size_t i = 0; i < assets->size(); ++i) {
        const Asset& asset = (*assets)[i];
        std::printf("asset %lld [%s] %s\n", static_cast<long long>(asset.id), asset.role.c_str(),
                    asset.originalName.c_str());
        std::fflush(stdout);
        std::string label = "transcode " + std::to_string(i + 1) + "/" + std::to_string(assets->size()) + " " +
                            asset.originalName;
        Progress progress(label, asset.probe.duration, Progress::stderrIsTerminal());
        auto rs = transcode::transcodeAsset(lib, *cat, asset, *names, &progress);
        progress.finish();
        if (!rs) {
            if (rs.error().code == AVERROR_EXIT || cancelRequested()) {
                fail("transcode: cancelled; no rendition of " + asset.originalName + " was written");
                return 130;
            }
            return fail(rs.error());
        }
        for (const auto& r : *rs) printRendition(lib, r);
    }
    return 0;
}

}  // namespace

std::vector<Command> transcodeCommands() {
    return {
        {.name = "transcode",
         .summary = "make the renditions of every asset of a session (proxy, tablet, glasses)",
         .positionals = {sessionArg()},
         .options = {{"profile", "LIST", "the renditions to make (default proxy,tablet,glasses)",
                      checks::parsedBy(transcode::parseProfileList)}},
         .run = runTranscode,
         .details = "Each asset is decoded once for all the profiles. The proxy comes with thumbnails and\n"
                    "waveform peaks for the editor. Renditions go to cache/<asset id>/ in the library."},
    };
}

}  // namespace kotsu::cli
