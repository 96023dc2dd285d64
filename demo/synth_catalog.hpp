#pragma once
// A generated catalog to search: sessions with markers and captions in Japanese and English, made
// from fixed word lists and a seeded generator (the same rows every time), for the search tests
// and bench/search.
#include <cstdint>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::demo {

struct CatalogSpec {
    int sessions = 100;
    int markersPerSession = 200;   // half Japanese, half English
    int cuesPerSession = 800;      // captions, "ja" and "en"
    std::uint32_t seed = 1;
};

// Adds spec.sessions sessions (titles "synth session N") with their markers and cues to `cat`.
[[nodiscard]] Status fillCatalog(catalog::Catalog& cat, const CatalogSpec& spec);

// Words the generated text is made of, for queries that find something.
[[nodiscard]] const char* const* catalogWords(bool japanese, int& count);

}  // namespace kotsu::demo
