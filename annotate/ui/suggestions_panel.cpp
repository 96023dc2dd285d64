#include "annotate/ui/suggestions_panel.hpp"

#include "annotate/ui/viewer_panel.hpp"

namespace kotsu::annotate::ui {

void SuggestionsPanel::draw(Workspace& ws, UiContext& ui) {
    EditorState& s = ws.state();
    if (s.suggestions.empty()) {
        ImGui::TextWrapped("%s", ui.t("No suggestions for this session. Run `kotsu suggest SESSION` to propose step boundaries."));
        return;
    }
    ui.commandButton("previous-suggestion", "<");
    ImGui::SameLine();
    ui.commandButton("next-suggestion", ">");
    ImGui::SameLine();
    ui.commandButton("accept-suggestion", ui.t("Accept"));
    ImGui::SameLine();
    ui.commandButton("dismiss-suggestion", ui.t("Dismiss"));
    ImGui::SameLine();
    ImGui::TextDisabled("%d %s", s.openSuggestions(), ui.t("open"));
    if (ImGui::BeginTable("##sugg", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ui.t("Time"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
        ImGui::TableSetupColumn(ui.t("Reason"));
        ImGui::TableSetupColumn(ui.t("Score"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
        ImGui::TableSetupColumn(ui.t("State"));
        ImGui::TableHeadersRow();
        for (const auto& sg : s.suggestions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string label = timecode(sg.time, s.grid) + "##sg" + std::to_string(sg.id);
            if (ImGui::Selectable(label.c_str(), s.selectedSuggestion == sg.id, ImGuiSelectableFlags_SpanAllColumns)) {
                s.selectedSuggestion = sg.id;
                ws.seek(sg.time);
            }
            if (s.selectedSuggestion == sg.id && lastSelected_ != sg.id) ImGui::SetScrollHereY(0.4f);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ui.t(sg.reason.c_str()));
            ImGui::TableNextColumn();
            ImGui::Text("%.2f", sg.score);
            ImGui::TableNextColumn();
            ImGui::TextColored(sg.state == "open" ? ImVec4(1, 0.82f, 0.25f, 1)
                               : sg.state == "accepted" ? ImVec4(0.4f, 0.85f, 0.4f, 1) : ImVec4(0.5f, 0.5f, 0.5f, 1),
                               "%s", ui.t(sg.state.c_str()));
        }
        ImGui::EndTable();
    }
    lastSelected_ = s.selectedSuggestion;
}

}  // namespace kotsu::annotate::ui
