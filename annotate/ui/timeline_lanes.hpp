#pragma once
// Timeline lanes as small classes with a common interface (label, height, draw), as Tracy's
// TimelineItem: pictures, sound, the four marker kinds, captions and suggestions.
#include <imgui.h>

#include <memory>
#include <vector>

#include "annotate/ui/thumbnail_cache.hpp"
#include "annotate/ui/timeline_view.hpp"
#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

// A drag on the timeline: becomes one command when the mouse is released.
struct TimelineDrag {
    enum class Mode { None, TrimIn, TrimOut, Move, CueIn, CueOut, CueMove } mode = Mode::None;
    Id id = 0;
    Micros grab = 0;               // time under the mouse when the drag began
    Micros origIn = 0, origOut = 0;
    Micros in = 0, out = 0;        // the preview
    SnapSource snapped = SnapSource::None;
    Micros snapAt = 0;
    bool moved = false;
    std::vector<SnapTarget> targets;
};

struct LaneFrame {
    ImDrawList* dl;
    ImVec2 min, max;               // the lane's rectangle (without its label)
    const TimelineView& view;
    Workspace& ws;
    UiContext& ui;
    TimelineDrag& drag;
    ThumbnailCache& thumbs;
};

class Lane {
public:
    virtual ~Lane() = default;
    [[nodiscard]] virtual const char* label() const = 0;  // English; translated when drawn
    [[nodiscard]] virtual float height(float line) const { return line * 1.45f; }
    virtual void draw(LaneFrame& f) = 0;
};

// The standard set, top to bottom.
[[nodiscard]] std::vector<std::unique_ptr<Lane>> makeLanes();

}  // namespace kotsu::annotate::ui
