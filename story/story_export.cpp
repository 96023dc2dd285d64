#include "story/story_export.hpp"

#include "core/files.hpp"
#include "story/title_card.hpp"

namespace kotsu::story {

namespace fs = std::filesystem;

std::optional<ExportFormat> exportFormatFrom(std::string_view name) {
    if (name == "otio") return ExportFormat::Otio;
    if (name == "fcpxml") return ExportFormat::Fcpxml;
    if (name == "edl") return ExportFormat::Edl;
    if (name == "mlt") return ExportFormat::Mlt;
    return std::nullopt;
}

std::string percentEncode(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string fileUrl(const fs::path& absolute) { return "file://" + percentEncode(absolute.generic_string()); }

Result<Exported> exportStory(const StoryDoc& doc, ExportFormat format, const fs::path& out, bool relative) {
    const fs::path dir = fs::absolute(out).parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Error::make(out.string(), "its folder does not exist");
    ExportRefs refs;
    auto ref = [&](const fs::path& file, std::string& url, std::string& path) {
        if (relative) {
            path = fs::relative(file, dir, ec).generic_string();
            url = percentEncode(path);
        } else {
            path = file.generic_string();
            url = fileUrl(file);
        }
    };
    Exported done;
    const std::string stem = out.stem().string();
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const auto& p = doc.placed[i];
        refs.media.emplace_back();
        refs.mediaPath.emplace_back();
        if (p.item.kind == StoryItemKind::Clip) ref(doc.sources[i].file, refs.media.back(), refs.mediaPath.back());
        std::vector<StoryItem> cards = p.lowerThirds;
        if (p.item.kind == StoryItemKind::Title) cards.insert(cards.begin(), p.item);
        for (const auto& card : cards) {
            if (format == ExportFormat::Edl) continue;  // an EDL names clips only
            fs::path png = dir / (stem + "-" + toString(card.kind) + "-" + std::to_string(card.id) + ".png");
            KOTSU_TRY(writeCardPng(card, doc.story.width, doc.story.height, png));
            ref(png, refs.picture[card.id], refs.picturePath[card.id]);
            ++done.pictures;
        }
    }
    std::string text;
    switch (format) {
        case ExportFormat::Otio: text = otioText(doc, refs); break;
        case ExportFormat::Fcpxml: text = fcpxmlText(doc, refs); break;
        case ExportFormat::Edl: text = edlText(doc); break;
        case ExportFormat::Mlt: text = mltText(doc, refs); break;
    }
    KOTSU_TRY(writeFileAtomic(out, text));
    return done;
}

}  // namespace kotsu::story
