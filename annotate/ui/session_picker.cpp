#include "annotate/ui/session_picker.hpp"

namespace kotsu::annotate::ui {

void SessionPicker::refresh(const Library& lib) {
    sessions_.clear();
    error_.clear();
    auto cat = lib.openCatalog();
    if (!cat) {
        error_ = cat.error().what();
        return;
    }
    auto ss = cat->sessions();
    if (!ss) error_ = ss.error().what();
    else sessions_ = std::move(*ss);
}

std::optional<Id> SessionPicker::draw(UiContext& ui, bool modal) {
    std::optional<Id> chosen;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, ImGui::GetFontSize() * 48), vp->WorkSize.y * 0.6f),
                             ImGuiCond_Always);
    bool open = true;
    if (ImGui::Begin(ui.id("Sessions", "picker").c_str(), modal ? nullptr : &open,
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
        if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", error_.c_str());
        if (sessions_.empty() && error_.empty()) ImGui::TextWrapped("%s", ui.t("No sessions in this library yet: `kotsu ingest` some footage first."));
        const float buttonH = ImGui::GetFrameHeightWithSpacing() + 4;
        if (!sessions_.empty() &&
            ImGui::BeginTable("##sessions", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                              ImVec2(0, ImGui::GetContentRegionAvail().y - buttonH))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(ui.t("Title"));
            ImGui::TableSetupColumn(ui.t("Worker"));
            ImGui::TableSetupColumn(ui.t("Task"));
            ImGui::TableSetupColumn(ui.t("Recorded"));
            ImGui::TableHeadersRow();
            for (const auto& s : sessions_) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string label = s.title + "##s" + std::to_string(s.id);
                if (ImGui::Selectable(label.c_str(), selected_ == s.id,
                                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                    selected_ = s.id;
                    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosen = s.id;
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.worker.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.task.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted((s.recordedAt.empty() ? s.createdAt : s.recordedAt).substr(0, 10).c_str());
            }
            ImGui::EndTable();
        }
        if (!selected_) ImGui::BeginDisabled();
        if (ImGui::Button(ui.t("Open"), ImVec2(ImGui::GetFontSize() * 8, 0))) chosen = selected_;
        if (!selected_) ImGui::EndDisabled();
    }
    ImGui::End();
    if (!open) ui.showPicker = false;
    return chosen;
}

}  // namespace kotsu::annotate::ui
