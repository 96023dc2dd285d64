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

}  // namespace kotsu
