#include "annotate/ui/timeline_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "annotate/ui/viewer_panel.hpp"

namespace kotsu::annotate::ui {

TimelinePanel::TimelinePanel() : lanes_(makeLanes()) {}

void TimelinePanel::zoom(double factor, Micros duration) { view_.zoomAt(view_.toX(view_.start + (view_.end() - view_.start) / 2), factor, duration); }

void TimelinePanel::fit(Micros duration) { view_.fit(duration); }

void TimelinePanel::reset(Workspace& ws) {
    fitPending_ = true;
    thumbs_.reset(ws.thumbnails());
    drag_ = {};
}

std::pair<ImVec2, ImVec2> TimelinePanel::laneRect(const std::string& label) const {
    for (const auto& [l, r] : rects_)
        if (l == label) return r;
    return {};
}

void TimelinePanel::drawRuler(ImDrawList* dl, ImVec2 a, ImVec2 b, Workspace& ws) {
    const EditorState& s = ws.state();
    dl->AddRectFilled(a, b, IM_COL32(34, 36, 42, 255));
    // A label every ≥ 110 px, on a round step: frames, seconds, minutes.
    static const Micros steps[] = {33'333, 100'000, 200'000, 500'000, 1'000'000, 2'000'000, 5'000'000, 10'000'000,
                                   15'000'000, 30'000'000, 60'000'000, 120'000'000, 300'000'000, 600'000'000,
                                   900'000'000, 1'800'000'000, 3'600'000'000};
    Micros step = steps[std::size(steps) - 1];
    for (Micros st : steps)
        if (st / view_.usPerPx >= 110) {
            step = st;
            break;
        }
    const Micros minor = step / 5;
    Micros t0 = std::max<Micros>(0, view_.start / minor * minor);
    for (Micros t = t0; t <= view_.end() && t <= s.duration; t += minor) {
        float x = view_.toX(t);
        if (x < a.x) continue;
        const bool major = t % step == 0;
        dl->AddLine(ImVec2(x, b.y - (major ? 10 : 4)), ImVec2(x, b.y), IM_COL32(160, 160, 170, 255));
        if (major) {
            std::string tc = timecode(t, s.grid);
            if (step >= 1'000'000) tc = tc.substr(0, 8);
            dl->AddText(ImVec2(x + 3, a.y + 1), IM_COL32(210, 210, 215, 255), tc.c_str());
        }
    }
    if (s.markIn || s.markOut) {
        float x0 = s.markIn ? view_.toX(*s.markIn) : a.x;
        float x1 = s.markOut ? view_.toX(*s.markOut) : b.x;
        dl->AddRectFilled(ImVec2(std::max(a.x, x0), b.y - 4), ImVec2(std::min(b.x, x1), b.y), IM_COL32(90, 160, 255, 200));
    }
}

void TimelinePanel::updateDrag(Workspace& ws) {
    if (drag_.mode == TimelineDrag::Mode::None) return;
    const EditorState& s = ws.state();
    const Micros tol = static_cast<Micros>(8 * view_.usPerPx);
    const Micros now = view_.toTime(ImGui::GetMousePos().x);
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) drag_.moved = true;
    if (drag_.moved) {
        using M = TimelineDrag::Mode;
        if (drag_.mode == M::TrimIn || drag_.mode == M::TrimOut) {
            const bool isIn = drag_.mode == M::TrimIn;
            Micros t = (isIn ? drag_.origIn : drag_.origOut) + (now - drag_.grab);
            SnapResult r = snapTime(s, drag_.targets, t, tol);
            drag_.snapped = r.source;
            drag_.snapAt = r.time;
            if (isIn) drag_.in = std::min(r.time, drag_.origOut - s.grid.timeOf(1));
            else drag_.out = std::max(r.time, drag_.origIn + s.grid.timeOf(1));
        } else if (drag_.mode == M::Move) {
            const Micros len = drag_.origOut - drag_.origIn;
            Micros in = std::clamp<Micros>(drag_.origIn + (now - drag_.grab), 0, std::max<Micros>(0, s.duration - len));
            SnapSource src = SnapSource::None;
            in = snapMove(s, drag_.targets, in, in + len, tol, &src);
            drag_.in = in;
            drag_.out = in + len;
            drag_.snapped = src;
            const bool inSnapped = std::any_of(drag_.targets.begin(), drag_.targets.end(),
                                               [&](const SnapTarget& t) { return t.time == in; });
            drag_.snapAt = inSnapped ? in : in + len;
        }
    }
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        // Released: the whole drag is one command.
        if (drag_.moved && (drag_.in != drag_.origIn || drag_.out != drag_.origOut))
            ws.post(setMarkerRange(s, drag_.id, drag_.in, drag_.out,
                                   drag_.mode == TimelineDrag::Mode::Move ? "move-marker" : "trim-marker"));
        drag_ = {};
    }
}

void TimelinePanel::draw(Workspace& ws, UiContext& ui) {
    EditorState& s = ws.state();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float labelW = ImGui::GetFontSize() * 5.5f;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    view_.x0 = origin.x + labelW;
    view_.width = std::max(50.0f, avail.x - labelW);
    if (fitPending_ && s.duration > 0) {
        view_.fit(s.duration);
        fitPending_ = false;
    }
    thumbs_.loadSome(12);
    if (auto cuts = thumbs_.takeShotChanges()) s.shotChanges = std::move(*cuts);

    // Ruler.
    const float rulerH = line * 1.2f;
    ImVec2 ra(view_.x0, origin.y), rb(view_.x0 + view_.width, origin.y + rulerH);
    drawRuler(dl, ra, rb, ws);
    ImGui::SetCursorScreenPos(ra);
    ImGui::InvisibleButton("##ruler", ImVec2(view_.width, rulerH));
    if (ImGui::IsItemActivated()) scrubbing_ = true;
    if (scrubbing_) {
        ws.pause();
        ws.seek(view_.toTime(ImGui::GetMousePos().x));
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) scrubbing_ = false;
    }

    // Lanes.
    float y = origin.y + rulerH + 2;
    rects_.clear();
    const float overviewH = line * 0.7f;
    const float bottom = origin.y + avail.y - overviewH - 4;
    for (size_t i = 0; i < lanes_.size(); ++i) {
        Lane& lane = *lanes_[i];
        float h = lane.height(line);
        if (y + h > bottom) h = std::max(line, bottom - y);  // a short window: the last lanes shrink
        if (y >= bottom) break;
        ImVec2 a(view_.x0, y), b(view_.x0 + view_.width, y + h);
        dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(view_.x0 - 2, y + h), IM_COL32(38, 40, 46, 255));
        dl->AddText(ImVec2(origin.x + 6, y + (h - ImGui::GetTextLineHeight()) / 2), IM_COL32(220, 220, 225, 255),
                    ui.t(lane.label()));
        if (i % 2 == 0) dl->AddRectFilled(a, b, IM_COL32(30, 31, 36, 255));  // odd lanes: the canvas (kCanvasRgb)
        rects_.emplace_back(lane.label(), std::make_pair(a, b));
        LaneFrame f{dl, a, b, view_, ws, ui, drag_, thumbs_};
        lane.draw(f);
        y += h + 1;
    }
    updateDrag(ws);

    // The playhead across ruler and lanes.
    const float px = view_.toX(s.playhead);
    if (px >= view_.x0 && px <= view_.x0 + view_.width) {
        dl->AddLine(ImVec2(px, origin.y), ImVec2(px, bottom), IM_COL32(255, 70, 70, 255), 2);
        dl->AddTriangleFilled(ImVec2(px - 6, origin.y), ImVec2(px + 6, origin.y), ImVec2(px, origin.y + 8),
                              IM_COL32(255, 70, 70, 255));
    }

    // Overview bar: the whole session, the visible part, markers as ticks; drag to pan.
    ImVec2 oa(view_.x0, bottom + 2), ob(view_.x0 + view_.width, bottom + 2 + overviewH);
    dl->AddRectFilled(oa, ob, IM_COL32(20, 20, 24, 255));
    if (s.duration > 0) {
        const float scale = view_.width / float(s.duration);
        for (const auto& m : s.markers)
            if (m.kind == MarkerKind::Step)
                dl->AddLine(ImVec2(oa.x + m.in * scale, oa.y), ImVec2(oa.x + m.in * scale, ob.y), kindColor(0, 0.6f));
        float v0 = oa.x + view_.start * scale, v1 = oa.x + std::min(view_.end(), s.duration) * scale;
        dl->AddRectFilled(ImVec2(v0, oa.y), ImVec2(std::max(v1, v0 + 4), ob.y), IM_COL32(200, 200, 220, 70), 2);
        dl->AddLine(ImVec2(oa.x + s.playhead * scale, oa.y), ImVec2(oa.x + s.playhead * scale, ob.y), IM_COL32(255, 70, 70, 255));
        ImGui::SetCursorScreenPos(oa);
        ImGui::InvisibleButton("##overview", ImVec2(view_.width, overviewH));
        if (ImGui::IsItemActivated()) panning_ = true;
        if (panning_) {
            Micros span = view_.end() - view_.start;
            view_.start = static_cast<Micros>((ImGui::GetMousePos().x - oa.x) / scale) - span / 2;
            view_.clamp(s.duration);
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) panning_ = false;
        }
    }

    // Wheel: Ctrl zooms at the mouse, otherwise pans.
    if (ImGui::IsWindowHovered()) {
        ImGuiIO& io = ImGui::GetIO();
        if (io.MouseWheel != 0 && io.KeyCtrl) view_.zoomAt(ImGui::GetMousePos().x, std::pow(1.25, io.MouseWheel), s.duration);
        else if (io.MouseWheel != 0 || io.MouseWheelH != 0) {
            float d = io.MouseWheelH != 0 ? io.MouseWheelH : io.MouseWheel;
            view_.start -= static_cast<Micros>(d * 80 * view_.usPerPx);
            view_.clamp(s.duration);
        }
    }
    if (ws.transport().playing()) view_.follow(s.playhead, s.duration);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, ob.y + 2));
}

}  // namespace kotsu::annotate::ui
