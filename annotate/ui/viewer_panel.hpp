#pragma once
// The picture at the playhead, its timecode and frame number, and the transport buttons.
#include <utility>

#include "annotate/ui/gl.hpp"
#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

class ViewerPanel {
public:
    void draw(Workspace& ws, UiContext& ui);
    // Uploads the newest decoded frame; with `waitMs` > 0 first waits for the frame under the
    // playhead (screenshots and tests: the picture must be that frame). True when a picture arrived.
    bool update(Workspace& ws, int waitMs = 0);
    [[nodiscard]] std::int64_t shownFrame() const { return shown_; }
    // Where the picture was drawn last frame (screen pixels).
    [[nodiscard]] std::pair<ImVec2, ImVec2> imageRect() const { return rect_; }

private:
    // The angle switcher above the picture (only when the session has more than one camera).
    void drawAngles(Workspace& ws, UiContext& ui);

    gl::Texture texture_;
    std::int64_t shown_ = -1;
    const FramePump* shownFrom_ = nullptr;  // a switched angle's pump numbers its own frames
    std::pair<ImVec2, ImVec2> rect_;
};

// "00:01:02:15" (hours, minutes, seconds, frames).
[[nodiscard]] std::string timecode(Micros t, const FrameGrid& grid);

}  // namespace kotsu::annotate::ui
