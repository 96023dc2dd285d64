#include "annotate/ui/story_panel.hpp"

#include <imgui_stdlib.h>
#include <stb_image.h>

#include <algorithm>
#include <cstdio>

#include "annotate/story_edits.hpp"
#include "annotate/ui/viewer_panel.hpp"
#include "core/files.hpp"
#include "story/story_model.hpp"
#include "story/story_render.hpp"

namespace kotsu::annotate::ui {

namespace {

constexpr const char* kDragPayload = "KOTSU_STORY_ITEM";

std::string seconds(Micros us) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f s", double(us) / 1e6);
    return b;
}

}  // namespace

Status StoryPanel::createStory(Workspace& ws, const std::string& title, const std::string& templateName) {
    if (title.empty()) return Error::make("story", "give the story a title");
    auto beats = story::storyTemplate(templateName);
    if (!beats) return beats.error();
    Story s;
    s.title = title;
    s.templateName = templateName;
    auto created = ws.catalog().createStory(s, *beats);
    if (!created) return created.error();
    listed_ = false;
    selectStory(ws, created->id);
    return {};
}

void StoryPanel::selectStory(Workspace& ws, Id storyId) {
    story_ = Story{};
    story_.id = storyId;
    selected_ = 0;
    beat_.clear();
    playback_.stop();
    load(ws);
}

void StoryPanel::load(Workspace& ws) {
    auto& cat = ws.catalog();
    if (!listed_) {
        if (auto ss = cat.stories()) stories_ = std::move(ss).value();
        listed_ = true;
    }
    items_.clear();
    beats_.clear();
    if (!story_.id) return;
    auto found = cat.findStory(std::to_string(story_.id));
    if (!found || !*found) {
        ws.setStatus("story " + std::to_string(story_.id) + ": no longer in the library");
        story_ = Story{};
        return;
    }
    story_ = **found;
    if (auto items = cat.storyItems(story_.id)) items_ = std::move(items).value();
    else ws.setStatus(items.error().what());
    if (auto beats = cat.storyBeats(story_.id)) beats_ = std::move(beats).value();
    if (std::none_of(items_.begin(), items_.end(), [&](const StoryItem& it) { return it.id == selected_; })) selected_ = 0;
}

void StoryPanel::refresh(Workspace& ws) {
    auto version = ws.catalog().dataVersion();
    const bool fresh = seenWs_ != &ws;
    const bool elsewhere = !fresh && version && *version != seenVersion_;
    if (fresh || elsewhere || ws.stack().revision() != seenRevision_) {
        const auto before = items_;
        if (elsewhere) listed_ = false;  // a story made or removed by `kotsu story`
        load(ws);
        auto same = [](const StoryItem& a, const StoryItem& b) {
            return a.id == b.id && a.position == b.position && a.in == b.in && a.out == b.out && a.text == b.text;
        };
        if (elsewhere && story_.id && !std::equal(before.begin(), before.end(), items_.begin(), items_.end(), same)) {
            Footprint changed;
            changed.stories.insert(story_.id);
            ws.stack().rebase(changed);
            ws.setStatus("reloaded: the story was changed by another program");
        }
    }
    seenWs_ = &ws;
    seenRevision_ = ws.stack().revision();
    if (version) seenVersion_ = *version;
}

void StoryPanel::addSelection(Workspace& ws) {
    ws.post(storyAddSelection(ws.state(), story_, beat_));
    // The marks were used: clear them, as adding a marker from them does.
    ws.state().markIn.reset();
    ws.state().markOut.reset();
}

void StoryPanel::moveItem(Workspace& ws, Id item, int to) { ws.post(storyMove(story_, item, to)); }
void StoryPanel::trimItem(Workspace& ws, Id item, Micros in, Micros out) { ws.post(storyTrim(story_, item, in, out)); }
void StoryPanel::removeItem(Workspace& ws, Id item) { ws.post(storyRemove(story_, item)); }
void StoryPanel::play() { playback_.start(items_); }

std::optional<std::pair<ImVec2, ImVec2>> StoryPanel::rowRect(Id item) const {
    for (const auto& [id, r] : rows_)
        if (id == item) return r;
    return std::nullopt;
}

const gl::Texture* StoryPanel::thumbnail(Workspace& ws, const StoryItem& it) {
    if (it.kind != StoryItemKind::Clip) return nullptr;
    auto key = std::make_pair(it.sessionId, it.angle);
    auto set = sets_.find(key);
    if (set == sets_.end()) {
        ThumbnailSet found;
        if (auto angle = ws.catalog().angle(it.sessionId, it.angle))
            if (auto t = loadThumbnailSet(locateMedia(ws.library(), ws.catalog(), angle->asset).thumbsDir)) found = *t;
        set = sets_.emplace(key, std::move(found)).first;
    }
    const ThumbnailSet& ts = set->second;
    if (ts.empty() || ts.interval <= 0) return nullptr;
    const size_t i = std::min(ts.files.size() - 1, static_cast<size_t>(std::max<Micros>(0, it.in) / ts.interval));
    const std::string file = ts.files[i].string();
    if (auto t = textures_.find(file); t != textures_.end()) return &t->second;
    if (loadsThisFrame_-- <= 0) return nullptr;  // a few JPEG decodes a frame
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(file.c_str(), &w, &h, &n, 4);
    gl::Texture tex;
    if (px) tex.upload(w, h, px);
    stbi_image_free(px);
    return &textures_.emplace(file, std::move(tex)).first->second;
}

void StoryPanel::draw(Workspace& ws, UiContext& ui) {
    poll(ws);
    refresh(ws);
    if (!ui.showStory) return;
    loadsThisFrame_ = 4;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.02f, vp->WorkPos.y + vp->WorkSize.y * 0.04f), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.5f, vp->WorkSize.y * 0.62f), ImGuiCond_Appearing);
    ImGui::SetNextWindowBgAlpha(1.0f);  // over the viewer and timeline: nothing shows through
    if (!ImGui::Begin(ui.id("Story", "story").c_str(), &ui.showStory, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    // The story to work on, or a new one.
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    bool openNew = false;
    if (ImGui::BeginCombo(ui.t("Story"), story_.id ? story_.title.c_str() : ui.t("(none)"))) {
        for (const auto& s : stories_)
            if (ImGui::Selectable((s.title + "##story" + std::to_string(s.id)).c_str(), s.id == story_.id)) selectStory(ws, s.id);
        openNew = ImGui::Selectable(ui.t("New story…"));
        ImGui::EndCombo();
    }
    if (openNew) ImGui::OpenPopup("##newstory");  // from the window, where BeginPopup looks for it
    if (ImGui::BeginPopup("##newstory")) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
        ImGui::InputText(ui.t("Title"), &newTitle_);
        const char* templates[] = {"documentary", "blank"};
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        ImGui::Combo(ui.t("Template"), &newTemplate_, templates, 2);
        if (ImGui::Button(ui.t("Create"))) {
            if (auto r = createStory(ws, newTitle_, templates[newTemplate_]); !r) ws.setStatus(r.error().what());
            else ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (story_.id) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s %s  %dx%d", ui.t("Length"), seconds(story::totalDuration(items_)).c_str(), story_.width, story_.height);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        if (ImGui::BeginCombo(ui.t("Add to"), beat_.empty() ? ui.t("the end") : ui.t(beat_.c_str()))) {
            if (ImGui::Selectable(ui.t("the end"), beat_.empty())) beat_.clear();
            for (const auto& b : beats_)
                if (ImGui::Selectable(ui.t(b.name.c_str()), b.name == beat_)) beat_ = b.name;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ui.commandButton("story-add");
        ImGui::SameLine();
        ui.commandButton("story-play");
        if (const StoryItem* cur = playback_.current()) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "▶ %d/%d %s", playback_.index() + 1, playback_.count(), cur->text.c_str());
        }
        drawItems(ws, ui);
        drawSelected(ws, ui);
        drawRender(ws, ui);
    }
    ImGui::End();
}

void StoryPanel::drawItems(Workspace& ws, UiContext& ui) {
    rows_.clear();
    const float thumbH = ImGui::GetTextLineHeight() * 2.2f, thumbW = thumbH * 16 / 9;
    const float listH = std::max(thumbH * 3, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 3.4f);
    if (!ImGui::BeginChild("##storyitems", ImVec2(0, listH), true)) {
        ImGui::EndChild();
        return;
    }
    if (items_.empty()) ImGui::TextWrapped("%s", ui.t("No items yet. Select a marker (or set in and out) and press the Add key."));
    std::map<Id, std::string> sessionTitles;
    std::string beat = "\x01";
    int position = 0;
    for (const auto& it : items_) {
        if (it.kind == StoryItemKind::LowerThird) continue;
        ++position;
        if (it.beat != beat) {  // a heading per beat; a rule where items without a beat follow one
            if (!it.beat.empty()) ImGui::TextColored(ImVec4(0.95f, 0.75f, 0.35f, 1), "%s", ui.t(it.beat.c_str()));
            else if (beat != "\x01") ImGui::Separator();
            beat = it.beat;
        }
        ImGui::PushID(static_cast<int>(it.id));
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const bool playing = playback_.current() && playback_.current()->id == it.id;
        if (ImGui::Selectable("##row", selected_ == it.id || playing, 0, ImVec2(0, thumbH))) selected_ = it.id;
        const ImVec2 rmin = ImGui::GetItemRectMin(), rmax = ImGui::GetItemRectMax();
        rows_.push_back({it.id, {rmin, rmax}});
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload(kDragPayload, &it.id, sizeof it.id);
            ImGui::Text("%d. %s", position, it.text.c_str());
            ImGui::EndDragDropSource();
        }
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kDragPayload)) {
                Id dragged = *static_cast<const Id*>(p->Data);
                if (dragged != it.id) moveItem(ws, dragged, position);
            }
            ImGui::EndDragDropTarget();
        }
        // Drawn over the selectable: thumbnail, then the words.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (const gl::Texture* tex = thumbnail(ws, it); tex && tex->valid())
            dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex->id())), start, ImVec2(start.x + thumbW, start.y + thumbH));
        else
            dl->AddRectFilled(start, ImVec2(start.x + thumbW, start.y + thumbH),
                              it.kind == StoryItemKind::Title ? IM_COL32(60, 50, 90, 255) : IM_COL32(45, 45, 50, 255));
        std::string line1 = std::to_string(position) + ". " + (it.text.empty() ? story::itemName(it) : it.text);
        std::string line2;
        if (it.kind == StoryItemKind::Clip) {
            auto& st = sessionTitles[it.sessionId];
            if (st.empty()) {
                auto s = ws.catalog().session(it.sessionId);
                st = s ? s->title : "session " + std::to_string(it.sessionId);
            }
            line2 = st + "  " + formatTime(it.in) + " – " + formatTime(it.out) + "  (" + seconds(it.duration()) + ")";
        } else {
            line2 = std::string(ui.t("title card")) + "  (" + seconds(it.duration()) + ")";
        }
        for (const auto& lt : items_)
            if (lt.kind == StoryItemKind::LowerThird && lt.parentId == it.id) line2 += "  + " + lt.text;
        const float x = start.x + thumbW + 8;
        dl->PushClipRect(rmin, rmax, true);
        dl->AddText(ImVec2(x, start.y), IM_COL32(235, 235, 235, 255), line1.c_str());
        dl->AddText(ImVec2(x, start.y + ImGui::GetTextLineHeight() * 1.1f), IM_COL32(170, 170, 175, 255), line2.c_str());
        dl->PopClipRect();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

void StoryPanel::drawSelected(Workspace& ws, UiContext& ui) {
    auto it = std::find_if(items_.begin(), items_.end(), [&](const StoryItem& x) { return x.id == selected_; });
    if (it == items_.end()) {
        trimFor_ = 0;
        ImGui::TextDisabled("%s", ui.t("Drag rows to reorder; select one to trim or remove it."));
        return;
    }
    if (trimFor_ != it->id || (!ImGui::IsAnyItemActive() && (trimIn_ != double(it->in) / 1e6 || trimOut_ != double(it->out) / 1e6))) {
        trimFor_ = it->id;
        trimIn_ = double(it->in) / 1e6;
        trimOut_ = double(it->out) / 1e6;
    }
    bool commit = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::DragScalar(ui.t("In"), ImGuiDataType_Double, &trimIn_, 0.04f, nullptr, nullptr, "%.2f s");
    commit |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::DragScalar(ui.t("Out"), ImGuiDataType_Double, &trimOut_, 0.04f, nullptr, nullptr, "%.2f s");
    commit |= ImGui::IsItemDeactivatedAfterEdit();
    if (it->kind == StoryItemKind::Clip && it->sessionId == ws.state().session.id) {
        // The playhead of the open session as the new in or out.
        ImGui::SameLine();
        if (ImGui::Button(ui.t("In at playhead"))) trimIn_ = double(ws.state().playhead) / 1e6, commit = true;
        ImGui::SameLine();
        if (ImGui::Button(ui.t("Out at playhead"))) trimOut_ = double(ws.state().playhead) / 1e6, commit = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(ui.t("Remove"))) removeItem(ws, it->id);
    if (commit) {
        const Micros in = static_cast<Micros>(trimIn_ * 1e6 + 0.5), out = static_cast<Micros>(trimOut_ * 1e6 + 0.5);
        if (in != it->in || out != it->out) trimItem(ws, it->id, in, out);
    }
}

void StoryPanel::drawRender(Workspace& ws, UiContext& ui) {
    if (renderOut_.empty())
        renderOut_ = (ws.library().root / "stories" / (folderNameFor(story_.title) + ".mp4")).string();
    const bool running = job_ && !job_->finished();
    if (running) ImGui::BeginDisabled();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    ImGui::InputText("##renderout", &renderOut_);
    ImGui::SameLine();
    if (ImGui::Button(ui.t("Render"))) startRender(ws, renderOut_);
    if (running) ImGui::EndDisabled();
    if (job_) {
        ImGui::SameLine();
        if (ImGui::Button(ui.t("Cancel"))) cancelRender();
        char label[64];
        std::snprintf(label, sizeof label, "%.0f%%", job_->fraction() * 100);
        ImGui::ProgressBar(static_cast<float>(job_->fraction()), ImVec2(-1, 0), label);
    }
    if (!result_.empty()) ImGui::TextWrapped("%s", result_.c_str());
}

void StoryPanel::startRender(Workspace& ws, const std::filesystem::path& out, const std::string& aspect) {
    if (job_ && !job_->finished()) return;
    job_.reset();
    result_.clear();
    renderOut_ = out.string();
    Library lib = ws.library();
    Story s = story_;
    job_ = std::make_unique<BackgroundJob>(
        "story", std::max<Micros>(1, story::totalDuration(items_)),
        [lib, s, out, aspect](Progress& p, const CancelToken& cancel) -> Status {
            auto cat = lib.openCatalog();  // this thread's own connection
            if (!cat) return cat.error();
            auto doc = story::loadStoryDoc(*cat, lib, s);
            if (!doc) return doc.error();
            std::error_code ec;
            std::filesystem::create_directories(out.parent_path(), ec);
            if (ec) return Error::make(out.parent_path().string(), ec.message());
            story::RenderOptions o{.out = out, .aspect = aspect};
            o.cancel = cancel;
            o.progress = &p;
            auto done = story::renderStory(*cat, *doc, o);
            if (!done) return done.error();
            return {};
        });
}

void StoryPanel::cancelRender() {
    if (job_ && !job_->finished()) job_->cancel();
}

void StoryPanel::poll(Workspace& ws) {
    if (!job_ || !job_->finished()) return;
    result_ = job_->conclude("story: " + renderOut_, "story render cancelled");
    ws.setStatus(result_);
    job_.reset();
}

}  // namespace kotsu::annotate::ui
