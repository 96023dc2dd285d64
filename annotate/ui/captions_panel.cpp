#include "annotate/ui/captions_panel.hpp"

#include <imgui_stdlib.h>

#include <fstream>

#include "annotate/ui/viewer_panel.hpp"
#include "core/captions_io.hpp"
#include "core/files.hpp"

namespace kotsu::annotate::ui {

Status CaptionsPanel::importFile(Workspace& ws, const std::string& path) {
    auto file = readCaptionsFile(path);
    if (!file) return file.error();
    ws.post(replaceCues(ws.state(), file->cues));
    return {};
}

Status CaptionsPanel::exportFile(Workspace& ws, const std::string& path) {
    const bool srt = path.size() >= 4 && path.compare(path.size() - 4, 4, ".srt") == 0;
    std::string text = writeCaptions(ws.state().cues, srt ? CaptionFormat::Srt : CaptionFormat::Vtt);
    std::ofstream f(path, std::ios::binary);
    if (!f || !(f << text) || !f.flush()) return Error::make(path, "cannot write");
    return {};
}

void CaptionsPanel::openImport(Workspace& ws) {
    dialog_ = Dialog::Import;
    if (path_.empty()) path_ = (ws.library().root / "captions.vtt").string();
    openPopup_ = true;
}

void CaptionsPanel::openExport(Workspace& ws) {
    dialog_ = Dialog::Export;
    // The title is the user's: a safe file name, never a path ("../media" stays in the library folder).
    path_ = (ws.library().root / (folderNameFor(ws.state().session.title) + "." + ws.state().captionLang + ".vtt")).string();
    openPopup_ = true;
}

void CaptionsPanel::draw(Workspace& ws, UiContext& ui) {
    EditorState& s = ws.state();
    ui.commandButton("add-cue", ui.t("Add"));
    ImGui::SameLine();
    ui.commandButton("set-cue-end", ui.t("Set end"));
    ImGui::SameLine();
    ui.commandButton("split-cue", ui.t("Split"));
    ImGui::SameLine();
    ui.commandButton("merge-cue", ui.t("Merge"));
    ImGui::SameLine();
    if (ImGui::Button((std::string(ui.t("Delete")) + "##cue").c_str()) && s.selectedCue) ws.post(removeCue(s, s.selectedCue));
    ImGui::SameLine();
    ui.commandButton("import-captions", ui.t("Import"));
    ImGui::SameLine();
    ui.commandButton("export-captions", ui.t("Export"));
    ImGui::SameLine();
    ImGui::TextDisabled("%s: %s", ui.t("Language"), s.captionLang.c_str());

    const Cue* current = s.cueAt(s.playhead);
    // The selected cue's text (multi-line; Japanese through the IME).
    if (const Cue* sel = s.cue(s.selectedCue)) {
        if (sel->id != editing_ || (ws.stack().revision() != revision_ && !ImGui::IsAnyItemActive())) {
            editing_ = sel->id;
            text_ = sel->text;
        }
        revision_ = ws.stack().revision();
        ImGui::InputTextMultiline("##cuetext", &text_, ImVec2(-1, ImGui::GetTextLineHeight() * 3.2f));
        if (ImGui::IsItemDeactivatedAfterEdit() && text_ != sel->text) ws.post(editCueText(s, sel->id, text_));
    } else {
        editing_ = 0;
    }

    if (ImGui::BeginTable("##cues", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV,
                          ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(ui.t("Start"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
        ImGui::TableSetupColumn(ui.t("End"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
        ImGui::TableSetupColumn(ui.t("Text"));
        ImGui::TableHeadersRow();
        for (const auto& c : s.cues) {
            ImGui::TableNextRow();
            const bool isCurrent = current && current->id == c.id;
            if (isCurrent) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(70, 90, 140, 255));
            ImGui::TableNextColumn();
            std::string label = timecode(c.start, s.grid) + "##cue" + std::to_string(c.id);
            if (ImGui::Selectable(label.c_str(), s.selectedCue == c.id, ImGuiSelectableFlags_SpanAllColumns)) {
                s.selectedCue = c.id;
                ws.seek(c.start);
            }
            if (isCurrent && lastCurrent_ != c.id) ImGui::SetScrollHereY(0.3f);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(timecode(c.end, s.grid).c_str());
            ImGui::TableNextColumn();
            std::string first = c.text.substr(0, c.text.find('\n'));
            if (first.size() < c.text.size()) first += " …";
            ImGui::TextUnformatted(first.c_str());
        }
        ImGui::EndTable();
    }
    lastCurrent_ = current ? current->id : 0;

    if (openPopup_) {
        ImGui::OpenPopup("##captionfile");
        openPopup_ = false;
    }
    if (ImGui::BeginPopupModal("##captionfile", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(ui.t(dialog_ == Dialog::Import ? "Import captions…" : "Export captions…"));
        ImGui::TextDisabled("WebVTT (.vtt) / SRT (.srt)");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        ImGui::InputText(ui.t("File path"), &path_);
        if (ImGui::Button(ui.t("OK"))) {
            Status r = dialog_ == Dialog::Import ? importFile(ws, path_) : exportFile(ws, path_);
            ws.setStatus(r ? (dialog_ == Dialog::Import ? "imported " : "exported ") + path_ : r.error().what());
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(ui.t("Cancel"))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace kotsu::annotate::ui
