// Story playback in the viewer (annotate/story_playback): the App opens sessions, the model says when.
#include "annotate/ui/app.hpp"

#include <algorithm>

namespace kotsu::annotate::ui {

void App::tickStory() {
    StoryPlayback& pb = story_.playback();
    // Two steps at most a frame: leaving one clip and seeking into the next.
    for (int guard = 0; guard < 2 && pb.active() && ws_; ++guard) {
        const EditorState& s = ws_->state();
        const Micros frame = std::max<Micros>(1, s.grid.timeOf(1) - s.grid.timeOf(0));
        auto next = pb.next(s.session.id, s.playhead, ws_->transport().playing(), s.lastFrame(), frame);
        switch (next.what) {
        case StoryPlayback::Do::Nothing:
            return;
        case StoryPlayback::Do::Open:
            if (auto r = openSession(next.sessionId); !r) {
                pb.stop();
                if (ws_) ws_->setStatus(r.error().what());
                return;
            }
            break;
        case StoryPlayback::Do::SeekAndPlay:
            ws_->seek(next.at);
            if (!ws_->transport().playing()) ws_->togglePlay();
            return;
        case StoryPlayback::Do::Stop:
            ws_->pause();
            if (next.at >= 0) ws_->seek(next.at);
            return;
        }
    }
}

}  // namespace kotsu::annotate::ui
