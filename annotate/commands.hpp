#pragma once
// Undoable edits (ImHex's Operation/Stack): each Command holds the values it needs to do and undo
// itself, changes the EditorState and writes the same change to the catalog. The CommandStack runs
// each one inside a catalog transaction, so what is on screen is what is on disk after every
// edit: a killed editor reopens exactly as it was. The writes and the rules are the services'
// (marker_service, caption_service), the same the CLI uses.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "annotate/editor_state.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"

namespace kotsu::annotate {

// The rows an edit touches, by id: what tells whether an undo entry still applies after another
// process changed the session (CommandStack::rebase).
struct Footprint {
    std::set<Id> markers, cues, suggestions;
    std::set<Id> stories;  // story films whose items an edit replaced (annotate/story_edits)
    [[nodiscard]] bool meets(const Footprint& o) const;
    [[nodiscard]] bool empty() const { return markers.empty() && cues.empty() && suggestions.empty() && stories.empty(); }
};

class Command {
public:
    virtual ~Command() = default;
    // A short stable name ("add-marker", "trim-marker", ...): shown in Edit ▸ Undo and asserted by tests.
    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual Status apply(EditorState& s, catalog::Catalog& cat) = 0;
    [[nodiscard]] virtual Status revert(EditorState& s, catalog::Catalog& cat) = 0;
    // Adds the ids this command writes (once applied: an added row has its id by then).
    virtual void addFootprint(Footprint& f) const = 0;
};

using CommandPtr = std::unique_ptr<Command>;

class AddMarker final : public Command {
public:
    explicit AddMarker(Marker m, std::string name = "add-marker") : m_(std::move(m)), name_(std::move(name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;
    [[nodiscard]] const Marker& marker() const { return m_; }

private:
    Marker m_;
    std::string name_;
};

class RemoveMarker final : public Command {
public:
    explicit RemoveMarker(Marker m) : m_(std::move(m)) {}
    [[nodiscard]] std::string name() const override { return "remove-marker"; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    Marker m_;
};

// Trim, move, nudge and inspector edits: the marker before and after.
class UpdateMarker final : public Command {
public:
    UpdateMarker(Marker before, Marker after, std::string name)
        : before_(std::move(before)), after_(std::move(after)), name_(std::move(name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    Marker before_, after_;
    std::string name_;
};

class AddCue final : public Command {
public:
    AddCue(std::string lang, Cue c, std::string name = "add-cue")
        : lang_(std::move(lang)), c_(std::move(c)), name_(std::move(name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;
    [[nodiscard]] const Cue& cue() const { return c_; }

private:
    std::string lang_;
    Cue c_;
    std::string name_;
};

class RemoveCue final : public Command {
public:
    RemoveCue(std::string lang, Cue c) : lang_(std::move(lang)), c_(std::move(c)) {}
    [[nodiscard]] std::string name() const override { return "remove-cue"; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    std::string lang_;
    Cue c_;
};

class UpdateCue final : public Command {
public:
    UpdateCue(Cue before, Cue after, std::string name)
        : before_(std::move(before)), after_(std::move(after)), name_(std::move(name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    Cue before_, after_;
    std::string name_;
};

class SetSuggestionState final : public Command {
public:
    SetSuggestionState(Id id, std::string before, std::string after, std::string name)
        : id_(id), before_(std::move(before)), after_(std::move(after)), name_(std::move(name)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    Status set(EditorState& s, catalog::Catalog& cat, const std::string& state);
    Id id_;
    std::string before_, after_;
    std::string name_;
};

// Several commands as one undo step (split a step, accept a suggestion, import captions).
class Composite final : public Command {
public:
    Composite(std::string name, std::vector<CommandPtr> parts) : name_(std::move(name)), parts_(std::move(parts)) {}
    [[nodiscard]] std::string name() const override { return name_; }
    Status apply(EditorState& s, catalog::Catalog& cat) override;
    Status revert(EditorState& s, catalog::Catalog& cat) override;
    void addFootprint(Footprint& f) const override;

private:
    std::string name_;
    std::vector<CommandPtr> parts_;
};

class CommandStack {
public:
    CommandStack(EditorState& state, catalog::Catalog& cat) : state_(state), cat_(cat) {}

    // Applies and persists in one transaction. An edit that would break the marker rules
    // (core/marker_rules.hpp) when they held before is refused, and nothing changes.
    [[nodiscard]] Status execute(CommandPtr cmd);
    [[nodiscard]] Status undo();
    [[nodiscard]] Status redo();

    [[nodiscard]] bool canUndo() const { return !done_.empty(); }
    [[nodiscard]] bool canRedo() const { return !undone_.empty(); }
    [[nodiscard]] std::string undoName() const { return done_.empty() ? "" : done_.back()->name(); }
    [[nodiscard]] std::string redoName() const { return undone_.empty() ? "" : undone_.back()->name(); }
    // Every command run (execute, "undo:<name>", "redo:<name>"), oldest first: what tests assert on.
    [[nodiscard]] const std::vector<std::string>& log() const { return log_; }
    [[nodiscard]] size_t revision() const { return revision_; }

    // After the state was reloaded because another process wrote to the session: drops the
    // history that touches rows changed elsewhere (see the .cpp for why), keeps the rest.
    void rebase(const Footprint& changedElsewhere);

private:
    enum class Way { Apply, Revert };
    Status run(Command& cmd, Way way);

    EditorState& state_;
    catalog::Catalog& cat_;
    std::vector<CommandPtr> done_;
    std::vector<CommandPtr> undone_;
    std::vector<std::string> log_;
    size_t revision_ = 0;
};

}  // namespace kotsu::annotate
