#pragma once
// The timeline: a ruler in timecode, the lanes, the playhead; zoom (Ctrl+wheel, +/-), pan (wheel,
// the overview bar), scrubbing on the ruler, and marker drags that become one command on release.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "annotate/ui/thumbnail_cache.hpp"
#include "annotate/ui/timeline_lanes.hpp"
#include "annotate/ui/timeline_view.hpp"

namespace kotsu::annotate::ui {

class TimelinePanel {
public:
    TimelinePanel();
    void draw(Workspace& ws, UiContext& ui);
    void zoom(double factor, Micros duration);
    void fit(Micros duration);
    void reset(Workspace& ws);  // a new session: fit the view, new thumbnails
    [[nodiscard]] TimelineView& view() { return view_; }
    [[nodiscard]] ThumbnailCache& thumbnails() { return thumbs_; }
    [[nodiscard]] const TimelineDrag& drag() const { return drag_; }
    // Where each lane was drawn in the last frame, by its (English) label.
    [[nodiscard]] std::pair<ImVec2, ImVec2> laneRect(const std::string& label) const;

private:
    void drawRuler(ImDrawList* dl, ImVec2 a, ImVec2 b, Workspace& ws);
    void updateDrag(Workspace& ws);

    TimelineView view_;
    TimelineDrag drag_;
    std::vector<std::unique_ptr<Lane>> lanes_;
    ThumbnailCache thumbs_;
    bool fitPending_ = true;
    bool scrubbing_ = false;
    bool panning_ = false;
    std::vector<std::pair<std::string, std::pair<ImVec2, ImVec2>>> rects_;
};

}  // namespace kotsu::annotate::ui
