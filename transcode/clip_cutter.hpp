#pragma once
// Cutting a clip out of an encoded file without a second encode: the encode placed keyframes at
// every step boundary, so a clip is a run of whole closed GOPs, copied packet by packet.
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace kotsu::transcode {

struct ClipInfo {
    Micros duration = 0;   // of the video in the clip
    Micros sourceIn = 0;   // where the clip's first frame sits in the source (first frame = 0)
    int videoFrames = 0;
};

// Copies [in, out) of `source` (times from its first frame) into `out`: video from the keyframe at
// `in` up to the keyframe at `out`, audio packets that fall within the same span, timestamps
// rebased to 0, index at the front (faststart). Written under a temporary name, renamed when done.
[[nodiscard]] Result<ClipInfo> cutClip(const std::string& source, const std::filesystem::path& out, Micros in,
                                       Micros outTime);

}  // namespace kotsu::transcode
