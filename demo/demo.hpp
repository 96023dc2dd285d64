#pragma once
// `kotsu demo`: make the demo footage, ingest it, make the editor's proxy, import the markers and
// captions, and package both profiles — the whole pipeline, in one command.
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/library.hpp"
#include "demo/demo_session.hpp"

namespace kotsu::demo {

struct DemoOptions {
    std::filesystem::path out;   // the package folder
    DemoShape shape;
    bool proxy = true;           // also make the editor's proxy, thumbnails and waveform
    bool showProgress = false;
    std::function<void(const std::string&)> say;  // one line per stage
};

struct DemoResult {
    std::string sessionTitle;
    std::filesystem::path footage;
    std::filesystem::path package;
    std::filesystem::path indexHtml;
    int steps = 0;
    std::string storyTitle;  // a small story film from the session (kotsu story STORY render)
};

[[nodiscard]] Result<DemoResult> runDemo(const Library& lib, const DemoOptions& options);

inline constexpr const char* kDemoSessionTitle = "Demo: フランジ締結 / Flange bolt tightening";
inline constexpr const char* kDemoStoryTitle = "Demo story: 熟練の技 — フランジ締結";

}  // namespace kotsu::demo
