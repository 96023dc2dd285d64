#include "core/marker_io.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "core/json_io.hpp"
#include "core/text.hpp"

namespace kotsu {

using nlohmann::json;

namespace {

// A time field: "HH:MM:SS.mmm" / "12.5" strings, or a number of seconds.
std::optional<Micros> timeField(const json& v) {
    if (v.is_string()) return parseTime(v.get<std::string>());
    if (v.is_number()) return microsFromSeconds(v.get<double>());  // NaN, 1e300, -1 → refused
    return std::nullopt;
}

const char* kColumns[] = {"kind", "in", "out", "title", "note", "warning", "tags"};

// RFC 4180: quoted fields may hold commas, quotes ("") and newlines. Excel's "Unicode text" is the same
// with tabs between the fields.
Result<std::vector<std::vector<std::string>>> parseCsvRows(std::string_view text, const std::string& fileName,
                                                           char delimiter = ',') {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    size_t line = 1, quoteLine = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == delimiter) {
            row.push_back(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field);
            field.clear();
            fieldStarted = false;
            if (!(row.size() == 1 && row[0].empty())) rows.push_back(row);
            row.clear();
            ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) return Error::make(fileName, "line " + std::to_string(quoteLine) + ": unterminated quoted field");
    if (fieldStarted || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

std::string csvQuoted(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Excel runs a cell that starts with = + - @ as a formula: such cells (and cells that already start with
// an apostrophe before one of those, so that import can undo exactly one) get a leading '.
bool formulaLike(std::string_view s) {
    if (s.empty()) return false;
    if (s[0] == '\'') return s.size() > 1 && formulaLike(s.substr(1));
    return std::string_view("=+-@").find(s[0]) != std::string_view::npos;
}

std::string csvField(const std::string& s) { return csvQuoted(formulaLike(s) ? "'" + s : s); }

std::string fromCsvField(std::string s) {
    if (s.size() > 1 && s[0] == '\'' && formulaLike(std::string_view(s).substr(1))) s.erase(0, 1);
    return s;
}

// The tags cell is itself a CSV line, so that a tag holding a comma is quoted and comes back whole.
std::string tagsCell(const std::vector<std::string>& tags) {
    std::string cell;
    for (size_t i = 0; i < tags.size(); ++i) cell += (i ? "," : "") + csvQuoted(tags[i]);
    return cell;
}

std::vector<std::string> tagsFromCell(const std::string& cell, const std::string& fileName) {
    auto rows = parseCsvRows(cell, fileName);
    std::vector<std::string> tags;
    // A cell that is not CSV (a stray quote) is split on commas; either way a tag is one line (fuzzing
    // found a tag with a line break from that fallback, which the writer's quoting then split in two).
    const auto cells = rows ? *rows : std::vector<std::vector<std::string>>{splitList(cell)};
    for (const auto& row : cells)
        for (const auto& t : row)
            for (auto& one : splitList(t, '\n')) tags.push_back(one);
    return tags;
}

}  // namespace

Result<std::vector<Marker>> parseMarkersJson(std::string_view text, const std::string& fileName) {
    auto parsed = parseJson(text, fileName);
    if (!parsed) return parsed.error();
    json doc = std::move(parsed).value();
    const json* list = nullptr;
    if (doc.is_object() && doc.contains("markers")) list = &doc["markers"];
    else if (doc.is_array()) list = &doc;
    if (!list || !list->is_array()) return Error::make(fileName, "expected {\"markers\": [ … ]}");
    std::vector<Marker> out;
    for (size_t i = 0; i < list->size(); ++i) {
        const json& e = (*list)[i];
        std::string where = "markers[" + std::to_string(i) + "]";
        if (!e.is_object()) return Error::make(fileName, where + ": expected an object");
        Marker m;
        for (const char* field : {"kind", "title", "note", "warning", "author", "angle"})
            if (e.contains(field) && !e[field].is_string())
                return Error::make(fileName, where + ": \"" + field + "\" is " + jsonKind(e[field]) + ", expected a string");
        auto kindText = e.value("kind", std::string("step"));
        auto kind = markerKindFrom(kindText);
        if (!kind) return Error::make(fileName, where + ": unknown kind '" + kindText + "' (step, knack, safety, tag)");
        m.kind = *kind;
        auto fieldTime = [&](const char* a, const char* b) -> std::optional<Micros> {
            // Integer microseconds are exact; the readable form is the fallback.
            // A present but out-of-range "in_us" is refused, not silently replaced by "in".
            if (e.contains(b)) {
                const json& us = e[b];
                if (us.is_number_unsigned()) {
                    auto v = us.get<std::uint64_t>();
                    if (v <= static_cast<std::uint64_t>(kMaxTime)) return static_cast<Micros>(v);
                    return std::nullopt;
                }
                if (us.is_number_integer()) {
                    auto v = us.get<std::int64_t>();
                    if (timeInRange(v)) return v;
                    return std::nullopt;
                }
                if (!e.contains(a)) return std::nullopt;
            }
            if (e.contains(a)) return timeField(e[a]);
            return std::nullopt;
        };
        const std::string range = " (a time from 0 to " + formatTime(kMaxTime) + ")";
        auto in = fieldTime("in", "in_us");
        if (!in) return Error::make(fileName, where + ": missing or broken \"in\" time" + range);
        auto outT = (e.contains("out") || e.contains("out_us")) ? fieldTime("out", "out_us") : in;
        if (!outT) return Error::make(fileName, where + ": broken \"out\" time" + range);
        m.in = *in;
        m.out = *outT;
        try {
            m.title = e.value("title", std::string());
            m.note = e.value("note", std::string());
            m.warning = e.value("warning", std::string());
            m.author = e.value("author", std::string());
            m.angle = e.value("angle", std::string());
            if (m.angle == "main") m.angle.clear();
            if (e.contains("tags")) {
                if (e["tags"].is_array()) m.tags = e["tags"].get<std::vector<std::string>>();
                else if (e["tags"].is_string()) m.tags = splitList(e["tags"].get<std::string>());
                else return Error::make(fileName, where + ": \"tags\" must be a list of strings");
            }
        } catch (const json::exception& ex) {
            return Error::make(fileName, where + ": " + ex.what());
        }
        out.push_back(std::move(m));
    }
    return out;
}

Result<std::vector<Marker>> parseMarkersCsv(std::string_view text, const std::string& fileName) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto firstLine = text.substr(0, text.find('\n'));
    const char delimiter =
        firstLine.find(',') == std::string_view::npos && firstLine.find('\t') != std::string_view::npos ? '\t' : ',';
    auto rows = parseCsvRows(text, fileName, delimiter);
    if (!rows) return rows.error();
    if (rows->empty()) return Error::make(fileName, "empty CSV (expected a header: kind,in,out,title,note,warning,tags)");
    const auto& header = (*rows)[0];
    int col[7];
    for (int k = 0; k < 7; ++k) {
        col[k] = -1;
        for (size_t h = 0; h < header.size(); ++h)
            if (header[h] == kColumns[k]) col[k] = static_cast<int>(h);
    }
    if (col[0] < 0 || col[1] < 0)
        return Error::make(fileName, "line 1: the header needs at least the columns kind,in (and out,title,note,warning,tags)");
    std::vector<Marker> out;
    for (size_t r = 1; r < rows->size(); ++r) {
        const auto& row = (*rows)[r];
        auto get = [&](int k) -> std::string {
            return col[k] >= 0 && static_cast<size_t>(col[k]) < row.size() ? row[col[k]] : std::string();
        };
        std::string where = "row " + std::to_string(r + 1);
        Marker m;
        auto kind = markerKindFrom(get(0));
        if (!kind) return Error::make(fileName, where + ": unknown kind '" + get(0) + "'");
        m.kind = *kind;
        auto in = parseTime(get(1));
        if (!in) return Error::make(fileName, where + ": broken in time '" + get(1) + "'");
        auto outText = get(2);
        auto outT = outText.empty() ? in : parseTime(outText);
        if (!outT) return Error::make(fileName, where + ": broken out time '" + outText + "'");
        m.in = *in;
        m.out = *outT;
        m.title = fromCsvField(get(3));
        m.note = fromCsvField(get(4));
        m.warning = fromCsvField(get(5));
        m.tags = tagsFromCell(fromCsvField(get(6)), fileName);
        out.push_back(std::move(m));
    }
    return out;
}

std::string writeMarkersJson(const std::vector<Marker>& markers) {
    json list = json::array();
    for (const auto& m : markers) {
        json j{{"kind", toString(m.kind)}, {"in", formatTime(m.in)},  {"out", formatTime(m.out)},
               {"in_us", m.in},            {"out_us", m.out},          {"title", m.title},
               {"note", m.note},           {"warning", m.warning},     {"tags", m.tags}};
        if (m.id) j["id"] = m.id;
        if (!m.angle.empty()) j["angle"] = m.angle;
        list.push_back(j);
    }
    return json{{"markers", list}}.dump(2) + "\n";
}

Result<std::string> writeMarkersCsv(const std::vector<Marker>& markers, TextEncoding encoding) {
    std::string out = "kind,in,out,title,note,warning,tags\n";
    for (const auto& m : markers) {
        // Microsecond-exact seconds so that export → import gives the same markers.
        out += std::string(toString(m.kind)) + "," + formatSeconds(m.in) + "," + formatSeconds(m.out) + "," +
               csvField(m.title) + "," + csvField(m.note) + "," + csvField(m.warning) + "," +
               csvField(tagsCell(m.tags)) + "\n";
    }
    if (encoding == TextEncoding::Utf8) return out;
    if (encoding == TextEncoding::Utf8Bom) return "\xEF\xBB\xBF" + out;
    if (encoding != TextEncoding::Cp932) return Error::make("markers", "CSV is written as UTF-8 or CP932");
    for (const auto& m : markers) {
        // Checked per marker so that the error names the one with the character CP932 lacks.
        const auto what = "marker " + (m.id ? std::to_string(m.id) + " " : std::string()) + "'" + m.title + "'";
        for (const auto* text : {&m.title, &m.note, &m.warning})
            if (auto r = encodeCp932(*text, what); !r) return r.error();
        for (const auto& t : m.tags)
            if (auto r = encodeCp932(t, what); !r) return r.error();
    }
    return encodeCp932(out, "markers");
}

Result<MarkersFile> readMarkersFile(const std::filesystem::path& file) {
    auto bytes = readFile(file);
    if (!bytes) return bytes.error();
    auto ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool csv = ext == ".csv";
    auto text = decodeText(*bytes, file.string(),
                           csv ? "in Excel, save as \"CSV UTF-8\"" : "save the file as UTF-8");
    if (!text) return text.error();
    auto parsed = csv ? parseMarkersCsv(text->text, file.string()) : parseMarkersJson(text->text, file.string());
    if (!parsed) return parsed.error();
    return MarkersFile{std::move(*parsed), text->encoding};
}

}  // namespace kotsu
