#pragma once
// A take: the folder a recording is written into (recordings/<session>-<time>/ in the library), with
// take.json (the session and each file's devices and clock offsets), tags.jsonl (the tag sidecar) and
// the fragmented files. Finishing a take — after a clean stop or a crash (`recover`) — finalizes each
// file (faststart MP4, tags as chapters, timecode kept), ingests it with its role through the verified
// ingest, stores the device offsets and turns the tags into markers.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "capture/ingest.hpp"
#include "capture/record/recorder.hpp"
#include "capture/record/tags.hpp"
#include "core/catalog/catalog.hpp"
#include "core/error.hpp"
#include "core/library.hpp"

namespace kotsu::record {

struct TakeInfo {
    std::string session, worker, task, site;
    std::string startedAt;
    std::vector<RecordedFile> files;  // paths relative to the take folder in take.json
    bool ingested = false;
};

inline constexpr const char* kTakeFile = "take.json";
inline constexpr const char* kTagFile = "tags.jsonl";

// A new take folder under <library>/recordings/ (never an existing one).
[[nodiscard]] Result<std::filesystem::path> newTakeFolder(const Library& lib, const std::string& session);
[[nodiscard]] Status writeTake(const std::filesystem::path& folder, const TakeInfo& take);
[[nodiscard]] Result<TakeInfo> readTake(const std::filesystem::path& folder);

// Stream-copies a fragmented recording into `out` (written under a temporary name, renamed when
// complete): +faststart, the tags as chapters with their titles, the time-of-day timecode kept.
// `firstPicture`: the session time of the file's first picture (its tags' times are relative to it).
[[nodiscard]] Status finalizeRecording(const std::filesystem::path& fragmented, const std::filesystem::path& out,
                                       const std::vector<Tag>& tags, Micros firstPicture);

struct TakeReport {
    std::vector<std::filesystem::path> finals;       // the finalized files, before ingest
    std::vector<capture::IngestReport> ingested;
    int markers = 0;
    std::vector<std::string> notes;
};

// Finalizes every file of the take, ingests them into the library and makes the tags markers. The
// fragmented files are removed once their finalized copy is in the library, verified.
[[nodiscard]] Result<TakeReport> finishTake(const std::filesystem::path& folder, const Library& lib,
                                            catalog::Catalog& cat,
                                            const std::function<void(const std::string&)>& say = {});

// `kotsu capture recover FILE|FOLDER`: each take folder found (FILE: its own folder; FOLDER: itself or
// the take folders in it) has its fragmented files cut back to their last complete fragment, then
// finished as above.
struct RecoverReport {
    std::filesystem::path folder;
    std::vector<std::string> cuts;  // "main.frag.mp4: 12 fragments, cut 3456 torn bytes"
    Result<TakeReport> take = TakeReport{};
};
[[nodiscard]] Result<std::vector<RecoverReport>> recover(const std::filesystem::path& fileOrFolder, const Library& lib,
                                                         catalog::Catalog& cat,
                                                         const std::function<void(const std::string&)>& say = {});

}  // namespace kotsu::record
