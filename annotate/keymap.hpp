#pragma once
// Key bindings as data (mpv's input.conf): each line of keymap.conf is "CHORD COMMAND [# comment]".
// A chord is modifiers and a key joined by '+': "Ctrl+Shift+z", "SPACE", "Shift+LEFT", "F1".
// A plain key before the last one is held down: "k+l" is L pressed while K is held (mpv-style shuttle).
// Letters are case-insensitive ("Z" means "Shift+z"). Binding a chord to "ignore" removes it.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace kotsu::annotate {

enum Modifier : unsigned { ModNone = 0, ModCtrl = 1, ModShift = 2, ModAlt = 4, ModMeta = 8 };

struct KeyChord {
    unsigned mods = ModNone;
    std::string held;  // a plain key held down, or empty
    std::string key;   // "a".."z", "0".."9", "SPACE", "LEFT", "F1", "[", ...

    // The canonical spelling: "Ctrl+Shift+z", "k+l".
    [[nodiscard]] std::string toString() const;
    friend bool operator<(const KeyChord& a, const KeyChord& b) { return a.toString() < b.toString(); }
    friend bool operator==(const KeyChord& a, const KeyChord& b) = default;
};

[[nodiscard]] Result<KeyChord> parseChord(std::string_view text);

struct Binding {
    KeyChord chord;
    std::string command;
};

class Keymap {
public:
    // Adds (or replaces) the bindings in `text`; errors name the source and line.
    [[nodiscard]] Status load(std::string_view text, const std::string& source);
    [[nodiscard]] Status loadFile(const std::string& path);

    // The command for a key press; `held` lists plain keys already down. Chords with a held key win.
    [[nodiscard]] std::optional<std::string> lookup(unsigned mods, const std::string& key,
                                                    const std::vector<std::string>& held = {}) const;
    // Every chord bound to a command, for menus ("Ctrl+z") and the F1 help.
    [[nodiscard]] std::vector<std::string> chordsFor(const std::string& command) const;
    [[nodiscard]] std::vector<Binding> bindings() const;

private:
    std::map<std::string, Binding> byChord_;  // canonical chord → binding
};

}  // namespace kotsu::annotate
