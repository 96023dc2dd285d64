// CMX3600 EDL: one video track, one event per clip (gaps are missing record time; title cards are left to
// the editing software), ASCII reel names from the angle, `* FROM CLIP NAME`, knack and safety markers as
// `* LOC`. Timecodes non-drop at the story's rate; the record side starts at 01:00:00:00.
#include <cstdio>

#include "story/story_export.hpp"

namespace kotsu::story {

namespace {

std::string timecode(std::int64_t frames, int fps) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld:%02lld", static_cast<long long>(frames / (3600LL * fps)),
                  static_cast<long long>(frames / (60LL * fps) % 60), static_cast<long long>(frames / fps % 60),
                  static_cast<long long>(frames % fps));
    return buf;
}

// Printable ASCII in capitals; anything else (Japanese) dropped; at most `max` characters.
std::string ascii(const std::string& s, size_t max) {
    std::string out;
    for (unsigned char c : s) {
        if (out.size() >= max) break;
        if (c >= 0x20 && c < 0x7f) out += static_cast<char>(std::toupper(c));
    }
    return out;
}

}  // namespace

std::string edlText(const StoryDoc& doc) {
    // Non-drop timecode counts whole frames a second: the nominal integer rate.
    const int fps = std::max(1, static_cast<int>((doc.story.fps.num + doc.story.fps.den - 1) / doc.story.fps.den));
    const std::int64_t recordStart = 3600LL * fps;
    std::string title = ascii(doc.story.title, 60);
    std::string out = "TITLE: " + (title.empty() ? std::string("KOTSU STORY ") + std::to_string(doc.story.id) : title) +
                      "\nFCM: NON-DROP FRAME\n\n";
    int event = 0;
    for (size_t i = 0; i < doc.placed.size(); ++i) {
        const auto& p = doc.placed[i];
        if (p.item.kind != StoryItemKind::Clip) continue;
        const auto& src = doc.sources[i];
        char line[160];
        std::snprintf(line, sizeof line, "%03d  %-8s V     C        %s %s %s %s\n", ++event, ascii(p.item.angle, 8).c_str(),
                      timecode(p.srcInFrame, fps).c_str(), timecode(p.srcInFrame + p.frames, fps).c_str(),
                      timecode(recordStart + p.recordFrame, fps).c_str(),
                      timecode(recordStart + p.recordFrame + p.frames, fps).c_str());
        out += line;
        out += "* FROM CLIP NAME:  " + src.file.filename().string() + "\n";
        for (const auto& m : src.markers) {
            std::int64_t at = recordStart + p.recordFrame + toFrames(m.in, doc.story.fps) - p.srcInFrame;
            std::string words = ascii(m.title, 40);
            if (words.find_first_not_of(" /") == std::string::npos) words = "MARKER " + std::to_string(m.id);  // Japanese only
            words = std::string(m.kind == MarkerKind::Knack ? "KNACK " : "SAFETY ") + words;
            out += "* LOC: " + timecode(at, fps) + " " + (m.kind == MarkerKind::Knack ? "GREEN " : "RED   ") + "  " + words + "\n";
        }
    }
    return out;
}

}  // namespace kotsu::story
