// kotsu markers SESSION list|add|remove|set-angle|import|export and kotsu captions SESSION import|export|list
#include <cstdio>
#include <filesystem>

#include "annotate/caption_service.hpp"
#include "annotate/marker_service.hpp"
#include "apps/kotsu/checks.hpp"
#include "apps/kotsu/cli.hpp"
#include "core/text.hpp"
#include "core/captions_io.hpp"
#include "core/files.hpp"
#include "core/json_io.hpp"
#include "core/marker_io.hpp"

namespace kotsu::cli {

namespace {


void printMarkers(const std::vector<Marker>& ms) {
    if (ms.empty()) std::printf("no markers yet\n");
    for (const auto& m : ms) {
        std::printf("%5lld  %-6s %s – %s  %s", static_cast<long long>(m.id), toString(m.kind), formatTime(m.in).c_str(),
                    formatTime(m.out).c_str(), m.title.c_str());
        if (!m.note.empty()) std::printf("  コツ: %s", m.note.c_str());
        if (!m.warning.empty()) std::printf("  ⚠ %s", m.warning.c_str());
        if (!m.angle.empty()) std::printf("  [%s]", m.angle.c_str());
        std::printf("\n");
    }
}

int runMarkers(const Args& a, const Library& lib) {
    if (a.positional.size() < 2)
        return fail("markers: usage: kotsu markers SESSION list|add|remove|set-angle|import|export (see --help)");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto s = findSessionOrFail(*cat, a.positional[0]);
    if (!s) return 1;
    const std::string& verb = a.positional[1];
    auto current = cat->markers(s->id);
    if (!current) return fail(current.error());

    if (verb == "list") {
        if (a.has("json")) {
            nlohmann::json out{{"session", s->title}, {"markers", nlohmann::json::array()}};
            for (const auto& m : *current) out["markers"].push_back(toJson(m));
            std::printf("%s\n", out.dump(2).c_str());
        } else {
            printMarkers(*current);
        }
        return 0;
    }
    if (verb == "add") {
        Marker m;
        m.sessionId = s->id;
        auto kind = markerKindFrom(a.valueOr("kind", "step"));
        if (!kind) return fail("markers add: unknown --kind '" + a.valueOr("kind", "") + "' (step, knack, safety, tag)");
        m.kind = *kind;
        auto inText = a.value("in");
        if (!inText) return fail("markers add: --in TIME is required (seconds or HH:MM:SS.mmm)");
        auto in = parseTime(*inText);
        if (!in) return fail("markers add: --in '" + *inText + "' is not a time (seconds or HH:MM:SS.mmm)");
        auto outText = a.valueOr("out", *inText);
        auto out = parseTime(outText);
        if (!out) return fail("markers add: --out '" + outText + "' is not a time (seconds or HH:MM:SS.mmm)");
        m.in = *in;
        m.out = *out;
        m.title = a.valueOr("title", "");
        m.note = a.valueOr("note", "");
        m.warning = a.valueOr("warning", "");
        m.author = a.valueOr("author", "");
        m.tags = splitList(a.valueOr("tags", ""));
        auto added = annotate::MarkerService(*cat, s->id).add(m);
        if (!added) return fail(added.error());
        std::printf("added %s marker %lld: %s – %s %s\n", toString(m.kind), static_cast<long long>(added->id),
                    formatTime(m.in).c_str(), formatTime(m.out).c_str(), m.title.c_str());
        return 0;
    }
    if (verb == "remove") {
        if (a.positional.size() != 3) return fail("markers remove: give the marker ID (see markers list)");
        char* end = nullptr;
        long long id = std::strtoll(a.positional[2].c_str(), &end, 10);
        if (!end || *end) return fail("markers remove: '" + a.positional[2] + "' is not a marker id");
        // Removing a step may leave its knack points outside any step: the rules say which.
        if (auto r = annotate::MarkerService(*cat, s->id).remove(id); !r) return fail(r.error());
        std::printf("removed marker %lld\n", id);
        return 0;
    }
    if (verb == "set-angle") {
        if (a.positional.size() != 4) return fail("markers set-angle: give the marker ID and the ANGLE (main, handcam, overview)");
        char* end = nullptr;
        long long id = std::strtoll(a.positional[2].c_str(), &end, 10);
        if (!end || *end) return fail("markers set-angle: '" + a.positional[2] + "' is not a marker id");
        const std::string& angle = a.positional[3];
        if (auto r = annotate::MarkerService(*cat, s->id).setAngle(id, angle); !r) return fail(r.error());
        std::printf("step %lld: cut from the %s angle\n", id, angle.c_str());
        return 0;
    }
    if (verb == "import") {
        if (a.positional.size() != 3) return fail("markers import: give FILE.json or FILE.csv");
        const auto& file = a.positional[2];
        auto parsed = readMarkersFile(file);
        if (!parsed) return fail(parsed.error());
        std::printf("read %s as %s\n", file.c_str(), std::string(encodingName(parsed->encoding)).c_str());
        auto mode = a.has("append") ? annotate::ImportMode::Append : annotate::ImportMode::Replace;
        if (auto r = annotate::MarkerService(*cat, s->id).import(parsed->markers, mode, file); !r) return fail(r.error());
        std::printf("imported %zu marker(s) from %s into '%s'\n", parsed->markers.size(), file.c_str(), s->title.c_str());
        return 0;
    }
    if (verb == "export") {
        auto format = a.valueOr("format", "json");
        auto encoding = a.valueOr("encoding", "utf-8");
        if (a.has("encoding") && format != "csv") return fail("markers export: --encoding is for --format csv");
        std::string text;
        if (format == "json") {
            text = writeMarkersJson(*current);
        } else if (format == "csv") {
            auto csv = writeMarkersCsv(*current, encoding == "cp932" ? TextEncoding::Cp932 : TextEncoding::Utf8Bom);
            if (!csv) return fail(csv.error());
            text = std::move(*csv);
        } else {
            return fail("markers export: --format must be json or csv");
        }
        if (auto outFile = a.value("to")) {
            if (auto w = writeFileAtomic(*outFile, text); !w) return fail(w.error());
            std::printf("wrote %zu marker(s) to %s\n", current->size(), outFile->c_str());
        } else {
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        return 0;
    }
    return fail("markers: unknown action '" + verb + "' (list, add, remove, set-angle, import, export)");
}

int runCaptions(const Args& a, const Library& lib) {
    if (a.positional.size() < 2) return fail("captions: usage: kotsu captions SESSION import FILE --lang ja | export --lang ja");
    auto cat = openCatalogOrFail(lib);
    if (!cat) return 1;
    auto s = findSessionOrFail(*cat, a.positional[0]);
    if (!s) return 1;
    const std::string& verb = a.positional[1];
    std::string lang = a.valueOr("lang", s->language.empty() ? "ja" : s->language);
    // Before anything is read or written: the code names files in packages (captions/NN.<lang>.vtt).
    if (!isLanguageTag(lang)) return fail("captions: " + notALanguageTag(lang));
    if (verb == "import") {
        if (a.positional.size() != 3) return fail("captions import: give FILE.vtt or FILE.srt");
        const auto& file = a.positional[2];
        auto read = readCaptionsFile(file);
        if (!read) return fail(read.error());
        std::printf("read %s as %s\n", file.c_str(), std::string(encodingName(read->encoding)).c_str());
        if (auto r = annotate::CaptionService(*cat, s->id).replace(lang, read->cues, file); !r) return fail(r.error());
        std::printf("imported %zu cue(s) [%s] from %s\n", read->cues.size(), lang.c_str(), file.c_str());
        return 0;
    }
    if (verb == "export") {
        auto format = a.valueOr("format", "vtt");
        if (format != "vtt" && format != "srt") return fail("captions export: --format must be vtt or srt");
        auto cues = cat->cues(s->id, lang);
        if (!cues) return fail(cues.error());
        auto text = writeCaptions(*cues, format == "srt" ? CaptionFormat::Srt : CaptionFormat::Vtt);
        if (auto outFile = a.value("to")) {
            if (auto w = writeFileAtomic(*outFile, text); !w) return fail(w.error());
            std::printf("wrote %zu cue(s) to %s\n", cues->size(), outFile->c_str());
        } else {
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
        return 0;
    }
    if (verb == "list") {
        auto cues = cat->cues(s->id, lang);
        if (!cues) return fail(cues.error());
        if (a.has("json")) {
            nlohmann::json out{{"session", s->title}, {"lang", lang}, {"cues", nlohmann::json::array()}};
            for (const auto& c : *cues) out["cues"].push_back(toJson(c));
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        for (const auto& c : *cues)
            std::printf("%s – %s  %s\n", formatTime(c.start).c_str(), formatTime(c.end).c_str(), c.text.c_str());
        return 0;
    }
    return fail("captions: unknown action '" + verb + "' (import, export, list)");
}

}  // namespace

std::vector<Command> markerCommands() {
    const Option to{"to", "FILE", "write to FILE instead of stdout"};
    const Option lang{"lang", "LANG", "the captions' language (default: the session's, else ja)"};
    return {
        {.name = "markers",
         .summary = "list, add, remove, import and export steps, knack points, safety warnings and tags",
         .positionals = {sessionArg()},
         .verbs = {{.name = "list", .summary = "the session's markers", .options = {jsonFlag()}},
                   {.name = "add",
                    .summary = "add one marker, checked against the others and the media",
                    .options = {{"kind", "KIND", "step, knack, safety or tag (default step)",
                                 checks::matching([](const std::string& k) { return bool(markerKindFrom(k)); },
                                                  "step, knack, safety or tag")},
                                {"in", "TIME", "where it starts", checks::time(), true},
                                {"out", "TIME", "where it ends (default: --in)", checks::time()},
                                {"title", "TEXT", "the step's name"},
                                {"note", "TEXT", "the knack, in the worker's words"},
                                {"warning", "TEXT", "a safety warning"},
                                {"tags", "A,B", "comma-separated tags"},
                                {"author", "NAME", "who wrote it"}}},
                   {.name = "remove",
                    .summary = "remove one marker",
                    .positionals = {{.name = "ID", .help = "the marker's id (see markers SESSION list)",
                                     .check = checks::wholeNumber()}}},
                   {.name = "set-angle",
                    .summary = "the camera a step's package clip is cut from",
                    .positionals = {{.name = "ID", .help = "the step's id (see markers SESSION list)",
                                     .check = checks::wholeNumber()},
                                    {.name = "ANGLE", .help = "main, or the role of another video asset of the session (handcam, overview)"}}},
                   {.name = "import",
                    .summary = "replace the markers with those in a file",
                    .positionals = {{.name = "FILE", .help = "FILE.json or FILE.csv"}},
                    .options = {{"append", "", "add to the markers instead of replacing them"}}},
                   {.name = "export",
                    .summary = "write the markers as JSON or CSV",
                    .options = {{"format", "FORMAT", "json or csv (default json)", checks::oneOf({"json", "csv"})},
                                {"encoding", "ENC", "CSV as utf-8 (with a BOM, for Excel; the default) or cp932 (old tools)",
                                 checks::oneOf({"utf-8", "cp932"})},
                                to}}},
         .run = runMarkers},
        {.name = "captions",
         .summary = "import, export and list captions (WebVTT, SRT) per language",
         .positionals = {sessionArg()},
         .verbs = {{.name = "import",
                    .summary = "replace a language's captions with those in a file",
                    .positionals = {{.name = "FILE", .help = "FILE.vtt or FILE.srt"}},
                    .options = {lang}},
                   {.name = "export",
                    .summary = "write a language's captions as WebVTT or SRT",
                    .options = {lang, {"format", "FORMAT", "vtt or srt (default vtt)", checks::oneOf({"vtt", "srt"})}, to}},
                   {.name = "list", .summary = "a language's captions", .options = {lang, jsonFlag()}}},
         .run = runCaptions},
    };
}

}  // namespace kotsu::cli
