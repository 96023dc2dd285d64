#pragma once
// Thumbnails for the editor's timeline, made during the proxy pass from the same decoded frames.
//
// Folder format (cache/<asset id>/thumbs/):
//   NNNNNN.jpg   one JPEG per second, NNNNNN = the second (000000.jpg shows t = 0 s, 000001.jpg 1 s, …),
//                160×90, the picture upright and pillar/letterboxed like the renditions
//   index.json   {"format": "kotsu.thumbnails", "version": 1, "interval_us": 1000000,
//                 "width": 160, "height": 90, "count": N, "files": ["000000.jpg", …]}
// The folder is written whole under a temporary name and renamed into place.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "transcode/output_sink.hpp"
#include "transcode/video_pipe.hpp"

namespace kotsu::transcode {

inline constexpr int kThumbWidth = 160;
inline constexpr int kThumbHeight = 90;

struct ThumbnailIndex {
    std::filesystem::path dir;
    Micros interval = 1000000;
    int width = kThumbWidth;
    int height = kThumbHeight;
    std::vector<std::string> files;  // relative to dir, file i shows t = i · interval
};

[[nodiscard]] Result<ThumbnailIndex> loadThumbnails(const std::filesystem::path& dir);
// The thumbnails in time order (absolute paths); empty when there are none.
[[nodiscard]] std::vector<std::filesystem::path> thumbnailPaths(const std::filesystem::path& dir);
// The thumbnail to show at `t` (the last one at or before it).
[[nodiscard]] std::optional<std::filesystem::path> thumbnailAt(const ThumbnailIndex& index, Micros t);

// Writes the folder from decoded frames (an OutputSink for the transcoder).
class ThumbnailWriter final : public OutputSink {
public:
    [[nodiscard]] static Result<std::unique_ptr<ThumbnailWriter>> open(const std::filesystem::path& dir,
                                                                       VideoStreamFacts facts);
    ~ThumbnailWriter() override;
    [[nodiscard]] Status video(av::Frame& frame) override;
    [[nodiscard]] Status audio(int, av::Frame&) override { return {}; }
    [[nodiscard]] Status finish(std::int64_t videoEndPts) override;
    [[nodiscard]] Status commit() override;

private:
    struct State;
    explicit ThumbnailWriter(std::unique_ptr<State> s);
    Status encode(av::Frame* frame);
    std::unique_ptr<State> s_;
};

}  // namespace kotsu::transcode
