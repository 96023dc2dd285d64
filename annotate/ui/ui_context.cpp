#include "annotate/ui/ui_context.hpp"

namespace kotsu::annotate::ui {

bool UiContext::commandButton(const char* command, const char* label) {
    const CommandInfo* c = commands.find(command);
    if (!c) return false;
    const bool on = commands.enabled(command);
    if (!on) ImGui::BeginDisabled();
    std::string text = std::string(label ? label : t(c->label)) + "##" + command;
    bool pressed = ImGui::Button(text.c_str());
    if (!on) ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        std::string sc = shortcut(command);
        ImGui::SetTooltip("%s%s%s", t(c->label), sc.empty() ? "" : "  ", sc.c_str());
    }
    if (pressed) commands.invoke(command);
    return pressed;
}

ImU32 kindColor(int kind, float alpha) {
    const int a = static_cast<int>(alpha * 255);
    switch (kind) {
    case 0: return IM_COL32(66, 135, 245, a);   // step: blue
    case 1: return IM_COL32(245, 166, 35, a);   // knack: amber
    case 2: return IM_COL32(230, 60, 60, a);    // safety: red
    default: return IM_COL32(140, 200, 120, a); // tag: green
    }
}

}  // namespace kotsu::annotate::ui
