#pragma once
// Reads an .otio timeline back into a story's items: the order and trims an editor made (in Resolve,
// Kdenlive…) and the gaps they added (as black title cards without text). Clips are recognised by the
// kotsu metadata `story export` wrote; a clip without it is an error naming it.
#include <filesystem>
#include <vector>

#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::story {

[[nodiscard]] Result<std::vector<StoryItem>> importOtio(const std::filesystem::path& file, catalog::Catalog& cat,
                                                        const Story& story);

}  // namespace kotsu::story
