#pragma once
// The picture half of a rendition: what a source frame needs to come out upright, square-pixelled,
// progressive, 8-bit BT.709 tv-range, at a constant rate, fitted into the profile's fixed frame.
// Described once here as a libavfilter spec; the transcoder only feeds it.
#include <string>
#include <vector>

#include "core/av/filter_graph.hpp"
#include "core/time.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

namespace kotsu::transcode {

// What the chain must undo, read from the stream (rotation, rates) and its first decoded frame
// (size, pixel format, colour, interlacing).
struct VideoSource {
    int width = 0;
    int height = 0;
    int pixelFormat = -1;          // AVPixelFormat
    Rational sampleAspect{1, 1};
    AVRational timeBase{1, 90000};
    int rotation = 0;              // degrees clockwise to display upright: 0, 90, 180, 270
    bool interlaced = false;       // deinterlace
    bool flaggedPerFrame = false;  // interlacing is flagged on frames (deinterlace only those)
    int colorRange = 0;            // AVColorRange
    int colorSpace = 2;            // AVColorSpace (2 = unspecified)
    int colorTransfer = 2;         // AVColorTransferCharacteristic
    int colorPrimaries = 2;        // AVColorPrimaries
    Rational constantRate{0, 1};   // known constant frame rate (frames from a shared first stage), 0 = unknown
    bool prefiltered = false;      // already resampled once (shared first stage): a bilinear downscale
                                   // (area-correct in swscale) is enough, bicubic is for the source
};

struct VideoTarget {
    int width = 0;                 // the fixed output frame
    int height = 0;
    Rational fps{30, 1};           // constant output rate
    std::vector<av::FilterNode> extraFilters;  // after scale/pad (burned-in captions), set through the API
    bool jpeg = false;             // full-range yuvj420p for the mjpeg encoder (thumbnails)
    bool pad = true;               // false: the output is the fitted picture itself (a shared first stage)
};

// Degrees clockwise a player turns the stream's picture (its display matrix), 0/90/180/270.
[[nodiscard]] int streamRotation(const AVStream* st);

// The constant output rate: the source's nominal rate snapped to a broadcast rate when close,
// halved or capped so it stays at or below maxFps.
[[nodiscard]] Rational outputFrameRate(Rational nominal, Rational average, int maxFps);

// The picture's size inside the target frame (even, aspect kept, after rotation and SAR).
struct Fit {
    int width = 0;   // displayed picture size inside the frame
    int height = 0;
    int x = 0;       // its offset (the rest is black bars)
    int y = 0;
};
[[nodiscard]] Fit fitInto(const VideoSource& src, int frameWidth, int frameHeight);

// "[in]…[out]": deinterlace → fps → scale+colour → rotate → pad → square pixels → extra → format.
// With extra filters the spec leaves the gap "…[extra_in];[extra_out]format…" that videoChainInserts fills.
// Steps the source does not need are left out (a picture already upright, 8-bit, tv-range BT.709,
// at the target rate and size passes through without a copy).
[[nodiscard]] std::string videoChainSpec(const VideoSource& src, const VideoTarget& target);
// The target's extra filters for FilterGraph::create (empty when it has none).
[[nodiscard]] std::vector<av::FilterInsert> videoChainInserts(const VideoTarget& target);

// buffer source arguments for `src`.
[[nodiscard]] av::FilterPad videoInput(const VideoSource& src);

}  // namespace kotsu::transcode
