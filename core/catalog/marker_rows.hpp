#pragma once
// What the marker writes (catalog_markers, catalog_restore) share about a row.
#include "core/catalog/database.hpp"
#include "core/model.hpp"

namespace kotsu::catalog {

// Binds the marker's angle: NULL for the main (markers from before migration 10 read the same).
void bindAngle(Statement& st, int index, const Marker& m);

}  // namespace kotsu::catalog
