#pragma once
// Boundaries proposed by `kotsu suggest`: accept one as a step boundary or dismiss it; n / Shift+n
// step through the open ones, a accepts, d dismisses.
#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

class SuggestionsPanel {
public:
    void draw(Workspace& ws, UiContext& ui);

private:
    Id lastSelected_ = 0;
};

}  // namespace kotsu::annotate::ui
