#pragma once
// Packaging from the editor: profiles, output folder, Start runs package::buildPackage on a
// background thread (its own catalog connection) with progress; Cancel stops it. The editor keeps
// running meanwhile.
#include <memory>
#include <string>

#include "annotate/background_job.hpp"
#include "annotate/ui/ui_context.hpp"
#include "annotate/workspace.hpp"

namespace kotsu::annotate::ui {

struct PackageRequest {
    std::string out;
    bool tablet = true;
    bool glasses = true;
    bool zip = false;
};

class PackagePanel {
public:
    void draw(Workspace& ws, UiContext& ui);
    // Starts the job (the button, and tests).
    void start(Workspace& ws, const PackageRequest& req);
    void cancel();
    [[nodiscard]] BackgroundJob* job() { return job_.get(); }
    [[nodiscard]] const std::string& result() const { return result_; }
    // Picks up a finished job; call every frame.
    void poll(Workspace& ws);

private:
    PackageRequest req_;
    bool initialised_ = false;
    std::unique_ptr<BackgroundJob> job_;
    std::string result_;
};

}  // namespace kotsu::annotate::ui
