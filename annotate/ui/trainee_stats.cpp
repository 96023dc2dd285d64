#include "annotate/ui/trainee_stats.hpp"

#include <cstdio>

namespace kotsu::annotate::ui {

namespace {

constexpr ImU32 kStruggle = IM_COL32(225, 70, 60, 255);
constexpr ImU32 kCalm = IM_COL32(40, 40, 48, 230);

}  // namespace

void drawTraineeStats(const Workspace& ws, Id stepId, UiContext& ui) {
    const field::StepStats* st = ws.traineeStatsFor(stepId);
    if (!st || st->views == 0) {
        ImGui::TextDisabled("%s: %s", ui.t("Trainees"), ui.t("no viewing records for this step yet"));
        return;
    }
    // Two compact lines under the step's times, so they are seen without scrolling.
    ImGui::TextWrapped("%s %d  ·  %s %d  ·  %s %d/%d (%.0f%%)  ·  %s %.0f s", ui.t("Trainees"), st->trainees, ui.t("Views"),
                       st->views, ui.t("Watched"), st->watchedBy, st->trainees, st->coverage * 100, ui.t("Time (avg)"),
                       st->watchSeconds);
    if (st->struggle) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.45f, 0.4f, 1));
    ImGui::TextWrapped("%s %.1f  ·  %s %.1f  ·  %s %.1f s  ·  %s %d%s%s", ui.t("Loops per view"), st->loopsPerView,
                       ui.t("Seeks back per view"), st->seeksBackPerView, ui.t("Slow motion (avg)"), st->slowSeconds,
                       ui.t("Struggling"), st->strugglers, st->struggle ? "  — " : "",
                       st->struggle ? ui.t("struggle: a better cut or caption?") : "");
    if (st->struggle) ImGui::PopStyleColor();
}

void drawTraineeBadge(ImDrawList* dl, const field::StepStats* stats, ImVec2 a, ImVec2 b, const UiContext& ui) {
    if (!stats || stats->views == 0) return;
    char text[96];
    std::snprintf(text, sizeof text, "%s%s %d  %s %.1f", stats->struggle ? "! " : "", ui.t("Views"), stats->views,
                  ui.t("Loops per view"), stats->loopsPerView);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float h = b.y - a.y;
    if (b.x - a.x < size.x + 60) return;  // no room beside the title
    const ImVec2 p0(b.x - size.x - 8, a.y + 1), p1(b.x - 2, a.y + h - 1);
    dl->AddRectFilled(p0, p1, stats->struggle ? kStruggle : kCalm, 3);
    dl->AddText(ImVec2(p0.x + 3, a.y + (h - size.y) / 2), IM_COL32(255, 255, 255, 255), text);
}

}  // namespace kotsu::annotate::ui
