#include "core/model.hpp"

namespace kotsu {

const char* toString(MarkerKind k) {
    switch (k) {
        case MarkerKind::Step: return "step";
        case MarkerKind::Knack: return "knack";
        case MarkerKind::Safety: return "safety";
        case MarkerKind::Tag: return "tag";
    }
    return "tag";
}

std::optional<MarkerKind> markerKindFrom(std::string_view s) {
    if (s == "step") return MarkerKind::Step;
    if (s == "knack") return MarkerKind::Knack;
    if (s == "safety") return MarkerKind::Safety;
    if (s == "tag") return MarkerKind::Tag;
    return std::nullopt;
}

const char* toString(StoryItemKind k) {
    switch (k) {
        case StoryItemKind::Clip: return "clip";
        case StoryItemKind::Title: return "title";
        case StoryItemKind::LowerThird: return "lower-third";
    }
    return "clip";
}

std::optional<StoryItemKind> storyItemKindFrom(std::string_view s) {
    if (s == "clip") return StoryItemKind::Clip;
    if (s == "title") return StoryItemKind::Title;
    if (s == "lower-third") return StoryItemKind::LowerThird;
    return std::nullopt;
}

}  // namespace kotsu
