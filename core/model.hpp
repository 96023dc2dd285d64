#pragma once
// The nouns of kotsu as plain value types (DESIGN.md "Data model"). The catalog stores them;
// modules pass them around; JSON I/O lives in core/json_io.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace kotsu {

using Id = std::int64_t;

struct Session {
    Id id = 0;
    std::string title;
    std::string worker;
    std::string task;
    std::string site;
    std::string recordedAt;  // ISO 8601, from the first asset's creation time when known
    std::string crew;
    std::string language = "ja";
    std::string createdAt;
};

// What libav says about a file, stored at ingest.
struct ProbeFacts {
    std::string container;        // "mov,mp4,m4a,3gp,3g2,mj2"
    Micros duration = 0;          // of the whole file
    Micros startOffset = 0;       // start_time of the file (first pts), may be non-zero
    // File time of session time 0: the first video frame's pts (first audio sample without video).
    // Unset for assets ingested before it was recorded; readers then find it from the file.
    std::optional<Micros> timelineOrigin;
    bool hasVideo = false;
    std::string videoCodec;       // "h264"
    std::string videoProfile;     // "High"
    int width = 0;
    int height = 0;
    Rational frameRate;           // nominal (r_frame_rate)
    Rational avgFrameRate;        // average (avg_frame_rate)
    int rotation = 0;             // degrees clockwise to display upright: 0, 90, 180, 270
    Rational sampleAspect{1, 1};
    std::string fieldOrder;       // "progressive", "tt", "bb", "tb", "bt", "unknown"
    std::string pixelFormat;      // "yuv420p"
    std::string colorRange;       // "tv", "pc", "unknown"
    std::string colorTransfer;    // "bt709", "smpte2084", "arib-std-b67", ...
    std::string colorPrimaries;
    std::string colorSpace;
    int bitDepth = 8;
    std::int64_t videoFrames = 0; // nb_frames when the container knows it
    bool hasAudio = false;
    std::string audioCodec;
    int sampleRate = 0;
    int channels = 0;
    std::string channelLayout;    // "mono", "stereo", "5.1", "unknown"
    std::string creationTime;     // ISO 8601 from the container's tags, may be empty
};

struct Asset {
    Id id = 0;
    Id sessionId = 0;
    std::string role = "main";    // main | handcam | overview | audio
    std::string originalName;     // file name as the crew had it
    std::string path;             // relative to the library folder: media/<hash>.<ext>
    std::string checksum;         // XXH3-128, 32 hex digits
    std::int64_t size = 0;
    ProbeFacts probe;
    std::string ingestedAt;
};

// A device recorded by `kotsu capture` into an asset: session time = device time + offset.
struct CaptureDevice {
    Id assetId = 0;
    std::string device;       // "v4l2:/dev/video0", "lavfi:sine=…"
    std::string kind;         // video | audio
    Micros offset = 0;
    Micros firstFrame = -1;   // session time of its first frame
    std::string startedAt;    // ISO 8601 local time of session time 0
};

// One of a session's cameras (kotsu capture --role, kotsu ingest --role): the main asset, named
// "main", then the first video asset of each other role. The session timeline is the main's.
struct Angle {
    std::string name;   // main | handcam | overview
    Asset asset;
    // Session time of the angle's first picture: 0 for the main; for a camera recorded with it by
    // `kotsu capture`, the difference of their first frames on the capture clock (capture_devices);
    // else 0 (a file ingested alone is taken to start with the main).
    Micros start = 0;
    // File time of session time 0 in the asset (may be negative: the angle starts later); unset when
    // the asset's timeline origin was never stored (readers find it from the file).
    [[nodiscard]] std::optional<Micros> origin() const {
        if (!asset.probe.timelineOrigin) return std::nullopt;
        return *asset.probe.timelineOrigin - start;
    }
    // A camera without a microphone (the usual hand camera) is heard through the main camera's sound,
    // over the same session times.
    [[nodiscard]] bool borrowsSoundFrom(const Angle& main) const {
        return !asset.probe.hasAudio && main.asset.probe.hasAudio && asset.id != main.asset.id;
    }
};

struct Loudness {
    double integrated = 0;  // LUFS
    double truePeak = 0;    // dBTP
    double range = 0;       // LU
};

struct Rendition {
    Id id = 0;
    Id assetId = 0;
    std::string profile;    // proxy | tablet | glasses
    std::string path;       // relative to the library folder
    int width = 0;
    int height = 0;
    Micros duration = 0;
    std::optional<Loudness> voice;      // the speech-chain track
    std::optional<Loudness> workSound;  // tablet's second track
    std::string createdAt;
};

enum class MarkerKind { Step, Knack, Safety, Tag };
[[nodiscard]] const char* toString(MarkerKind k);
[[nodiscard]] std::optional<MarkerKind> markerKindFrom(std::string_view s);

struct Marker {
    Id id = 0;
    Id sessionId = 0;
    MarkerKind kind = MarkerKind::Step;
    Micros in = 0;
    Micros out = 0;
    std::string title;
    std::string note;      // the why: what to notice (sound, feel, visual cue, timing)
    std::string warning;
    std::vector<std::string> tags;
    std::string author;
    std::string createdAt;
    std::string updatedAt;
    // Steps: the angle its package clip is cut from (a video asset's role: handcam, overview);
    // empty = the main asset (migration 10, markers.angle NULL).
    std::string angle;
};

struct Cue {
    Id id = 0;
    Micros start = 0;
    Micros end = 0;
    std::string text;
};

struct Suggestion {
    Id id = 0;
    Id sessionId = 0;
    Micros time = 0;
    double score = 0;
    std::string reason;   // cut | fade | activity | pause
    std::string state = "open";  // open | accepted | dismissed
};

struct PackageRecord {
    Id id = 0;
    Id sessionId = 0;
    std::string path;
    std::string profiles;  // "tablet,glasses"
    std::string createdAt;
    std::string uid;       // random, in the manifest as package_id: what its viewing records name
};

// A viewing record: one xAPI statement as the catalog keeps it, whole (body) and by the facts the
// reports select on. field/xapi checks a statement before it becomes one.
struct StatementRecord {
    std::string id;           // the statement's UUID: stored once
    Id sessionId = 0;
    Id stepId = 0;            // the step marker's id
    std::string packageId;
    std::string trainee;      // the actor's account name
    std::string verb;         // short name: initialized, played, paused, seeked, completed, terminated
    std::string timestamp;    // ISO 8601, UTC
    std::string registration;
    std::string body;         // the statement's JSON
};

struct Trainee {
    std::string id;    // what the trainee signs in with on a device
    std::string name;
};

// A trainee on a session's roster (kotsu package --trainees / --trainee).
struct RosterEntry {
    Trainee trainee;
    Id sessionId = 0;
    std::string assignedAt;
};

// What a supervisor did about a follow-up (kotsu followup note).
struct FollowupNote {
    Id id = 0;
    std::string traineeId;
    Id sessionId = 0;   // 0: any session
    int stepIndex = 0;  // 1-based step number
    std::string text;
    std::string author;
    std::string createdAt;
};

// A story film (recut for marketing): ordered items drawn from any sessions, title cards and lower
// thirds, told along beats (a template's hook → veteran → problem → knack → result → closing).
struct Story {
    Id id = 0;
    std::string title;
    std::string templateName = "blank";  // documentary | blank
    int width = 1920;
    int height = 1080;
    Rational fps{30, 1};
    std::string createdAt;
};

struct StoryBeat {
    std::string name;      // hook, veteran, problem, knack, result, closing
    Micros suggested = 0;  // the template's suggested length
};

enum class StoryItemKind { Clip, Title, LowerThird };
[[nodiscard]] const char* toString(StoryItemKind k);
[[nodiscard]] std::optional<StoryItemKind> storyItemKindFrom(std::string_view s);

struct StoryItem {
    Id id = 0;
    Id storyId = 0;
    int position = 0;            // order in the film (lower thirds share their clip's)
    StoryItemKind kind = StoryItemKind::Clip;
    Id sessionId = 0;            // clips: the session the range is from
    std::string angle = "main";  // clips: the asset's role (main, handcam, overview)
    Micros in = 0;               // clips: on the session timeline; lower thirds: offset into the clip
    Micros out = 0;              // clips: exclusive end; titles and lower thirds: in + their length
    std::string beat;            // the beat it tells (may be empty)
    std::string text;            // titles and lower thirds; a clip's name
    std::string sub;             // second line
    Id parentId = 0;             // lower thirds: the clip they sit on
    Id markerId = 0;             // clips added from a marker
    [[nodiscard]] Micros duration() const { return out - in; }
};

struct SearchHit {
    std::string kind;      // session | marker | caption
    Id sessionId = 0;
    std::string sessionTitle;
    Id itemId = 0;
    Micros time = 0;
    std::string text;
};

}  // namespace kotsu
