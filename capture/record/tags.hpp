#pragma once
// The tag bus: live tags from the terminal keys, the phone page and scripts, on one session clock.
// Every tag (and every undo) is appended to a sidecar file and fsynced before anything else sees
// it, so tags survive a crash together with the footage (`kotsu capture recover` reads them back).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

namespace kotsu::record {

struct Tag {
    std::int64_t id = 0;
    Micros t = 0;            // session clock (µs since the take started), lead time already taken off
    std::string label;       // "コツ"
    std::string kind;        // step | knack | safety | ng | good | retake | sync | mark …
    std::string source;      // key | http | api
};

// One entry of the palette (assets/tag_palette.conf): key 1–9.
struct PaletteEntry {
    char key = '1';
    std::string kind;
    std::string ja;
    std::string en;
};
[[nodiscard]] Result<std::vector<PaletteEntry>> loadPalette();

// The marker kind a tag kind becomes: step, knack and safety as such, anything else a tag.
[[nodiscard]] MarkerKind markerKindOf(const std::string& tagKind);

class TagBus {
public:
    using Clock = std::function<Micros()>;
    // Appends to `sidecar` (created when missing; existing tags are read back so ids continue).
    static Result<std::unique_ptr<TagBus>> open(const std::filesystem::path& sidecar, Clock clock);
    ~TagBus();

    // Now minus `leadSeconds` (≥ 0), clamped at 0. Fails only when the sidecar cannot be written.
    [[nodiscard]] Result<Tag> add(const std::string& label, const std::string& kind, double leadSeconds,
                                  const std::string& source);
    // Removes tag `id`; false when there is no such live tag.
    [[nodiscard]] Result<bool> undo(std::int64_t id);
    [[nodiscard]] Result<std::optional<Tag>> undoLast();
    [[nodiscard]] std::vector<Tag> tags() const;  // the live ones, in time order
    [[nodiscard]] Micros now() const { return clock_(); }
    void onChange(std::function<void()> f);

private:
    TagBus() = default;
    [[nodiscard]] Status append(const std::string& line);
    int fd_ = -1;
    Clock clock_;
    mutable std::mutex m_;
    std::vector<Tag> tags_;
    std::int64_t nextId_ = 1;
    std::function<void()> changed_;
};

// The live tags of a sidecar (undone ones removed). A torn last line (crash mid-write) is ignored.
[[nodiscard]] Result<std::vector<Tag>> readSidecar(const std::filesystem::path& sidecar);

}  // namespace kotsu::record
