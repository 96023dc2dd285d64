#include "annotate/ui/command_table.hpp"

namespace kotsu::annotate::ui {

const CommandInfo* CommandTable::find(const std::string& name) const {
    for (const auto& c : commands_)
        if (c.name == name) return &c;
    return nullptr;
}

bool CommandTable::enabled(const std::string& name) const {
    const CommandInfo* c = find(name);
    return c && (!c->enabled || c->enabled());
}

bool CommandTable::invoke(const std::string& name) {
    const CommandInfo* c = find(name);
    if (!c || (c->enabled && !c->enabled())) return false;
    log_.push_back(name);
    c->run();
    return true;
}

}  // namespace kotsu::annotate::ui
