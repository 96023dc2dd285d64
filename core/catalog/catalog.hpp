#pragma once
// The library catalog: typed queries over catalog.db. All of kotsu's SQL lives in core/catalog.
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/database.hpp"
#include "core/catalog/migrations.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::catalog {

class Catalog {
public:
    // Opens (creating when asked) the catalog file: WAL, foreign keys, migrated to the latest schema.
    static Result<Catalog> open(const std::string& dbPath, bool create = true);

    [[nodiscard]] Database& db() { return db_; }
    [[nodiscard]] Result<int> schemaVersion() { return catalog::schemaVersion(db_); }
    [[nodiscard]] Status integrityCheck();
    // For a connection on the editor's UI thread: a short busy timeout (kInteractiveBusyMs) and commits
    // that do not wait for fsync. Other connections keep synchronous=FULL (durable before "done").
    static constexpr int kInteractiveBusyMs = 15;
    [[nodiscard]] Status setInteractive();
    // PRAGMA synchronous: 2 = FULL, 1 = NORMAL.
    [[nodiscard]] Result<int> synchronousLevel();
    // Changes when another connection commits to the catalog, never for this one's own commits
    // (PRAGMA data_version): how an open editor notices `kotsu markers` writing under it.
    [[nodiscard]] Result<std::int64_t> dataVersion();

    // Sessions. A SESSION argument is a title or an id.
    [[nodiscard]] Result<Session> createSession(const Session& s);
    [[nodiscard]] Status updateSession(const Session& s);
    [[nodiscard]] Result<std::optional<Session>> findSession(const std::string& titleOrId);
    [[nodiscard]] Result<Session> session(Id id);
    [[nodiscard]] Result<std::vector<Session>> sessions();

    // Assets and renditions.
    [[nodiscard]] Result<Asset> addAsset(const Asset& a);
    [[nodiscard]] Result<std::optional<Asset>> assetByChecksum(const std::string& checksum);
    [[nodiscard]] Result<std::vector<Asset>> assets(Id sessionId);
    [[nodiscard]] Result<Asset> asset(Id id);
    // The session timeline's length: its main asset's duration (else the longest asset's).
    [[nodiscard]] Result<Micros> sessionDuration(Id sessionId);
    // The asset the session timeline is measured on: role main first, then the first with video.
    [[nodiscard]] Result<std::optional<Asset>> mainAsset(Id sessionId);
    // The session's angles (catalog_angles.cpp): the main first, then one per other video role, each
    // with where its first picture sits on the session timeline.
    [[nodiscard]] Result<std::vector<Angle>> angles(Id sessionId);
    // The angle named so ("" = main); an error naming the session's angles when it has none such.
    [[nodiscard]] Result<Angle> angle(Id sessionId, const std::string& name);
    [[nodiscard]] Status putRendition(const Rendition& r);  // replaces the asset's rendition of that profile
    [[nodiscard]] Result<std::vector<Rendition>> renditions(Id assetId);
    // The devices `kotsu capture` recorded into an asset (migration 8).
    [[nodiscard]] Status putCaptureDevice(const CaptureDevice& d);
    [[nodiscard]] Result<std::vector<CaptureDevice>> captureDevices(Id sessionId);

    // Markers.
    [[nodiscard]] Result<std::vector<Marker>> markers(Id sessionId);
    [[nodiscard]] Result<Marker> addMarker(const Marker& m);
    [[nodiscard]] Status updateMarker(const Marker& m);
    [[nodiscard]] Status removeMarker(Id sessionId, Id markerId);
    [[nodiscard]] Status replaceMarkers(Id sessionId, const std::vector<Marker>& ms);
    // Inserts keeping m.id when it is set (the editor's redo brings a marker back under its old id).
    [[nodiscard]] Result<Marker> restoreMarker(const Marker& m);

    // Captions: cues per language.
    [[nodiscard]] Result<std::vector<Cue>> cues(Id sessionId, const std::string& lang);
    [[nodiscard]] Result<std::vector<std::string>> captionLanguages(Id sessionId);
    [[nodiscard]] Status replaceCues(Id sessionId, const std::string& lang, const std::vector<Cue>& cues);
    [[nodiscard]] Result<Cue> addCue(Id sessionId, const std::string& lang, const Cue& c);
    [[nodiscard]] Status updateCue(const Cue& c);
    [[nodiscard]] Status removeCue(Id cueId);
    // Inserts keeping c.id when it is set (the editor's redo).
    [[nodiscard]] Result<Cue> restoreCue(Id sessionId, const std::string& lang, const Cue& c);

    // Suggestions: a new run replaces the open ones and keeps what an editor decided.
    [[nodiscard]] Result<std::vector<Suggestion>> suggestions(Id sessionId);
    [[nodiscard]] Status replaceOpenSuggestions(Id sessionId, const std::vector<Suggestion>& ss);
    [[nodiscard]] Status setSuggestionState(Id suggestionId, const std::string& state);

    // Stories (story films). A STORY argument is a title or an id.
    [[nodiscard]] Result<Story> createStory(const Story& s, const std::vector<StoryBeat>& beats);
    [[nodiscard]] Result<std::optional<Story>> findStory(const std::string& titleOrId);
    [[nodiscard]] Result<std::vector<Story>> stories();
    [[nodiscard]] Result<std::vector<StoryBeat>> storyBeats(Id storyId);
    // In film order; each lower third right after its clip.
    [[nodiscard]] Result<std::vector<StoryItem>> storyItems(Id storyId);
    // One transaction: the story's items become `items` (positions as given; ids kept when set, so an
    // undo brings items back under their old ids; new ones get ids never used before). Returns them as stored.
    [[nodiscard]] Result<std::vector<StoryItem>> replaceStoryItems(Id storyId, const std::vector<StoryItem>& items);

    [[nodiscard]] Result<PackageRecord> addPackage(const PackageRecord& p);
    // Every package recorded, newest first (kotsu serve's index).
    [[nodiscard]] Result<std::vector<PackageRecord>> packages();
    [[nodiscard]] Result<std::optional<PackageRecord>> packageByUid(const std::string& uid);

    // Viewing records (catalog_records.cpp). Statements are stored by id in one transaction: the
    // result is how many were new (a statement already stored is skipped, never stored twice).
    [[nodiscard]] Result<int> addStatements(const std::vector<StatementRecord>& rows);
    // Oldest first; sessionId 0 = every session, since "" = all time, trainee "" = everyone.
    [[nodiscard]] Result<std::vector<StatementRecord>> statements(Id sessionId, const std::string& since = "",
                                                                  const std::string& trainee = "");
    [[nodiscard]] Result<bool> hasStatement(const std::string& id);
    // Adds the trainees (a known id keeps its name unless a new one is given) to the session's roster.
    [[nodiscard]] Status addToRoster(Id sessionId, const std::vector<Trainee>& trainees);
    [[nodiscard]] Result<std::vector<RosterEntry>> roster(Id sessionId);  // 0 = every session
    [[nodiscard]] Result<FollowupNote> addFollowupNote(const FollowupNote& n);
    [[nodiscard]] Result<std::vector<FollowupNote>> followupNotes(const std::string& traineeId = "");
    // The site's settings (kotsu serve's write token).
    [[nodiscard]] Result<std::optional<std::string>> siteSetting(const std::string& key);
    [[nodiscard]] Status setSiteSetting(const std::string& key, const std::string& value);

    // Full-text search (Japanese included) over sessions, markers and captions.
    // Every word must occur (as LIKE '%word%' would find it: ASCII letters in any case); the indexes
    // (trigram for three characters and more, grams for short non-ASCII words) only narrow the rows.
    [[nodiscard]] Result<std::vector<SearchHit>> search(const std::string& words);
    // The same results by reading every row (what search did before migration 6): the reference for
    // tests and bench/search.
    [[nodiscard]] Result<std::vector<SearchHit>> searchByScan(const std::string& words);

private:
    explicit Catalog(Database db) : db_(std::move(db)) {}
    Result<std::vector<SearchHit>> search(const std::string& words, bool useIndex);
    Database db_;
};

}  // namespace kotsu::catalog
