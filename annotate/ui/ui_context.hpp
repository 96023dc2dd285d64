#pragma once
// What every panel needs besides the workspace: the language, the command table, key bindings,
// which windows are open, and the two font sizes.
#include <imgui.h>

#include <string>

#include "annotate/keymap.hpp"
#include "annotate/ui/command_table.hpp"
#include "annotate/ui/i18n.hpp"

namespace kotsu::annotate::ui {

// The colour every frame starts from (glClear). What would be painted in it is not drawn: with a
// software renderer each full-size layer costs milliseconds of blending.
inline constexpr unsigned char kCanvasRgb[3] = {26, 27, 31};

struct UiContext {
    Lang lang = Lang::Ja;
    CommandTable commands;
    Keymap keymap;
    bool showHelp = false;
    bool showPicker = false;
    bool showPackage = false;
    bool showStory = false;
    bool quit = false;
    ImFont* bigFont = nullptr;   // the viewer's timecode

    [[nodiscard]] const char* t(const char* english) const { return tr(lang, english); }
    // "Label###id": a window or widget whose label changes with the language keeps its id.
    [[nodiscard]] std::string id(const char* english, const char* id) const {
        return std::string(t(english)) + "###" + id;
    }
    // The first key bound to a command, for menus and tooltips ("" when none).
    [[nodiscard]] std::string shortcut(const std::string& command) const {
        auto c = keymap.chordsFor(command);
        return c.empty() ? std::string() : c.front();
    }
    // A button that runs a command from the table (disabled when the command is).
    bool commandButton(const char* command, const char* label = nullptr);
};

// Colours of the marker kinds, shared by the timeline and the inspector.
[[nodiscard]] ImU32 kindColor(int kind, float alpha = 1.0f);

}  // namespace kotsu::annotate::ui
