// kotsu-annotate [--library DIR] [SESSION] [--screenshot out.png --frames N] [--size WxH] [--lang ja|en]
//                [--seek TIME] [--no-audio]
// The editor: a thin shell over annotate/ui's App.
#include <cstdio>
#include <cstring>
#include <string>

#include "annotate/ui/app.hpp"
#include "core/cancel.hpp"
#include "core/time.hpp"

namespace {

int usage(const char* why) {
    if (why) std::fprintf(stderr, "kotsu-annotate: %s\n", why);
    std::fprintf(stderr,
                 "usage: kotsu-annotate [--library DIR] [SESSION] [--lang ja|en] [--size WxH] [--seek TIME]\n"
                 "                      [--screenshot out.png --frames N] [--no-audio]\n"
                 "No SESSION: choose one from the library's sessions. F1 in the editor lists the keys.\n");
    return why ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    kotsu::annotate::ui::AppOptions opt;
    std::string screenshot;
    int frames = 0;
    std::optional<kotsu::Micros> seek;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "--help" || a == "-h") return usage(nullptr);
        if (a == "--library") {
            const char* v = value();
            if (!v) return usage("--library needs a folder");
            opt.library = v;
        } else if (a == "--screenshot") {
            const char* v = value();
            if (!v) return usage("--screenshot needs a file name");
            screenshot = v;
        } else if (a == "--frames") {
            const char* v = value();
            if (!v || std::atoi(v) <= 0) return usage("--frames needs a positive number");
            frames = std::atoi(v);
        } else if (a == "--size") {
            const char* v = value();
            if (!v || std::sscanf(v, "%dx%d", &opt.width, &opt.height) != 2) return usage("--size needs WxH");
        } else if (a == "--lang") {
            const char* v = value();
            if (!v || (std::strcmp(v, "ja") && std::strcmp(v, "en"))) return usage("--lang is ja or en");
            opt.lang = v;
        } else if (a == "--seek") {
            const char* v = value();
            if (!v || !(seek = kotsu::parseTime(v))) return usage("--seek needs a time (12.5, 00:01:02.5)");
        } else if (a == "--no-audio") {
            opt.audio = false;
        } else if (!a.empty() && a[0] == '-') {
            return usage(("unknown option " + a).c_str());
        } else if (opt.session.empty()) {
            opt.session = a;
        } else {
            return usage("one SESSION only");
        }
    }
    if (!screenshot.empty() && frames <= 0) frames = 3;
    kotsu::installCancelHandlers();
    auto app = kotsu::annotate::ui::App::create(opt);
    if (!app) {
        std::fprintf(stderr, "kotsu-annotate: %s\n", app.error().what().c_str());
        return 1;
    }
    if (seek && (*app)->workspace()) (*app)->workspace()->seek(*seek);
    if (screenshot.empty()) {
        auto editor = std::move(app).value();
        int code = editor->run();
        editor.reset();  // closes the session: jobs cancelled and joined, view saved
        return kotsu::cancelRequested() ? kotsu::cancelExitCode() : code;
    }
    (*app)->run(frames - 1);
    (*app)->frame(5000);  // the last frame shows exactly the frame at the playhead
    if (auto r = (*app)->screenshot(screenshot); !r) {
        std::fprintf(stderr, "kotsu-annotate: %s\n", r.error().what().c_str());
        return 1;
    }
    return 0;
}
