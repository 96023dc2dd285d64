#pragma once
// One table of editor commands, shared by key bindings (keymap.conf names), menus and buttons:
// each is a name, a label and what it does. Every invocation is logged, which is what the headless
// UI tests assert on.
#include <functional>
#include <string>
#include <vector>

#include "annotate/ui/i18n.hpp"

namespace kotsu::annotate::ui {

struct CommandInfo {
    std::string name;          // "add-marker": the name keymap.conf binds
    const char* label = "";    // English; translated with tr()
    const char* group = "";    // the menu it sits in
    std::function<void()> run;
    std::function<bool()> enabled;  // empty: always
};

class CommandTable {
public:
    void add(CommandInfo info) { commands_.push_back(std::move(info)); }
    // Runs the command when it exists and is enabled; false otherwise.
    bool invoke(const std::string& name);
    [[nodiscard]] const CommandInfo* find(const std::string& name) const;
    [[nodiscard]] bool enabled(const std::string& name) const;
    [[nodiscard]] const std::vector<CommandInfo>& all() const { return commands_; }
    [[nodiscard]] const std::vector<std::string>& log() const { return log_; }

private:
    std::vector<CommandInfo> commands_;
    std::vector<std::string> log_;
};

}  // namespace kotsu::annotate::ui
