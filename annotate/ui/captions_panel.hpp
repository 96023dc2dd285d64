#pragma once
// Caption cues of the session's language, tied to the playhead: the cue showing is highlighted and
// kept in view while playing; add at the playhead, set its end, split, merge, edit, import/export
// WebVTT and SRT (core/captions_io).
#include <string>

#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

class CaptionsPanel {
public:
    void draw(Workspace& ws, UiContext& ui);
    // The file dialogs (a path field: no native dialogs here).
    void openImport(Workspace& ws);
    void openExport(Workspace& ws);
    // Blocking versions (commands, tests).
    static Status importFile(Workspace& ws, const std::string& path);
    static Status exportFile(Workspace& ws, const std::string& path);

private:
    Id editing_ = 0;
    std::string text_;
    size_t revision_ = static_cast<size_t>(-1);
    std::string path_;
    enum class Dialog { None, Import, Export } dialog_ = Dialog::None;
    bool openPopup_ = false;
    Id lastCurrent_ = 0;
};

}  // namespace kotsu::annotate::ui
