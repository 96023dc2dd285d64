#pragma once
// F1: every command with its keys, from the command table and the loaded key bindings.
#include "annotate/ui/ui_context.hpp"

namespace kotsu::annotate::ui {

void drawHelpPanel(UiContext& ui);

}  // namespace kotsu::annotate::ui
