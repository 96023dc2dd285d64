#include "annotate/keymap.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace kotsu::annotate {

namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::optional<unsigned> modifierOf(const std::string& tok) {
    std::string u = upper(tok);
    if (u == "CTRL" || u == "CONTROL") return ModCtrl;
    if (u == "SHIFT") return ModShift;
    if (u == "ALT") return ModAlt;
    if (u == "META" || u == "SUPER" || u == "CMD") return ModMeta;
    return std::nullopt;
}

// Single characters stay as they are (letters lowercased); names are upper case.
std::string normalizeKey(const std::string& tok, unsigned* mods) {
    if (tok.size() == 1) {
        unsigned char c = static_cast<unsigned char>(tok[0]);
        if (std::isupper(c)) {
            *mods |= ModShift;
            return std::string(1, static_cast<char>(std::tolower(c)));
        }
        return tok;
    }
    std::string u = upper(tok);
    if (u == "ESCAPE") return "ESC";
    if (u == "RETURN") return "ENTER";
    if (u == "BACKSPACE") return "BS";
    if (u == "DELETE") return "DEL";
    if (u == "PAGEUP") return "PGUP";
    if (u == "PAGEDOWN") return "PGDWN";
    if (u == "PLUS") return "+";
    return u;
}

}  // namespace

std::string KeyChord::toString() const {
    std::string s;
    if (mods & ModCtrl) s += "Ctrl+";
    if (mods & ModAlt) s += "Alt+";
    if (mods & ModShift) s += "Shift+";
    if (mods & ModMeta) s += "Meta+";
    if (!held.empty()) s += held + "+";
    return s + key;
}

Result<KeyChord> parseChord(std::string_view text) {
    std::vector<std::string> toks;
    std::string cur;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        // A '+' right after a separator (or at the start) is the key itself: "Ctrl++".
        if (c == '+' && !cur.empty()) {
            toks.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) toks.push_back(cur);
    if (toks.empty()) return Error::make(std::string(text), "empty key chord");
    KeyChord k;
    std::vector<std::string> plain;
    for (size_t i = 0; i < toks.size(); ++i) {
        if (i + 1 < toks.size()) {
            if (auto m = modifierOf(toks[i])) {
                k.mods |= *m;
                continue;
            }
        }
        plain.push_back(normalizeKey(toks[i], &k.mods));
    }
    if (plain.size() > 2) return Error::make(std::string(text), "at most one held key and one pressed key");
    k.key = plain.back();
    if (plain.size() == 2) k.held = plain.front();
    return k;
}

Status Keymap::load(std::string_view text, const std::string& source) {
    std::istringstream in{std::string(text)};
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (auto hash = line.find(" #"); hash != std::string::npos) line.resize(hash);
        std::istringstream words(line);
        std::string chordText, command;
        if (!(words >> chordText) || chordText[0] == '#') continue;
        if (!(words >> command))
            return Error::make(source + ":" + std::to_string(n), "no command for '" + chordText + "'");
        auto chord = parseChord(chordText);
        if (!chord) return Error::make(source + ":" + std::to_string(n), chord.error().message);
        std::string key = chord->toString();
        if (command == "ignore") byChord_.erase(key);
        else byChord_[key] = Binding{*chord, command};
    }
    return {};
}

Status Keymap::loadFile(const std::string& path) {
    std::ifstream f(path);
    if (!f) return Error::make(path, "cannot read the key bindings");
    std::stringstream ss;
    ss << f.rdbuf();
    return load(ss.str(), path);
}

std::optional<std::string> Keymap::lookup(unsigned mods, const std::string& key,
                                          const std::vector<std::string>& held) const {
    KeyChord k{mods, "", key};
    for (const auto& h : held) {
        if (h == key) continue;
        k.held = h;
        if (auto it = byChord_.find(k.toString()); it != byChord_.end()) return it->second.command;
    }
    k.held.clear();
    if (auto it = byChord_.find(k.toString()); it != byChord_.end()) return it->second.command;
    return std::nullopt;
}

std::vector<std::string> Keymap::chordsFor(const std::string& command) const {
    std::vector<std::string> out;
    for (const auto& [chord, b] : byChord_)
        if (b.command == command) out.push_back(chord);
    // The shortest spelling first: menus show one.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    return out;
}

std::vector<Binding> Keymap::bindings() const {
    std::vector<Binding> out;
    for (const auto& [chord, b] : byChord_) out.push_back(b);
    return out;
}

}  // namespace kotsu::annotate
