#pragma once
// Without a SESSION argument: the library's sessions to choose from.
#include <optional>
#include <vector>

#include "annotate/ui/ui_context.hpp"
#include "core/library.hpp"
#include "core/model.hpp"

namespace kotsu::annotate::ui {

class SessionPicker {
public:
    // Rereads the list from the catalog.
    void refresh(const Library& lib);
    // The session chosen this frame, if any.
    [[nodiscard]] std::optional<Id> draw(UiContext& ui, bool modal);

private:
    std::vector<Session> sessions_;
    std::string error_;
    Id selected_ = 0;
};

}  // namespace kotsu::annotate::ui
