#include "player/package/roster.hpp"

#include <set>
#include <sstream>

#include "core/files.hpp"
#include "core/text_encoding.hpp"

namespace kotsu::package {

namespace {

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    s = s.substr(i);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

}  // namespace

Status checkTraineeId(const std::string& id, const std::string& where) {
    if (id.empty() || id.size() > 128) return Error::make(where, "a trainee id must be 1 to 128 bytes");
    for (unsigned char c : id)
        if (c < 0x20 || c == 0x7f || c == '"' || c == ',') return Error::make(where, "trainee id '" + id + "' has a control character, a quote or a comma");
    return requireUtf8(id, where + ": the trainee id");
}

Result<std::vector<Trainee>> readRoster(const std::filesystem::path& csv) {
    auto text = readFile(csv);
    if (!text) return text.error();
    if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);
    KOTSU_TRY(requireUtf8(*text, csv.string() + " (the roster must be UTF-8)"));
    std::vector<Trainee> out;
    std::set<std::string> seen;
    std::istringstream in(*text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        auto t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        auto comma = line.find(',');
        Trainee tr{trim(line.substr(0, comma)), comma == std::string::npos ? "" : trim(line.substr(comma + 1))};
        if (out.empty() && seen.empty() && (tr.id == "id" || tr.id == "ID") ) { seen.insert("\x01header"); continue; }
        const std::string where = csv.string() + ":" + std::to_string(n);
        KOTSU_TRY(checkTraineeId(tr.id, where));
        if (!seen.insert(tr.id).second) return Error::make(where, "trainee '" + tr.id + "' is listed twice");
        out.push_back(std::move(tr));
    }
    if (out.empty()) return Error::make(csv.string(), "lists no trainees (one \"id,name\" per line)");
    return out;
}

}  // namespace kotsu::package
