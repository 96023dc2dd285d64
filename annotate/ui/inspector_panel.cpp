#include "annotate/ui/inspector_panel.hpp"

#include <imgui_stdlib.h>

#include "annotate/ui/trainee_stats.hpp"
#include "annotate/ui/viewer_panel.hpp"

namespace kotsu::annotate::ui {

namespace {

std::string joinTags(const std::vector<std::string>& tags) {
    std::string s;
    for (const auto& t : tags) s += (s.empty() ? "" : ", ") + t;
    return s;
}

// Commas, ideographic commas (、) and full-width commas (，) separate tags.
std::vector<std::string> splitTags(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        size_t a = cur.find_first_not_of(" \t"), b = cur.find_last_not_of(" \t");
        if (a != std::string::npos) out.push_back(cur.substr(a, b - a + 1));
        cur.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',') {
            flush();
        } else if (s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0) {
            flush();
            i += 2;
        } else {
            cur += s[i];
        }
    }
    flush();
    return out;
}

}  // namespace

void InspectorPanel::load(const Marker& m) {
    id_ = m.id;
    title_ = m.title;
    note_ = m.note;
    warning_ = m.warning;
    tags_ = joinTags(m.tags);
}

void InspectorPanel::draw(Workspace& ws, UiContext& ui) {
    const EditorState& s = ws.state();
    const Marker* m = s.marker(s.selectedMarker);
    if (!m) {
        id_ = 0;
        ImGui::TextWrapped("%s", ui.t("Nothing selected. Click a marker on the timeline, or press M to add one at the playhead."));
        return;
    }
    // Reload the buffers when the selection changes, or the marker changed underneath (undo) while
    // no field is being edited.
    if (m->id != id_ || (ws.stack().revision() != revision_ && !ImGui::IsAnyItemActive())) load(*m);
    revision_ = ws.stack().revision();

    Marker after = *m;
    bool commit = false;
    ImGui::PushStyleColor(ImGuiCol_Text, kindColor(static_cast<int>(m->kind)));
    if (m->kind == MarkerKind::Step) ImGui::Text("%s %d", ui.t("step"), s.stepNumber(m->id));
    else ImGui::TextUnformatted(ui.t(toString(m->kind)));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("  %s %s  %s %s  %s %s s", ui.t("In"), timecode(m->in, s.grid).c_str(), ui.t("Out"),
                        timecode(m->out, s.grid).c_str(), ui.t("Length"), formatSeconds(m->out - m->in).c_str());
    if (m->kind == MarkerKind::Step) drawTraineeStats(ws, m->id, ui);

    const char* kinds[] = {"step", "knack", "safety", "tag"};
    int kind = static_cast<int>(m->kind);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::BeginCombo(ui.t("Kind"), ui.t(kinds[kind]))) {
        for (int k = 0; k < 4; ++k)
            if (ImGui::Selectable(ui.t(kinds[k]), k == kind) && k != kind) {
                after.kind = static_cast<MarkerKind>(k);
                if (after.kind != MarkerKind::Step) after.angle.clear();  // only steps choose an angle
                if (after.kind == MarkerKind::Step && after.title.empty()) after.title = title_.empty() ? "Step" : title_;
                commit = true;
            }
        ImGui::EndCombo();
    }
    // A step's package clip: from the main camera or another angle of the session.
    if (m->kind == MarkerKind::Step && ws.angles().size() > 1) {
        const std::string current = m->angle.empty() ? "main" : m->angle;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::BeginCombo(ui.t("Package clip from"), ui.t(current.c_str()))) {
            for (const auto& a : ws.angles())
                if (ImGui::Selectable(ui.t(a.name.c_str()), a.name == current) && a.name != current)
                    ws.post(setMarkerAngle(s, m->id, a.name));
            ImGui::EndCombo();
        }
    }
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::TextUnformatted(ui.t("Title"));
    ImGui::SetNextItemWidth(w);
    if (focusTitle_) {
        ImGui::SetKeyboardFocusHere();
        focusTitle_ = false;
    }
    ImGui::InputText("##title", &title_);
    commit |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::TextUnformatted(ui.t("Note (what to notice: sound, feel, visual cue, timing)"));
    const float line = ImGui::GetTextLineHeight();
    ImGui::InputTextMultiline("##note", &note_, ImVec2(w, line * 4.5f));
    commit |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::TextUnformatted(ui.t("Warning"));
    ImGui::InputTextMultiline("##warning", &warning_, ImVec2(w, line * 2.5f));
    commit |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::TextUnformatted(ui.t("Tags (comma separated)"));
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##tags", &tags_);
    commit |= ImGui::IsItemDeactivatedAfterEdit();

    if (commit) {
        after.title = title_;
        after.note = note_;
        after.warning = warning_;
        after.tags = splitTags(tags_);
        if (after.title != m->title || after.note != m->note || after.warning != m->warning || after.tags != m->tags ||
            after.kind != m->kind)
            ws.post(editMarker(s, after));
    }
    ImGui::Spacing();
    ui.commandButton("nudge-in-left", "[<");
    ImGui::SameLine();
    ui.commandButton("nudge-in-right", "[>");
    ImGui::SameLine();
    ui.commandButton("nudge-left", "<");
    ImGui::SameLine();
    ui.commandButton("nudge-right", ">");
    ImGui::SameLine();
    ui.commandButton("nudge-out-left", "<]");
    ImGui::SameLine();
    ui.commandButton("nudge-out-right", ">]");
    ImGui::SameLine();
    ui.commandButton("delete-selected", ui.t("Delete"));
}

}  // namespace kotsu::annotate::ui
