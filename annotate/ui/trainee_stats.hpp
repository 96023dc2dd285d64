#pragma once
// How trainees did on a step (issue 13 item 3), from Workspace::traineeStats(): a section in the
// inspector for the selected step, and a badge on each step in the timeline's step lane (red when the
// step is a "struggle": someone struggles there by followup's rule, or its loops or seeks back per view
// are far above the other steps').
#include <imgui.h>

#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

// The inspector's lines for step `stepId`, under its times (a note when no trainee has opened it).
void drawTraineeStats(const Workspace& ws, Id stepId, UiContext& ui);
// The badge at the right end of a step's bar [a, b] in the step lane.
void drawTraineeBadge(ImDrawList* dl, const field::StepStats* stats, ImVec2 a, ImVec2 b, const UiContext& ui);

}  // namespace kotsu::annotate::ui
