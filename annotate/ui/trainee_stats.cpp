#include "annotate/ui/trainee_stats.hpp"

#include <cstdio>

namespace kotsu::annotate::ui {

namespace {

constexpr ImU32 kStruggle = IM_COL32(225, 70, 60, 255);
constexpr ImU32 kCalm = IM_COL32(40, 40, 48, 230);

}  // namespace

void drawTraineeStats(const Workspace& ws, Id stepId, UiContext& ui) {
    const field::StepStats* st = ws.traineeStatsFor(stepId);
    ImGui::Separator();
    ImGui::TextUnformatted(ui.t("Trainees"));
    if (!st || st->views == 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ui.t("no viewing records for this step yet"));
        return;
    }
    if (st->struggle) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1, 0.35f, 0.3f, 1), "%s", ui.t("struggle: a better cut or caption?"));
    }
    if (ImGui::BeginTable("##traineestats", 4, ImGuiTableFlags_SizingStretchProp)) {
        auto cell = [](const char* label, const char* value) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", label);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(value);
        };
        char b[64];
        std::snprintf(b, sizeof b, "%d", st->views);
        cell(ui.t("Views"), b);
        std::snprintf(b, sizeof b, "%d", st->trainees);
        cell(ui.t("Trainees"), b);
        std::snprintf(b, sizeof b, "%d / %d  (%.0f%%)", st->watchedBy, st->trainees, st->coverage * 100);
        cell(ui.t("Watched"), b);
        std::snprintf(b, sizeof b, "%.1f", st->loopsPerView);
        cell(ui.t("Loops per view"), b);
        std::snprintf(b, sizeof b, "%.1f", st->seeksBackPerView);
        cell(ui.t("Seeks back per view"), b);
        std::snprintf(b, sizeof b, "%.1f s", st->slowSeconds);
        cell(ui.t("Slow motion (avg)"), b);
        std::snprintf(b, sizeof b, "%d", st->strugglers);
        cell(ui.t("Struggling"), b);
        std::snprintf(b, sizeof b, "%.1f s", st->watchSeconds);
        cell(ui.t("Time (avg)"), b);
        ImGui::EndTable();
    }
}

void drawTraineeBadge(ImDrawList* dl, const field::StepStats* stats, ImVec2 a, ImVec2 b) {
    if (!stats || stats->views == 0) return;
    char text[32];
    std::snprintf(text, sizeof text, "%s%d ↻%.1f", stats->struggle ? "! " : "", stats->views, stats->loopsPerView);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float h = b.y - a.y;
    if (b.x - a.x < size.x + 40) return;  // no room beside the title
    const ImVec2 p0(b.x - size.x - 8, a.y + 1), p1(b.x - 2, a.y + h - 1);
    dl->AddRectFilled(p0, p1, stats->struggle ? kStruggle : kCalm, 3);
    dl->AddText(ImVec2(p0.x + 3, a.y + (h - size.y) / 2), IM_COL32(255, 255, 255, 255), text);
}

}  // namespace kotsu::annotate::ui
