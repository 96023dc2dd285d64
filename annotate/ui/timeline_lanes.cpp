#include "annotate/ui/timeline_lanes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "annotate/ui/trainee_stats.hpp"

namespace kotsu::annotate::ui {

namespace {

bool mouseIn(const ImVec2& a, const ImVec2& b) {
    ImVec2 m = ImGui::GetMousePos();
    return m.x >= a.x && m.x < b.x && m.y >= a.y && m.y < b.y;
}

// Text clipped to a rectangle, drawn only when there is room for a few characters. The glyphs are
// clipped on the CPU: a clip rectangle per label would split the draw list into a draw call per label
// (two thousand of them for a zoomed-in timeline, each costly under a software renderer).
void clippedText(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, const std::string& s) {
    if (b.x - a.x < 14 || s.empty()) return;
    const ImVec4& lane = dl->_ClipRectStack.back();
    const ImVec4 clip(std::max(a.x, lane.x), std::max(a.y, lane.y), std::min(b.x, lane.z), std::min(b.y, lane.w));
    if (clip.x >= clip.z || clip.y >= clip.w) return;
    dl->AddText(nullptr, 0.0f, ImVec2(a.x + 4, a.y + (b.y - a.y - ImGui::GetTextLineHeight()) / 2), col, s.c_str(),
                nullptr, 0.0f, &clip);
}

class ThumbnailLane final : public Lane {
public:
    const char* label() const override { return "Picture"; }
    float height(float line) const override { return line * 2.6f; }
    void draw(LaneFrame& f) override {
        if (f.thumbs.empty()) {
            clippedText(f.dl, f.min, f.max, IM_COL32(120, 120, 120, 255), "—");
            return;
        }
        const auto& set = f.thumbs.set();
        const float h = f.max.y - f.min.y - 2;
        const float w = h * set.width / std::max(1, set.height);
        // One thumbnail per slot of its own width, each showing the time at the slot's left edge.
        const float first = f.min.x - std::fmod(f.min.x - f.view.x0 + float(f.view.start / f.view.usPerPx), w);
        for (float x = first; x < f.max.x; x += w) {
            Micros t = f.view.toTime(x);
            if (t < 0 || t >= f.ws.state().duration) continue;
            size_t i = static_cast<size_t>(t / set.interval);
            if (const gl::Texture* tex = f.thumbs.get(i))
                f.dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex->id())), ImVec2(x, f.min.y + 1),
                               ImVec2(x + w - 1, f.min.y + 1 + h));
            else
                f.dl->AddRectFilled(ImVec2(x, f.min.y + 1), ImVec2(x + w - 1, f.min.y + 1 + h), IM_COL32(40, 40, 44, 255));
        }
        if (f.ws.snap.shotChanges)
            for (Micros t : f.ws.state().shotChanges) {
                float x = f.view.toX(t);
                if (x >= f.min.x && x < f.max.x) f.dl->AddLine(ImVec2(x, f.min.y), ImVec2(x, f.max.y), IM_COL32(255, 255, 0, 160), 2);
            }
    }
};

// The waveform is drawn into a texture of the lane's size, made again only when the view, the lane's
// size or the peaks change: one textured quad a frame instead of a line per pixel column (thousands of
// vertices for the software renderer to set up while the playhead moves).
class WaveformLane final : public Lane {
public:
    const char* label() const override { return "Sound"; }
    float height(float line) const override { return line * 1.8f; }
    void draw(LaneFrame& f) override {
        const auto& wf = f.ws.waveform();
        const float mid = (f.min.y + f.max.y) / 2;
        if (!wf || wf->empty()) {
            f.dl->AddLine(ImVec2(f.min.x, mid), ImVec2(f.max.x, mid), IM_COL32(70, 90, 70, 255));
            return;
        }
        const int w = std::max(1, static_cast<int>(f.max.x - f.min.x)), h = std::max(2, static_cast<int>(f.max.y - f.min.y));
        const Key key{&*wf, wf->min.size(), f.view.toTime(f.min.x), f.view.usPerPx, w, h};
        if (!texture_.valid() || !(key == key_)) {
            render(*wf, f.view, f.min.x, w, h);
            key_ = key;
        }
        f.dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.id())), f.min,
                       ImVec2(f.min.x + float(w), f.min.y + float(h)));
    }

private:
    struct Key {
        const void* peaks = nullptr;
        size_t buckets = 0;
        Micros start = 0;
        double usPerPx = 0;
        int w = 0, h = 0;
        bool operator==(const Key&) const = default;
    };

    void render(const WaveformPeaks& wf, const TimelineView& view, float x0, int w, int h) {
        pixels_.assign(static_cast<size_t>(w) * h * 4, 0);
        auto put = [&](int x, int y, std::uint32_t rgba) {
            std::memcpy(&pixels_[(static_cast<size_t>(y) * w + x) * 4], &rgba, 4);
        };
        const float mid = float(h) / 2, half = float(h) / 2 - 1;
        const std::uint32_t axis = IM_COL32(70, 90, 70, 255), wave = IM_COL32(110, 200, 130, 255);
        for (int x = 0; x < w; ++x) put(x, static_cast<int>(mid), axis);
        const size_t n = wf.min.size();
        for (int x = 0; x < w; ++x) {
            Micros t0 = view.toTime(x0 + float(x)), t1 = view.toTime(x0 + float(x) + 1);
            if (t1 <= 0) continue;
            size_t b0 = static_cast<size_t>(std::max<Micros>(0, t0) / wf.bucket);
            size_t b1 = std::min(n, static_cast<size_t>(std::max<Micros>(0, t1) / wf.bucket) + 1);
            if (b0 >= n) break;
            // Zoomed far out a pixel covers thousands of buckets: a stride keeps this cheap.
            size_t stride = std::max<size_t>(1, (b1 - b0) / 64);
            int lo = 0, hi = 0;
            for (size_t b = b0; b < b1; b += stride) {
                lo = std::min<int>(lo, wf.min[b]);
                hi = std::max<int>(hi, wf.max[b]);
            }
            const int top = std::clamp(static_cast<int>(mid - float(hi) * half / 32767.f), 0, h - 1);
            const int bottom = std::clamp(static_cast<int>(mid - float(lo) * half / 32767.f + 1), 0, h - 1);
            for (int y = top; y <= bottom; ++y) put(x, y, wave);
        }
        texture_.upload(w, h, pixels_.data());
    }

    gl::Texture texture_;
    Key key_;
    std::vector<std::uint8_t> pixels_;
};

class MarkerLane final : public Lane {
public:
    MarkerLane(MarkerKind kind, const char* label) : kind_(kind), label_(label) {}
    const char* label() const override { return label_; }

    void draw(LaneFrame& f) override {
        const EditorState& s = f.ws.state();
        const float edge = 5.0f;
        const bool hoverLane = mouseIn(f.min, f.max) && ImGui::IsWindowHovered();
        Id hoverId = 0;
        TimelineDrag::Mode hoverMode = TimelineDrag::Mode::None;
        f.dl->PushClipRect(f.min, f.max, true);
        lastSliver_ = -1e9f;
        int stepNo = 0;  // markers are ordered by in: counting as we go numbers the steps
        for (const auto& m : s.markers) {
            if (m.kind != kind_) continue;
            if (kind_ == MarkerKind::Step) ++stepNo;
            Micros in = m.in, out = m.out;
            if (f.drag.id == m.id && isMarkerDrag(f.drag.mode)) in = f.drag.in, out = f.drag.out;
            if (out < f.view.start || in > f.view.end()) continue;
            float x0 = f.view.toX(in), x1 = std::max(f.view.toX(out), x0 + 2);
            ImVec2 a(x0, f.min.y + 2), b(x1, f.max.y - 2);
            const bool selected = s.selectedMarker == m.id;
            // Zoomed far out, markers are slivers: one plain rectangle per pixel column is enough
            // (a software rasterizer pays for every rounded corner of a thousand of them).
            if (in != out && x1 - x0 < 4 && !selected && f.drag.id != m.id) {
                if (std::floor(x0) <= lastSliver_) continue;
                lastSliver_ = std::floor(x0) + 1;
                f.dl->AddRectFilled(ImVec2(std::floor(x0), a.y), ImVec2(std::floor(x0) + 2, b.y),
                                    kindColor(static_cast<int>(kind_), 0.6f));
                continue;
            }
            if (in == out) {  // a point (tag): a diamond
                float cy = (a.y + b.y) / 2, r = (b.y - a.y) / 2;
                f.dl->AddQuadFilled(ImVec2(x0, cy - r), ImVec2(x0 + r, cy), ImVec2(x0, cy + r), ImVec2(x0 - r, cy),
                                    kindColor(static_cast<int>(kind_), selected ? 1.f : 0.8f));
                clippedText(f.dl, ImVec2(x0 + r, a.y), ImVec2(x0 + r + 160, b.y), IM_COL32(230, 230, 230, 255),
                            m.title);
                a.x -= r, b.x = x0 + r;
            } else {
                f.dl->AddRectFilled(a, b, kindColor(static_cast<int>(kind_), selected ? 0.95f : 0.6f), 3);
                if (selected) f.dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 3, 0, 2);
                std::string text = m.title;
                if (b.x - a.x >= 14) {
                    if (kind_ == MarkerKind::Step) text = std::to_string(stepNo) + ". " + text;
                    clippedText(f.dl, a, b, IM_COL32(255, 255, 255, 255), text);
                    if (kind_ == MarkerKind::Step) drawTraineeBadge(f.dl, f.ws.traineeStatsFor(m.id), a, b, f.ui);
                }
            }
            if (hoverLane && f.drag.mode == TimelineDrag::Mode::None && mouseIn(ImVec2(a.x - edge, a.y), ImVec2(b.x + edge, b.y))) {
                float mx = ImGui::GetMousePos().x;
                hoverId = m.id;
                if (in != out && std::fabs(mx - x0) <= edge) hoverMode = TimelineDrag::Mode::TrimIn;
                else if (in != out && std::fabs(mx - x1) <= edge) hoverMode = TimelineDrag::Mode::TrimOut;
                else hoverMode = TimelineDrag::Mode::Move;
            }
        }
        if (f.drag.id && isMarkerDrag(f.drag.mode) && f.drag.snapped != SnapSource::None) {
            const Marker* dm = s.marker(f.drag.id);
            if (dm && dm->kind == kind_) {
                float x = f.view.toX(f.drag.snapAt);
                f.dl->AddLine(ImVec2(x, f.min.y), ImVec2(x, f.max.y), IM_COL32(255, 255, 0, 255), 2);
            }
        }
        f.dl->PopClipRect();
        if (hoverId) {
            if (hoverMode != TimelineDrag::Mode::Move) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
            if (const Marker* m = s.marker(hoverId)) {
                ImGui::SetTooltip("%s\n%s – %s", m->title.empty() ? tr(f.ui.lang, toString(m->kind)) : m->title.c_str(),
                                  formatTime(m->in).c_str(), formatTime(m->out).c_str());
            }
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                const Marker* m = s.marker(hoverId);
                f.ws.selectMarker(hoverId);
                f.drag.mode = hoverMode;
                f.drag.id = hoverId;
                f.drag.grab = f.view.toTime(ImGui::GetMousePos().x);
                f.drag.origIn = f.drag.in = m->in;
                f.drag.origOut = f.drag.out = m->out;
                f.drag.moved = false;
                f.drag.snapped = SnapSource::None;
                f.drag.targets = snapTargets(s, f.ws.snap, hoverId);
            }
            if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
                if (const Marker* m = s.marker(hoverId)) f.ws.seek(m->in);
        }
    }

    static bool isMarkerDrag(TimelineDrag::Mode m) {
        return m == TimelineDrag::Mode::TrimIn || m == TimelineDrag::Mode::TrimOut || m == TimelineDrag::Mode::Move;
    }

private:
    MarkerKind kind_;
    const char* label_;
    float lastSliver_ = -1e9f;
};

class CaptionLane final : public Lane {
public:
    const char* label() const override { return "Captions"; }
    void draw(LaneFrame& f) override {
        const EditorState& s = f.ws.state();
        const bool hoverLane = mouseIn(f.min, f.max) && ImGui::IsWindowHovered();
        f.dl->PushClipRect(f.min, f.max, true);
        float lastSliver = -1e9f;
        for (const auto& c : s.cues) {
            if (c.end < f.view.start || c.start > f.view.end()) continue;
            ImVec2 a(f.view.toX(c.start), f.min.y + 2), b(std::max(f.view.toX(c.end), f.view.toX(c.start) + 2), f.max.y - 2);
            const bool sel = s.selectedCue == c.id;
            if (b.x - a.x < 4 && !sel) {  // slivers: one plain rectangle per pixel column
                if (std::floor(a.x) <= lastSliver) continue;
                lastSliver = std::floor(a.x) + 1;
                f.dl->AddRectFilled(ImVec2(std::floor(a.x), a.y), ImVec2(std::floor(a.x) + 2, b.y), IM_COL32(120, 120, 135, 220));
                continue;
            }
            f.dl->AddRectFilled(a, b, sel ? IM_COL32(190, 190, 200, 255) : IM_COL32(120, 120, 135, 220), 3);
            if (b.x - a.x >= 14) clippedText(f.dl, a, b, IM_COL32(15, 15, 20, 255), c.text.substr(0, c.text.find('\n')));
            if (hoverLane && mouseIn(a, b)) {
                ImGui::SetTooltip("%s", c.text.c_str());
                if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                    f.ws.selectCue(c.id);
                    f.ws.seek(c.start);
                }
            }
        }
        f.dl->PopClipRect();
    }
};

class SuggestionLane final : public Lane {
public:
    const char* label() const override { return "Suggestions"; }
    float height(float line) const override { return line * 1.15f; }
    void draw(LaneFrame& f) override {
        const EditorState& s = f.ws.state();
        const bool hoverLane = mouseIn(f.min, f.max) && ImGui::IsWindowHovered();
        float lastX = -1e9f;
        for (const auto& sg : s.suggestions) {
            if (sg.time < f.view.start || sg.time > f.view.end()) continue;
            float x = f.view.toX(sg.time);
            if (x - lastX < 2 && s.selectedSuggestion != sg.id) continue;  // one per pixel or two
            lastX = x;
            ImU32 col = sg.state == "open" ? IM_COL32(255, 210, 60, 255)
                        : sg.state == "accepted" ? IM_COL32(90, 200, 90, 200) : IM_COL32(120, 120, 120, 160);
            float r = 3 + 3 * static_cast<float>(std::clamp(sg.score, 0.0, 1.0));
            float cy = (f.min.y + f.max.y) / 2;
            f.dl->AddTriangleFilled(ImVec2(x - r, f.min.y + 2), ImVec2(x + r, f.min.y + 2), ImVec2(x, f.max.y - 2), col);
            if (s.selectedSuggestion == sg.id) f.dl->AddCircle(ImVec2(x, cy), r + 3, IM_COL32(255, 255, 255, 255), 12, 2);
            if (hoverLane && std::fabs(ImGui::GetMousePos().x - x) <= r + 1) {
                ImGui::SetTooltip("%s  %s  %.2f  %s", formatTime(sg.time).c_str(), tr(f.ui.lang, sg.reason.c_str()),
                                  sg.score, tr(f.ui.lang, sg.state.c_str()));
                if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                    f.ws.selectSuggestion(sg.id);
                    f.ws.seek(sg.time);
                }
            }
        }
    }
};

}  // namespace

std::vector<std::unique_ptr<Lane>> makeLanes() {
    std::vector<std::unique_ptr<Lane>> lanes;
    lanes.push_back(std::make_unique<ThumbnailLane>());
    lanes.push_back(std::make_unique<WaveformLane>());
    lanes.push_back(std::make_unique<MarkerLane>(MarkerKind::Step, "Steps"));
    lanes.push_back(std::make_unique<MarkerLane>(MarkerKind::Knack, "Knack"));
    lanes.push_back(std::make_unique<MarkerLane>(MarkerKind::Safety, "Safety"));
    lanes.push_back(std::make_unique<CaptionLane>());
    lanes.push_back(std::make_unique<SuggestionLane>());
    lanes.push_back(std::make_unique<MarkerLane>(MarkerKind::Tag, "Tags"));
    return lanes;
}

}  // namespace kotsu::annotate::ui
