#pragma once
// Tags made with `kotsu tag` (no recording: the PC's clock) placed on camera files at ingest. A file's
// place on the PC clock is its creation time plus `--clock-offset` (camera clock + offset = PC clock);
// better, a "sync" tag made at a clap is aligned with the sharpest sound transient near it in the
// camera's audio, and that correction moves every tag of the file.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "capture/record/tags.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::record {

// A tags-only take (kotsu tag): its folder, its start on the PC clock (Unix µs) and its tags.
struct TagTake {
    std::filesystem::path folder;
    std::string session;
    std::int64_t startedUnixUs = 0;
    std::vector<Tag> tags;
};

// Starts a tags-only take folder (recordings/<session>-<time>-tags/ with take.json): the caller runs a
// TagBus on <folder>/tags.jsonl with the clock `startedUnixUs` + steady time.
[[nodiscard]] Result<TagTake> newTagTake(const Library& lib, const std::string& session, std::int64_t startedUnixUs);
// The tags-only takes of a session found under recordings/.
[[nodiscard]] Result<std::vector<TagTake>> tagTakesOf(const Library& lib, const std::string& session);

// "2026-12-02T03:00:00.5Z" → Unix µs (UTC; a time without a zone is taken as UTC, as MP4 stores it).
[[nodiscard]] std::optional<std::int64_t> parseCreationTime(const std::string& iso);

// The file time (µs) of the sharpest onset of sound within ±window of `around`, or nothing when the
// file has no sound there.
[[nodiscard]] Result<std::optional<Micros>> findClap(const std::string& file, Micros around, Micros window = 2'000'000);

struct Placement {
    std::string method;    // "sync clap" | "creation time + clock offset" | "none"
    Micros correction = 0; // how far the clap moved the tags (sync clap)
    int markers = 0;
    std::vector<std::string> notes;
};

// Places the takes' tags that fall inside `asset` (ingested, role main) as markers of its session.
[[nodiscard]] Result<Placement> placeTags(const Library& lib, catalog::Catalog& cat, const Asset& asset,
                                          const std::vector<TagTake>& takes, Micros clockOffset);

}  // namespace kotsu::record
