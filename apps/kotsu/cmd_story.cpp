// kotsu story new|list and kotsu story STORY show|add|title|lower-third|move|trim|remove|render|export|import
#include <cstdio>
#include <nlohmann/json.hpp>

#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "core/progress.hpp"
#include "story/import_otio.hpp"
#include "story/story_export.hpp"
#include "story/story_model.hpp"
#include "story/story_render.hpp"
#include "story/story_service.hpp"

namespace kotsu::cli {

namespace {

using story::StoryService;

std::optional<Story> findStoryOrFail(catalog::Catalog& cat, const std::string& titleOrId) {
    auto s = cat.findStory(titleOrId);
    if (!s) {
        fail(s.error());
        return std::nullopt;
    }
    if (!*s) {
        fail("story: no story '" + titleOrId + "' (see kotsu story list)");
        return std::nullopt;
    }
    return **s;
}

std::optional<int> positionOf(const Args& a, const char* name) {
    auto v = a.value(name);
    if (!v) return std::nullopt;
    return std::stoi(*v);  // checked as a whole number by the parser
}

Micros timeOf(const Args& a, const char* name) { return *parseTime(*a.value(name)); }  // checked by the parser

Id idOf(const std::string& text) { return std::stoll(text); }

nlohmann::json itemJson(const StoryItem& it, const std::string& sessionTitle) {
    nlohmann::json j{{"id", it.id},
                     {"position", it.position + 1},
                     {"kind", toString(it.kind)},
                     {"in_us", it.in},
                     {"out_us", it.out},
                     {"duration_us", it.duration()}};
    if (it.kind == StoryItemKind::Clip) {
        j["session"] = it.sessionId;
        j["session_title"] = sessionTitle;
        j["angle"] = it.angle;
        if (it.markerId) j["marker"] = it.markerId;
    }
    if (it.kind == StoryItemKind::LowerThird) j["on"] = it.parentId;
    if (!it.beat.empty()) j["beat"] = it.beat;
    if (!it.text.empty()) j["text"] = it.text;
    if (!it.sub.empty()) j["sub"] = it.sub;
    return j;
}

int show(catalog::Catalog& cat, const Story& s, bool json) {
    auto items = cat.storyItems(s.id);
    if (!items) return fail(items.error());
    auto beats = cat.storyBeats(s.id);
    if (!beats) return fail(beats.error());
    auto titleOf = [&](Id sessionId) {
        auto ses = cat.session(sessionId);
        return ses ? ses->title : std::string();
    };
    const Micros total = story::totalDuration(*items);
    if (json) {
        nlohmann::json out{{"id", s.id},
                           {"title", s.title},
                           {"template", s.templateName},
                           {"size", std::to_string(s.width) + "x" + std::to_string(s.height)},
                           {"fps", std::to_string(s.fps.num) + "/" + std::to_string(s.fps.den)},
                           {"beats", nlohmann::json::array()},
                           {"items", nlohmann::json::array()},
                           {"total_us", total}};
        for (const auto& b : *beats) out["beats"].push_back({{"name", b.name}, {"suggested_us", b.suggested}});
        for (const auto& it : *items) out["items"].push_back(itemJson(it, it.sessionId ? titleOf(it.sessionId) : ""));
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("story %lld: %s  (%dx%d, %d/%d fps, %s)\n", static_cast<long long>(s.id), s.title.c_str(), s.width,
                s.height, s.fps.num, s.fps.den, s.templateName.c_str());
    for (const auto& b : *beats) {
        Micros filled = 0;
        for (const auto& it : *items)
            if (it.beat == b.name && it.kind != StoryItemKind::LowerThird) filled += it.duration();
        std::printf("  beat %-8s %s of %s suggested\n", b.name.c_str(), formatSeconds(filled).c_str(),
                    formatSeconds(b.suggested).c_str());
    }
    if (items->empty()) std::printf("no items yet\n");
    for (const auto& it : *items) {
        const bool lt = it.kind == StoryItemKind::LowerThird;
        std::printf("%s%3d %5lld  %-11s", lt ? "    " : "", it.position + 1, static_cast<long long>(it.id), toString(it.kind));
        if (it.kind == StoryItemKind::Clip)
            std::printf(" %s [%s] %s – %s", titleOf(it.sessionId).c_str(), it.angle.c_str(), formatTime(it.in).c_str(),
                        formatTime(it.out).c_str());
        std::printf(" %ss", formatSeconds(it.duration()).c_str());
        if (!it.beat.empty()) std::printf("  <%s>", it.beat.c_str());
        if (!it.text.empty()) std::printf("  %s", it.text.c_str());
        if (!it.sub.empty()) std::printf(" / %s", it.sub.c_str());
        std::printf("\n");
    }
    std::printf("total %s (%s s)\n", formatTime(total).c_str(), formatSeconds(total).c_str());
    return 0;
}

int runNew(const Args& a, catalog::Catalog& cat) {
    Story s;
    s.title = a.positional.at(1);
    s.templateName = a.valueOr("template", "documentary");
    auto size = a.valueOr("size", "1920x1080");
    s.width = std::stoi(size.substr(0, size.find('x')));
    s.height = std::stoi(size.substr(size.find('x') + 1));
    s.fps = Rational{std::stoi(a.valueOr("fps", "30")), 1};
    auto beats = story::storyTemplate(s.templateName);
    if (!beats) return fail(beats.error());
    auto created = cat.createStory(s, *beats);
    if (!created) return fail(created.error());
    std::printf("%lld\n", static_cast<long long>(created->id));
    return 0;
}

int runList(const Args& a, catalog::Catalog& cat) {
    auto ss = cat.stories();
    if (!ss) return fail(ss.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : *ss) {
        auto items = cat.storyItems(s.id);
        if (!items) return fail(items.error());
        Micros total = story::totalDuration(*items);
        if (a.has("json"))
            out.push_back({{"id", s.id}, {"title", s.title}, {"items", items->size()}, {"total_us", total}});
        else
            std::printf("%5lld  %s  %zu item(s), %s\n", static_cast<long long>(s.id), s.title.c_str(), items->size(),
                        formatTime(total).c_str());
    }
    if (a.has("json")) std::printf("%s\n", out.dump(2).c_str());
    else if (ss->empty()) std::printf("no stories yet (kotsu story new TITLE)\n");
    return 0;
}

int runAdd(const Args& a, catalog::Catalog& cat, StoryService& svc) {
    if (a.positional.size() != 3) return fail("story add: give the SESSION the range is from");
    auto session = findSessionOrFail(cat, a.positional[2]);
    if (!session) return 1;
    story::ClipRequest r{.sessionId = session->id, .beat = a.valueOr("beat", ""), .angle = a.valueOr("angle", "main"),
                         .at = positionOf(a, "at")};
    if (a.has("marker")) {
        r.markerId = idOf(*a.value("marker"));
    } else {
        if (!a.has("in") || !a.has("out")) return usage("story", "add: give --marker ID, or --in T and --out T");
        r.in = timeOf(a, "in");
        r.out = timeOf(a, "out");
    }
    auto added = svc.addClip(r);
    if (!added) return fail(added.error());
    std::printf("added clip %lld at %d: %s %s – %s%s\n", static_cast<long long>(added->id), added->position + 1,
                session->title.c_str(), formatTime(added->in).c_str(), formatTime(added->out).c_str(),
                added->beat.empty() ? "" : (" <" + added->beat + ">").c_str());
    return 0;
}

int runStoryVerb(const Args& a, catalog::Catalog& cat, const Library& lib, const Story& s, const std::string& verb) {
    StoryService svc(cat, s);
    if (verb == "show") return show(cat, s, a.has("json"));
    if (verb == "add") return runAdd(a, cat, svc);
    if (verb == "title") {
        story::TitleRequest r{.text = a.valueOr("text", ""), .sub = a.valueOr("sub", ""), .beat = a.valueOr("beat", ""),
                              .at = positionOf(a, "at")};
        if (a.has("seconds")) r.length = timeOf(a, "seconds");
        auto added = svc.addTitle(r);
        if (!added) return fail(added.error());
        std::printf("added title %lld at %d (%s s)\n", static_cast<long long>(added->id), added->position + 1,
                    formatSeconds(added->duration()).c_str());
        return 0;
    }
    if (verb == "lower-third") {
        auto added = svc.addLowerThird(idOf(a.positional.at(2)), a.valueOr("text", ""), a.valueOr("sub", ""));
        if (!added) return fail(added.error());
        std::printf("added lower third %lld on clip %lld\n", static_cast<long long>(added->id),
                    static_cast<long long>(added->parentId));
        return 0;
    }
    if (verb == "move") {
        if (auto r = svc.move(idOf(a.positional.at(2)), *positionOf(a, "to")); !r) return fail(r.error());
        std::printf("moved item %s to %s\n", a.positional[2].c_str(), a.value("to")->c_str());
        return 0;
    }
    if (verb == "trim") {
        if (auto r = svc.trim(idOf(a.positional.at(2)), timeOf(a, "in"), timeOf(a, "out")); !r) return fail(r.error());
        std::printf("trimmed item %s to %s – %s\n", a.positional[2].c_str(), a.value("in")->c_str(), a.value("out")->c_str());
        return 0;
    }
    if (verb == "remove") {
        if (auto r = svc.remove(idOf(a.positional.at(2))); !r) return fail(r.error());
        std::printf("removed item %s\n", a.positional[2].c_str());
        return 0;
    }
    if (verb == "export") {
        auto doc = story::loadStoryDoc(cat, lib, s);
        if (!doc) return fail(doc.error());
        auto format = story::exportFormatFrom(a.valueOr("format", ""));
        auto written = story::exportStory(*doc, *format, *a.value("out"), a.has("relative"));
        if (!written) return fail(written.error());
        std::printf("wrote %s (%zu item(s), %lld frames at %d/%d fps", a.value("out")->c_str(), doc->placed.size(),
                    static_cast<long long>(story::totalFrames(doc->placed)), s.fps.num, s.fps.den);
        if (written->pictures) std::printf(", %d title picture(s) beside it", written->pictures);
        std::printf(")\n");
        return 0;
    }
    if (verb == "import") {
        auto items = story::importOtio(a.positional.at(2), cat, s);
        if (!items) return fail(items.error());
        if (auto r = svc.replace(*items); !r) return fail(r.error());
        std::printf("imported %zu item(s) from %s into '%s'\n", items->size(), a.positional[2].c_str(), s.title.c_str());
        return 0;
    }
    if (verb == "render") {
        auto doc = story::loadStoryDoc(cat, lib, s);
        if (!doc) return fail(doc.error());
        story::RenderOptions o{.out = *a.value("out"),
                               .aspect = a.valueOr("aspect", "16:9"),
                               .music = a.valueOr("music", ""),
                               .captions = a.valueOr("captions", "none")};
        auto done = story::renderStory(cat, *doc, o);
        if (!done) return fail(done.error());
        std::printf("wrote %s: %dx%d, %s, %.1f LUFS, %.1f dBTP\n", o.out.c_str(), done->width, done->height,
                    formatTime(done->duration).c_str(), done->loudness.integrated, done->loudness.truePeak);
        return 0;
    }
    return fail("story: unknown action '" + verb + "'");
}

int runStory(const Args& a, const Library& lib) {
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    // `story new TITLE` and `story list` come without a STORY: the verb is then the first word.
    const auto& first = a.positional.at(0);
    if (first == "new" && a.positional.size() == 2) return runNew(a, *cat);
    if (first == "list" && a.positional.size() == 1) return runList(a, *cat);
    if (a.positional.size() < 2) return fail("story: give the STORY (a title or id) before '" + first + "'");
    auto s = findStoryOrFail(*cat, first);
    if (!s) return 1;
    return runStoryVerb(a, *cat, lib, *s, a.positional[1]);
}

Positional itemArg() { return {.name = "ITEM", .help = "an item's id (see story STORY show)", .check = checks::wholeNumber()}; }
Option atOption() { return {"at", "POSITION", "where in the film (1 = first; default: the end of its beat)", checks::wholeNumber(1, 100000)}; }

}  // namespace

std::vector<Command> storyCommands() {
    const Option beat{"beat", "BEAT", "the beat it tells (hook, veteran, problem, knack, result, closing)"};
    return {
        {.name = "story",
         .summary = "story films recut from the sessions: build, render, export to editing software",
         .positionals = {{.name = "STORY", .help = "a story's title or id", .optional = true}},
         .verbs =
             {{.name = "new",
               .summary = "a new story; prints its id",
               .positionals = {{.name = "TITLE", .help = "the film's title"}},
               .options = {{"template", "NAME", "documentary (beats with suggested lengths) or blank (default documentary)"},
                           {"size", "WxH", "the frame (default 1920x1080)", checks::frameSize()},
                           {"fps", "N", "frames per second (default 30)", checks::wholeNumber(1, 120)}}},
              {.name = "list", .summary = "the stories", .options = {jsonFlag()}},
              {.name = "show", .summary = "the story's beats and items in order", .options = {jsonFlag()}},
              {.name = "add",
               .summary = "add a range of a session: a marker's, or --in/--out",
               .positionals = {sessionArg()},
               .options = {{"marker", "ID", "the marker's range", checks::wholeNumber()},
                           {"in", "TIME", "where the range starts", checks::time()},
                           {"out", "TIME", "where it ends", checks::time()},
                           beat,
                           {"angle", "ANGLE", "main, handcam or overview (default main)",
                            checks::oneOf({"main", "handcam", "overview"})},
                           atOption()},
               .exclusive = {{"marker", "in"}, {"marker", "out"}}},
              {.name = "title",
               .summary = "a title card",
               .options = {{"text", "TEXT", "the card's text", {}, true},
                           {"sub", "TEXT", "a second, smaller line"},
                           {"seconds", "SECONDS", "how long (default 3)", checks::time()},
                           beat,
                           atOption()}},
              {.name = "lower-third",
               .summary = "a name and a line over a clip's first seconds",
               .positionals = {itemArg()},
               .options = {{"text", "TEXT", "the name", {}, true}, {"sub", "TEXT", "the line under it"}}},
              {.name = "move",
               .summary = "move an item",
               .positionals = {itemArg()},
               .options = {{"to", "POSITION", "its new place (1 = first)", checks::wholeNumber(1, 100000), true}}},
              {.name = "trim",
               .summary = "set an item's range (clips: session time; titles: 0 to their length)",
               .positionals = {itemArg()},
               .options = {{"in", "TIME", "the new in-point", checks::time(), true},
                           {"out", "TIME", "the new out-point", checks::time(), true}}},
              {.name = "remove", .summary = "remove an item", .positionals = {itemArg()}},
              {.name = "render",
               .summary = "render the film (H.264 + AAC, -14 LUFS)",
               .options = {{"out", "FILE", "the film, .mp4", {}, true},
                           {"aspect", "RATIO", "16:9, 9:16 or 1:1 (default 16:9)", checks::oneOf({"16:9", "9:16", "1:1"})},
                           {"music", "FILE", "music under the film, ducked under speech"},
                           {"captions", "LANG", "burn in the sessions' captions: ja, en or none (default none)",
                            checks::oneOf({"ja", "en", "none"})}}},
              {.name = "export",
               .summary = "write the story for editing software; title cards as PNG files beside it",
               .options = {{"format", "FORMAT", "otio, fcpxml, edl or mlt", checks::oneOf({"otio", "fcpxml", "edl", "mlt"}), true},
                           {"out", "FILE", "the file to write", {}, true},
                           {"relative", "", "media by paths relative to the file (a folder that carries its media)"}}},
              {.name = "import",
               .summary = "read an .otio back: the order, trims and gaps an editor made",
               .positionals = {{.name = "FILE", .help = "FILE.otio"}}}},
         .run = runStory,
         .details = "STORY is a story's title or id; `story new` and `story list` take none."},
    };
}

}  // namespace kotsu::cli
