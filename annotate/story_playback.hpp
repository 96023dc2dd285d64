#pragma once
// Playing a story through in the viewer, across sessions: the story's clips in film order; for each,
// the editor opens its session when another is open, seeks to its in point and plays, and moves on at
// its out point. Titles and lower thirds have no picture in the viewer and are passed over. A model
// without drawing: the editor asks next() once a frame and does what it says.
#include <vector>

#include "core/model.hpp"

namespace kotsu::annotate {

class StoryPlayback {
public:
    void start(const std::vector<StoryItem>& items);
    void stop() { index_ = -1; }
    [[nodiscard]] bool active() const { return index_ >= 0 && index_ < static_cast<int>(clips_.size()); }
    [[nodiscard]] const StoryItem* current() const { return active() ? &clips_[static_cast<size_t>(index_)] : nullptr; }
    [[nodiscard]] int index() const { return index_; }  // 0-based among the clips
    [[nodiscard]] int count() const { return static_cast<int>(clips_.size()); }

    enum class Do { Nothing, Open, SeekAndPlay, Stop };
    struct Next {
        Do what = Do::Nothing;
        Id sessionId = 0;  // Open
        Micros at = 0;     // SeekAndPlay; Stop: where to leave the playhead (-1: where it is)
    };
    // openSession: the session the viewer has open; playhead and playing as the transport says;
    // lastFrame: where the open media ends; frame: one frame's length (an out point is reached when the
    // playhead is within a frame of it). A pause by the editor ends the playback.
    [[nodiscard]] Next next(Id openSession, Micros playhead, bool playing, Micros lastFrame, Micros frame);

private:
    std::vector<StoryItem> clips_;
    int index_ = -1;
    bool seeked_ = false;
};

}  // namespace kotsu::annotate
