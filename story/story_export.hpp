#pragma once
// Exports of a story for editing software: the media referenced where it lies (file:// URLs, or relative
// to the export with --relative), title cards and lower thirds as PNG pictures beside the export, the
// file written under a temporary name. The formats are in export_otio, export_fcpxml, export_edl, export_mlt.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "core/error.hpp"
#include "story/story_model.hpp"

namespace kotsu::story {

enum class ExportFormat { Otio, Fcpxml, Edl, Mlt };
[[nodiscard]] std::optional<ExportFormat> exportFormatFrom(std::string_view name);

// What a format writer needs besides the story: how to name each clip's media and each card's picture.
struct ExportRefs {
    std::vector<std::string> media;      // per placed item: a URL (file:///…, or relative, %-encoded); titles: ""
    std::vector<std::string> mediaPath;  // per placed item: a plain path (absolute, or relative with --relative)
    std::map<Id, std::string> picture;   // card item id → its PNG, as a URL like `media`
    std::map<Id, std::string> picturePath;
};

// "file:///a/b%20c.mp4"; characters outside RFC 3986's unreserved set and '/' are %-encoded (UTF-8 bytes).
[[nodiscard]] std::string fileUrl(const std::filesystem::path& absolute);
[[nodiscard]] std::string percentEncode(const std::string& path);

struct Exported {
    int pictures = 0;
};
[[nodiscard]] Result<Exported> exportStory(const StoryDoc& doc, ExportFormat format, const std::filesystem::path& out,
                                           bool relative);

// The formats' text.
[[nodiscard]] std::string otioText(const StoryDoc& doc, const ExportRefs& refs);
[[nodiscard]] std::string fcpxmlText(const StoryDoc& doc, const ExportRefs& refs);
[[nodiscard]] std::string edlText(const StoryDoc& doc);
[[nodiscard]] std::string mltText(const StoryDoc& doc, const ExportRefs& refs);


}  // namespace kotsu::story
