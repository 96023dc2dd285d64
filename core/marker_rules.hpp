#pragma once
// The rules every set of markers obeys, checked before anything is written:
// in ≥ 0, out after in (a `tag` may be a point), inside the media, steps ordered and not
// overlapping, knack and safety markers inside a step.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu {

// mediaDuration ≤ 0 skips the "inside the media" rule. Errors name the entry at fault:
// "entry 3 (step "仮締め" 00:00:12.500–00:00:31.250): overlaps step 2 …".
[[nodiscard]] Status validateMarkers(const std::vector<Marker>& markers, Micros mediaDuration);
// The rules one marker obeys on its own (in ≥ 0, out after in, inside the media, a step's title),
// checked before it is written; the errors name it.
[[nodiscard]] Status validateMarker(const Marker& m, Micros mediaDuration);
// A short human name for error messages.
[[nodiscard]] std::string describe(const Marker& m);
// Steps only, ordered by in.
[[nodiscard]] std::vector<Marker> stepsOf(const std::vector<Marker>& markers);

}  // namespace kotsu
