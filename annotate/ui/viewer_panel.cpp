#include "annotate/ui/viewer_panel.hpp"

#include <cinttypes>
#include <cstdio>

namespace kotsu::annotate::ui {

std::string timecode(Micros t, const FrameGrid& grid) {
    const std::int64_t frame = grid.frameAt(t);
    const std::int64_t secondFrame = grid.frameAt(t / 1'000'000 * 1'000'000);
    const std::int64_t s = t / 1'000'000;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%02" PRId64 ":%02" PRId64 ":%02" PRId64 ":%02" PRId64, s / 3600, s / 60 % 60,
                  s % 60, frame - secondFrame);
    return buf;
}

bool ViewerPanel::update(Workspace& ws, int waitMs) {
    FramePump* pump = ws.pump();
    if (!pump) return false;
    if (pump != shownFrom_) {
        shownFrom_ = pump;
        shown_ = -1;
    }
    std::optional<VideoFrame> f;
    if (waitMs > 0) f = pump->waitFor(ws.viewFrame(), std::chrono::milliseconds(waitMs));
    else f = pump->take();
    if (!f) return false;
    texture_.upload(f->width, f->height, f->rgba.data());
    shown_ = f->index;
    return true;
}

void ViewerPanel::drawAngles(Workspace& ws, UiContext& ui) {
    const auto& angles = ws.angles();
    if (angles.size() < 2) return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.t("Angle"));
    for (size_t i = 0; i < angles.size(); ++i) {
        ImGui::SameLine();
        const bool on = i == ws.angleIndex();
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        char label[96];
        std::snprintf(label, sizeof label, "%zu %s", i + 1, ui.t(angles[i].name.c_str()));
        if (i < 4) {
            static const char* cmds[] = {"angle-1", "angle-2", "angle-3", "angle-4"};
            ui.commandButton(cmds[i], label);
        } else if (ImGui::Button((std::string(label) + "##angle" + std::to_string(i)).c_str())) {
            (void)ws.showAngle(i);
        }
        if (on) ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ui.t("(sound: main camera)"));
}

void ViewerPanel::draw(Workspace& ws, UiContext& ui) {
    drawAngles(ws, ui);
    update(ws);
    const EditorState& s = ws.state();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float controlsH = ImGui::GetFrameHeightWithSpacing() * 1.25f;
    ImVec2 area(avail.x, std::max(40.0f, avail.y - controlsH));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 matte = IM_COL32(12, 12, 14, 255);
    if (texture_.valid()) {
        float aspect = float(texture_.width()) / float(texture_.height());
        ImVec2 size(area.x, area.x / aspect);
        if (size.y > area.y) size = ImVec2(area.y * aspect, area.y);
        ImVec2 p(origin.x + (area.x - size.x) / 2, origin.y + (area.y - size.y) / 2);
        rect_ = {p, ImVec2(p.x + size.x, p.y + size.y)};
        // The matte only where the picture leaves the area (no layer under the picture).
        const ImVec2 end(origin.x + area.x, origin.y + area.y);
        if (p.y > origin.y) {
            dl->AddRectFilled(origin, ImVec2(end.x, p.y), matte);
            dl->AddRectFilled(ImVec2(origin.x, rect_.second.y), end, matte);
        }
        if (p.x > origin.x) {
            dl->AddRectFilled(origin, ImVec2(p.x, end.y), matte);
            dl->AddRectFilled(ImVec2(rect_.second.x, origin.y), end, matte);
        }
        dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_.id())), p,
                     ImVec2(p.x + size.x, p.y + size.y));
    } else {
        dl->AddRectFilled(origin, ImVec2(origin.x + area.x, origin.y + area.y), matte);
        const char* msg = ws.proxyJob() ? ui.t("Making the proxy…")
                                        : ui.t("No picture: the proxy is not there and cannot be made here.");
        dl->AddText(ImVec2(origin.x + 12, origin.y + 12), IM_COL32(200, 200, 200, 255), msg);
    }
    if (BackgroundJob* job = ws.proxyJob()) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + 12, origin.y + area.y - 30));
        char label[64];
        std::snprintf(label, sizeof label, "%s %.0f%%", ui.t("Making the proxy…"), job->fraction() * 100);
        ImGui::ProgressBar(static_cast<float>(job->fraction()), ImVec2(area.x * 0.5f, 0), label);
        ImGui::SameLine();
        if (ImGui::SmallButton(ui.t("Cancel"))) ws.cancelProxy();
    } else if (ws.canRetryProxy()) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + 12, origin.y + area.y - 30));
        if (ImGui::Button(ui.t("Make the proxy again"))) ws.retryProxy();
    }
    // Timecode and frame number over the picture: what an editor reads to be sure of a frame.
    {
        std::string tc = timecode(s.playhead, s.grid);
        char line[128];
        std::snprintf(line, sizeof line, "%s   %s %" PRId64, tc.c_str(), ui.t("frame"), s.grid.frameAt(s.playhead));
        ImFont* f = ui.bigFont ? ui.bigFont : ImGui::GetFont();
        ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, line);
        ImVec2 at(origin.x + 8, origin.y + 6);
        dl->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + ts.x + 4, at.y + ts.y + 2), IM_COL32(0, 0, 0, 160), 3);
        dl->AddText(f, f->FontSize, at, IM_COL32(255, 255, 255, 255), line);
        const auto& tr = ws.transport();
        char rate[48];
        if (tr.playing()) std::snprintf(rate, sizeof rate, "%s %+d×", ui.t("playing"), tr.rate());
        else std::snprintf(rate, sizeof rate, "%s", ui.t("paused"));
        ImVec2 rs = ImGui::CalcTextSize(rate);
        dl->AddText(ImVec2(origin.x + area.x - rs.x - 10, origin.y + 8), IM_COL32(255, 220, 120, 255), rate);
        if (ws.angleIndex() > 0) {
            const Angle& a = ws.angles()[ws.angleIndex()];
            const Micros end = a.start + a.asset.probe.duration;
            if (s.playhead < a.start || s.playhead >= end) {
                char note[160];
                std::snprintf(note, sizeof note, "%s %s – %s", ui.t(a.name.c_str()), formatTime(std::max<Micros>(0, a.start)).c_str(),
                              formatTime(end).c_str());
                ImVec2 ns = ImGui::CalcTextSize(note);
                ImVec2 np(origin.x + (area.x - ns.x) / 2, origin.y + 40);
                dl->AddRectFilled(ImVec2(np.x - 6, np.y - 3), ImVec2(np.x + ns.x + 6, np.y + ns.y + 3), IM_COL32(90, 20, 20, 200), 4);
                dl->AddText(np, IM_COL32(255, 230, 200, 255), note);
            }
        }
        if (const Marker* step = s.stepAt(s.playhead)) {
            char st[256];
            std::snprintf(st, sizeof st, "%s %d: %s", ui.t("Step"), s.stepNumber(step->id), step->title.c_str());
            // Above the proxy's progress bar or retry button when they sit at the picture's foot.
            const float foot = ws.proxyJob() || ws.canRetryProxy() ? 36.0f : 0.0f;
            ImVec2 sp(origin.x + 8, origin.y + area.y - ImGui::GetTextLineHeight() - 6 - foot);
            ImVec2 ss = ImGui::CalcTextSize(st);
            dl->AddRectFilled(ImVec2(sp.x - 4, sp.y - 2), ImVec2(sp.x + ss.x + 4, sp.y + ss.y + 2), IM_COL32(0, 0, 0, 170), 3);
            dl->AddText(sp, IM_COL32(150, 200, 255, 255), st);
        }
        if (const Cue* cue = s.cueAt(s.playhead)) {
            ImVec2 cs = ImGui::CalcTextSize(cue->text.c_str());
            ImVec2 cp(origin.x + (area.x - cs.x) / 2, origin.y + area.y - cs.y - 34);
            dl->AddRectFilled(ImVec2(cp.x - 6, cp.y - 3), ImVec2(cp.x + cs.x + 6, cp.y + cs.y + 3), IM_COL32(0, 0, 0, 190), 4);
            dl->AddText(cp, IM_COL32(255, 255, 255, 255), cue->text.c_str());
        }
    }
    ImGui::Dummy(area);

    // Transport: the same commands as the keys.
    ui.commandButton("go-start", "|<");
    ImGui::SameLine();
    ui.commandButton("back-1s", "<<");
    ImGui::SameLine();
    ui.commandButton("frame-back", "<|");
    ImGui::SameLine();
    ui.commandButton("play-pause", ws.transport().playing() ? "||" : " > ");
    ImGui::SameLine();
    ui.commandButton("frame-forward", "|>");
    ImGui::SameLine();
    ui.commandButton("forward-1s", ">>");
    ImGui::SameLine();
    ui.commandButton("go-end", ">|");
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    ui.commandButton("set-in", "I");
    ImGui::SameLine();
    ui.commandButton("set-out", "O");
    ImGui::SameLine();
    ui.commandButton("add-marker", "M");
    ImGui::SameLine();
    const char* kinds[] = {"step", "knack", "safety", "tag"};
    int kind = static_cast<int>(ws.newMarkerKind);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::BeginCombo("##newkind", ui.t(kinds[kind]))) {
        static const char* cmds[] = {"kind-step", "kind-knack", "kind-safety", "kind-tag"};
        for (int k = 0; k < 4; ++k)
            if (ImGui::Selectable(ui.t(kinds[k]), k == kind)) ui.commands.invoke(cmds[k]);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    std::string io = std::string(ui.t("In")) + " " + (s.markIn ? timecode(*s.markIn, s.grid) : "--") + "  " +
                     ui.t("Out") + " " + (s.markOut ? timecode(*s.markOut, s.grid) : "--");
    ImGui::TextUnformatted(io.c_str());
}

}  // namespace kotsu::annotate::ui
