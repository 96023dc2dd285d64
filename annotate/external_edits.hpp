#pragma once
// Edits another process makes to the open session (`kotsu markers S import` while the editor is
// open, a second editor): noticed through PRAGMA data_version, which changes on the editor's own
// connection only when another connection commits — one cheap query per UI frame. The editor then
// reloads markers, cues and suggestions (the playhead, marks and selection stay where they still
// make sense) and rebases its undo history (CommandStack::rebase) rather than writing over them.
#include <cstdint>

#include "annotate/commands.hpp"
#include "annotate/editor_state.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::annotate {

class ExternalEdits {
public:
    ExternalEdits(EditorState& state, CommandStack& stack, catalog::Catalog& cat);
    // true when another process changed this session since the last poll: the state was reloaded
    // and the history rebased. (Writes elsewhere in the catalog — a rendition, another session —
    // reload too, but change nothing.)
    [[nodiscard]] Result<bool> poll();
    // The catalog's data_version as last read: changes whenever another connection committed anything.
    [[nodiscard]] std::int64_t version() const { return seen_; }

private:
    EditorState& state_;
    CommandStack& stack_;
    catalog::Catalog& cat_;
    std::int64_t seen_ = -1;
};

// The ids that differ between two loads of a session: added, removed or changed rows.
[[nodiscard]] Footprint differences(const EditorState& before, const EditorState& after);

}  // namespace kotsu::annotate
