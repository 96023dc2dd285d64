#include "annotate/story_playback.hpp"

#include <algorithm>

namespace kotsu::annotate {

void StoryPlayback::start(const std::vector<StoryItem>& items) {
    clips_.clear();
    for (const auto& it : items)
        if (it.kind == StoryItemKind::Clip) clips_.push_back(it);
    index_ = clips_.empty() ? -1 : 0;
    seeked_ = false;
}

StoryPlayback::Next StoryPlayback::next(Id openSession, Micros playhead, bool playing, Micros lastFrame, Micros frame) {
    const StoryItem* it = current();
    if (!it) return {};
    if (openSession != it->sessionId) {
        seeked_ = false;
        return {Do::Open, it->sessionId, 0};
    }
    if (!seeked_) {
        seeked_ = true;
        return {Do::SeekAndPlay, 0, it->in};
    }
    const bool reachedOut = playhead + frame >= it->out || (!playing && playhead >= lastFrame);
    if (!reachedOut) {
        if (playing) return {};
        stop();  // the editor paused: the story stops where it is
        return {Do::Stop, 0, -1};
    }
    const Micros lastOfItem = std::max(it->in, it->out - frame);
    ++index_;
    seeked_ = false;
    if (!active()) {
        stop();  // the end: on the last item's last frame, however late the frame that noticed it
        return {Do::Stop, 0, lastOfItem};
    }
    return next(openSession, playhead, playing, lastFrame, frame);
}

}  // namespace kotsu::annotate
