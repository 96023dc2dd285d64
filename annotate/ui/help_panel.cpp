#include "annotate/ui/help_panel.hpp"

#include <string>

namespace kotsu::annotate::ui {

void drawHelpPanel(UiContext& ui) {
    if (!ui.showHelp) return;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.8f, ImGui::GetFontSize() * 44), vp->WorkSize.y * 0.8f),
                             ImGuiCond_Appearing);
    if (ImGui::Begin(ui.id("Key bindings", "help").c_str(), &ui.showHelp, ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextDisabled("%s", ui.t("Bindings come from assets/keymap.conf and ~/.config/kotsu/keymap.conf."));
        if (ImGui::BeginTable("##keys", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV)) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(ui.t("Command"));
            ImGui::TableSetupColumn(ui.t("Keys"));
            ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
            ImGui::TableHeadersRow();
            const char* group = "";
            for (const auto& c : ui.commands.all()) {
                if (std::string(group) != c.group) {
                    group = c.group;
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1, 1), "%s", ui.t(group));
                }
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ui.t(c.label));
                ImGui::TableNextColumn();
                std::string keys;
                for (const auto& k : ui.keymap.chordsFor(c.name)) keys += (keys.empty() ? "" : ",  ") + k;
                ImGui::TextUnformatted(keys.c_str());
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", c.name.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

}  // namespace kotsu::annotate::ui
