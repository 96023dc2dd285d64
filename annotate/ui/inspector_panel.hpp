#pragma once
// The selected marker: kind, in/out, title, note (what to notice), warning, tags. Text fields keep
// their own buffers while being edited (IME input arrives as committed UTF-8 text through SDL) and
// become one edit-marker command when a field is left after a change.
#include <string>

#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

class InspectorPanel {
public:
    void draw(Workspace& ws, UiContext& ui);
    void focusTitle() { focusTitle_ = true; }

private:
    void load(const Marker& m);
    Id id_ = 0;
    size_t revision_ = static_cast<size_t>(-1);
    std::string title_, note_, warning_, tags_;
    bool focusTitle_ = false;
};

}  // namespace kotsu::annotate::ui
