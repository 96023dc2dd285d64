#include "annotate/ui/package_panel.hpp"

#include <imgui_stdlib.h>

#include <cstdio>

#include "player/package/output_folder.hpp"
#include "player/package/package.hpp"

namespace kotsu::annotate::ui {

void PackagePanel::start(Workspace& ws, const PackageRequest& req) {
    if (job_ && !job_->finished()) return;
    job_.reset();
    req_ = req;
    result_.clear();
    Library lib = ws.library();
    Session session = ws.state().session;
    package::PackageOptions opts;
    opts.out = req.out;
    opts.profiles.clear();
    if (req.tablet) opts.profiles.push_back("tablet");
    if (req.glasses) opts.profiles.push_back("glasses");
    opts.zip = req.zip;
    job_ = std::make_unique<BackgroundJob>("package", ws.state().duration * static_cast<Micros>(std::max<size_t>(1, opts.profiles.size())),
                                           [lib, session, opts](Progress& p, const CancelToken& cancel) mutable -> Status {
                                               auto cat = lib.openCatalog();  // this thread's own connection
                                               if (!cat) return cat.error();
                                               opts.progress = &p;
                                               opts.cancel = cancel;
                                               auto r = package::buildPackage(lib, *cat, session, opts);
                                               if (!r) return r.error();
                                               return {};
                                           });
}

void PackagePanel::cancel() {
    if (job_ && !job_->finished()) job_->cancel();
}

void PackagePanel::poll(Workspace& ws) {
    if (!job_ || !job_->finished()) return;
    result_ = job_->conclude("package: " + req_.out, "package cancelled");
    ws.setStatus(result_);
    job_.reset();
}

void PackagePanel::draw(Workspace& ws, UiContext& ui) {
    poll(ws);
    if (!ui.showPackage) return;
    if (!initialised_) {
        req_.out = package::defaultOutputFolder(ws.library(), ws.state().session.title).string();
        initialised_ = true;
    }
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin(ui.id("Package", "package").c_str(), &ui.showPackage,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse)) {
        const bool running = job_ && !job_->finished();
        if (running) ImGui::BeginDisabled();
        ImGui::TextUnformatted(ui.t("Profiles"));
        ImGui::Checkbox("tablet", &req_.tablet);
        ImGui::SameLine();
        ImGui::Checkbox("glasses", &req_.glasses);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        ImGui::InputText(ui.t("Output folder"), &req_.out);
        ImGui::Checkbox(ui.t("Also write a .zip"), &req_.zip);
        const bool canStart = req_.tablet || req_.glasses;
        if (!canStart) ImGui::BeginDisabled();
        if (ImGui::Button(ui.t("Start"), ImVec2(ImGui::GetFontSize() * 8, 0))) start(ws, req_);
        if (!canStart) ImGui::EndDisabled();
        if (running) ImGui::EndDisabled();
        if (job_) {
            ImGui::SameLine();
            if (ImGui::Button(ui.t("Cancel"))) cancel();
            char label[96];
            std::snprintf(label, sizeof label, "%.0f%%  (%.0f s)", job_->fraction() * 100, job_->secondsLeft());
            ImGui::ProgressBar(static_cast<float>(job_->fraction()), ImVec2(ImGui::GetFontSize() * 30, 0), label);
        }
        if (!result_.empty()) ImGui::TextWrapped("%s", result_.c_str());
    }
    ImGui::End();
}

}  // namespace kotsu::annotate::ui
