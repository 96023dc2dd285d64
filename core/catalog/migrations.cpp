#include "core/catalog/migrations.hpp"

#include <array>
#include <string>

namespace kotsu::catalog {

namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL UNIQUE,
  worker TEXT NOT NULL DEFAULT '',
  task TEXT NOT NULL DEFAULT '',
  site TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL DEFAULT '',
  crew TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'ja',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE assets(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK(role IN ('main','handcam','overview','audio')),
  original_name TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  checksum TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  container TEXT NOT NULL DEFAULT '',
  duration_us INTEGER NOT NULL DEFAULT 0,
  start_us INTEGER NOT NULL DEFAULT 0,
  video_codec TEXT NOT NULL DEFAULT '',
  video_profile TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  fps_num INTEGER NOT NULL DEFAULT 0, fps_den INTEGER NOT NULL DEFAULT 1,
  avg_fps_num INTEGER NOT NULL DEFAULT 0, avg_fps_den INTEGER NOT NULL DEFAULT 1,
  rotation INTEGER NOT NULL DEFAULT 0,
  sar_num INTEGER NOT NULL DEFAULT 1, sar_den INTEGER NOT NULL DEFAULT 1,
  field_order TEXT NOT NULL DEFAULT '',
  pixel_format TEXT NOT NULL DEFAULT '',
  color_range TEXT NOT NULL DEFAULT '',
  color_transfer TEXT NOT NULL DEFAULT '',
  color_primaries TEXT NOT NULL DEFAULT '',
  color_space TEXT NOT NULL DEFAULT '',
  bit_depth INTEGER NOT NULL DEFAULT 8,
  video_frames INTEGER NOT NULL DEFAULT 0,
  audio_codec TEXT NOT NULL DEFAULT '',
  sample_rate INTEGER NOT NULL DEFAULT 0,
  channels INTEGER NOT NULL DEFAULT 0,
  channel_layout TEXT NOT NULL DEFAULT '',
  creation_time TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX assets_session ON assets(session_id);
CREATE TABLE renditions(
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  profile TEXT NOT NULL,
  path TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  duration_us INTEGER NOT NULL DEFAULT 0,
  voice_lufs REAL, voice_tp REAL, voice_lra REAL,
  work_lufs REAL, work_tp REAL, work_lra REAL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE(asset_id, profile)
);
CREATE TABLE markers(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK(kind IN ('step','knack','safety','tag')),
  in_us INTEGER NOT NULL,
  out_us INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  warning TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK(out_us >= in_us AND in_us >= 0)
);
CREATE INDEX markers_session ON markers(session_id, in_us);
CREATE TABLE cues(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  text TEXT NOT NULL,
  CHECK(end_us > start_us AND start_us >= 0)
);
CREATE INDEX cues_session ON cues(session_id, lang, start_us);
CREATE TABLE suggestions(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  time_us INTEGER NOT NULL,
  score REAL NOT NULL,
  reason TEXT NOT NULL CHECK(reason IN ('cut','fade','activity','pause')),
  state TEXT NOT NULL DEFAULT 'open' CHECK(state IN ('open','accepted','dismissed'))
);
CREATE INDEX suggestions_session ON suggestions(session_id, time_us);
CREATE TABLE packages(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  profiles TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
)sql";

// Full-text search over session facts, marker text and captions. The trigram tokenizer
// finds Japanese (unicode61 would treat a whole run of kana/kanji as one token).
constexpr std::string_view kV2 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED, session_id UNINDEXED, item_id UNINDEXED, body, tokenize='trigram');
CREATE TRIGGER sessions_ai AFTER INSERT ON sessions BEGIN
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('session', new.id, new.id, new.title||' '||new.worker||' '||new.task||' '||new.site);
END;
CREATE TRIGGER sessions_au AFTER UPDATE ON sessions BEGIN
  DELETE FROM search_index WHERE kind='session' AND item_id=old.id;
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('session', new.id, new.id, new.title||' '||new.worker||' '||new.task||' '||new.site);
END;
CREATE TRIGGER sessions_ad AFTER DELETE ON sessions BEGIN
  DELETE FROM search_index WHERE session_id=old.id;
END;
CREATE TRIGGER markers_ai AFTER INSERT ON markers BEGIN
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('marker', new.session_id, new.id, new.title||' '||new.note||' '||new.warning||' '||new.tags);
END;
CREATE TRIGGER markers_au AFTER UPDATE ON markers BEGIN
  DELETE FROM search_index WHERE kind='marker' AND item_id=old.id;
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('marker', new.session_id, new.id, new.title||' '||new.note||' '||new.warning||' '||new.tags);
END;
CREATE TRIGGER markers_ad AFTER DELETE ON markers BEGIN
  DELETE FROM search_index WHERE kind='marker' AND item_id=old.id;
END;
CREATE TRIGGER cues_ai AFTER INSERT ON cues BEGIN
  INSERT INTO search_index(kind, session_id, item_id, body) VALUES('caption', new.session_id, new.id, new.text);
END;
CREATE TRIGGER cues_au AFTER UPDATE ON cues BEGIN
  DELETE FROM search_index WHERE kind='caption' AND item_id=old.id;
  INSERT INTO search_index(kind, session_id, item_id, body) VALUES('caption', new.session_id, new.id, new.text);
END;
CREATE TRIGGER cues_ad AFTER DELETE ON cues BEGIN
  DELETE FROM search_index WHERE kind='caption' AND item_id=old.id;
END;
INSERT INTO search_index(kind, session_id, item_id, body)
  SELECT 'session', id, id, title||' '||worker||' '||task||' '||site FROM sessions;
INSERT INTO search_index(kind, session_id, item_id, body)
  SELECT 'marker', session_id, id, title||' '||note||' '||warning||' '||tags FROM markers;
INSERT INTO search_index(kind, session_id, item_id, body)
  SELECT 'caption', session_id, id, text FROM cues;
)sql";

// Trainee viewing records and story timelines (recut), so later modules find their tables.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE views(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  marker_id INTEGER REFERENCES markers(id) ON DELETE SET NULL,
  viewer TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  watched_us INTEGER NOT NULL DEFAULT 0,
  loops INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE stories(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE story_items(
  id INTEGER PRIMARY KEY,
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
  in_us INTEGER NOT NULL DEFAULT 0,
  out_us INTEGER NOT NULL DEFAULT 0,
  title_card TEXT NOT NULL DEFAULT '',
  transition TEXT NOT NULL DEFAULT 'cut'
);
)sql";

// The session timeline's origin (file time of the first video frame, else the first audio sample),
// found at ingest. NULL for assets ingested before: readers find it from the file.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE assets ADD COLUMN timeline_origin_us INTEGER;
)sql";

// Ids never handed out twice: a marker or cue removed (by an undo, the CLI, an import) keeps its id
// to itself, so an editor's redo can bring it back and another process never gets the same id for
// something else. SQLite cannot change a primary key in place: the tables are rebuilt (the runner
// turns foreign keys off around migrations, as SQLite's "other ALTER TABLE" procedure says, so
// views.marker_id keeps its values), with their indexes and migration 2's search triggers.
// The search index rows stay valid: every row keeps its id.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE markers_v5(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK(kind IN ('step','knack','safety','tag')),
  in_us INTEGER NOT NULL,
  out_us INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  warning TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK(out_us >= in_us AND in_us >= 0)
);
INSERT INTO markers_v5(id, session_id, kind, in_us, out_us, title, note, warning, tags, author, created_at, updated_at)
  SELECT id, session_id, kind, in_us, out_us, title, note, warning, tags, author, created_at, updated_at FROM markers;
DROP TABLE markers;
ALTER TABLE markers_v5 RENAME TO markers;
CREATE INDEX markers_session ON markers(session_id, in_us);
CREATE TRIGGER markers_ai AFTER INSERT ON markers BEGIN
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('marker', new.session_id, new.id, new.title||' '||new.note||' '||new.warning||' '||new.tags);
END;
CREATE TRIGGER markers_au AFTER UPDATE ON markers BEGIN
  DELETE FROM search_index WHERE kind='marker' AND item_id=old.id;
  INSERT INTO search_index(kind, session_id, item_id, body)
  VALUES('marker', new.session_id, new.id, new.title||' '||new.note||' '||new.warning||' '||new.tags);
END;
CREATE TRIGGER markers_ad AFTER DELETE ON markers BEGIN
  DELETE FROM search_index WHERE kind='marker' AND item_id=old.id;
END;
CREATE TABLE cues_v5(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL,
  text TEXT NOT NULL,
  CHECK(end_us > start_us AND start_us >= 0)
);
INSERT INTO cues_v5(id, session_id, lang, start_us, end_us, text)
  SELECT id, session_id, lang, start_us, end_us, text FROM cues;
DROP TABLE cues;
ALTER TABLE cues_v5 RENAME TO cues;
CREATE INDEX cues_session ON cues(session_id, lang, start_us);
CREATE TRIGGER cues_ai AFTER INSERT ON cues BEGIN
  INSERT INTO search_index(kind, session_id, item_id, body) VALUES('caption', new.session_id, new.id, new.text);
END;
CREATE TRIGGER cues_au AFTER UPDATE ON cues BEGIN
  DELETE FROM search_index WHERE kind='caption' AND item_id=old.id;
  INSERT INTO search_index(kind, session_id, item_id, body) VALUES('caption', new.session_id, new.id, new.text);
END;
CREATE TRIGGER cues_ad AFTER DELETE ON cues BEGIN
  DELETE FROM search_index WHERE kind='caption' AND item_id=old.id;
END;
)sql";

// The search index kept by a stable integer key, so that every write touches it in O(log n):
// `search_docs` holds one row per session, marker and caption under key = id * 4 + kind
// (1 session, 2 marker, 3 caption); `search_index` is its trigram FTS5 index (external content,
// rowid = key) for words of three characters and more; `search_short` a contentless index of the
// two-character grams that start with a non-ASCII character (detail=none: just which rows), which
// finds one- and two-character Japanese words (佐藤, 締) by prefix. Both are kept by triggers on
// search_docs; the BEFORE triggers read the grams of the row still in place through the view.
constexpr std::string_view kV6 = R"sql(
DROP TRIGGER sessions_ai; DROP TRIGGER sessions_au; DROP TRIGGER sessions_ad;
DROP TRIGGER markers_ai; DROP TRIGGER markers_au; DROP TRIGGER markers_ad;
DROP TRIGGER cues_ai; DROP TRIGGER cues_au; DROP TRIGGER cues_ad;
DROP TABLE search_index;
CREATE TABLE search_docs(
  key INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  session_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX search_docs_session ON search_docs(session_id);
CREATE VIRTUAL TABLE search_index USING fts5(body, content='search_docs', content_rowid='key', tokenize='trigram');
CREATE VIRTUAL TABLE search_short USING fts5(grams, content='', detail=none, tokenize='ascii');
CREATE VIEW search_doc_grams AS SELECT d.key AS key,
  (SELECT group_concat(substr(d.body, n, 2), ' ') FROM
     (WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < length(d.body)) SELECT n FROM i)
   WHERE unicode(substr(d.body, n, 1)) > 127) AS grams
  FROM search_docs d;
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_index(rowid, body) VALUES(new.key, new.body);
  INSERT INTO search_short(rowid, grams) SELECT key, grams FROM search_doc_grams WHERE key = new.key;
END;
CREATE TRIGGER search_docs_bd BEFORE DELETE ON search_docs BEGIN
  INSERT INTO search_index(search_index, rowid, body) VALUES('delete', old.key, old.body);
  INSERT INTO search_short(search_short, rowid, grams) SELECT 'delete', key, grams FROM search_doc_grams WHERE key = old.key;
END;
CREATE TRIGGER search_docs_bu BEFORE UPDATE ON search_docs BEGIN
  INSERT INTO search_index(search_index, rowid, body) VALUES('delete', old.key, old.body);
  INSERT INTO search_short(search_short, rowid, grams) SELECT 'delete', key, grams FROM search_doc_grams WHERE key = old.key;
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_index(rowid, body) VALUES(new.key, new.body);
  INSERT INTO search_short(rowid, grams) SELECT key, grams FROM search_doc_grams WHERE key = new.key;
END;
CREATE TRIGGER sessions_ai AFTER INSERT ON sessions BEGIN
  INSERT INTO search_docs(key, kind, session_id, item_id, body)
  VALUES(new.id * 4 + 1, 'session', new.id, new.id, new.title||' '||new.worker||' '||new.task||' '||new.site);
END;
CREATE TRIGGER sessions_au AFTER UPDATE ON sessions BEGIN
  UPDATE search_docs SET body = new.title||' '||new.worker||' '||new.task||' '||new.site WHERE key = old.id * 4 + 1;
END;
CREATE TRIGGER sessions_ad AFTER DELETE ON sessions BEGIN
  DELETE FROM search_docs WHERE session_id = old.id;
END;
CREATE TRIGGER markers_ai AFTER INSERT ON markers BEGIN
  INSERT INTO search_docs(key, kind, session_id, item_id, body)
  VALUES(new.id * 4 + 2, 'marker', new.session_id, new.id, new.title||' '||new.note||' '||new.warning||' '||new.tags);
END;
CREATE TRIGGER markers_au AFTER UPDATE ON markers BEGIN
  UPDATE search_docs SET session_id = new.session_id, body = new.title||' '||new.note||' '||new.warning||' '||new.tags WHERE key = old.id * 4 + 2;
END;
CREATE TRIGGER markers_ad AFTER DELETE ON markers BEGIN
  DELETE FROM search_docs WHERE key = old.id * 4 + 2;
END;
CREATE TRIGGER cues_ai AFTER INSERT ON cues BEGIN
  INSERT INTO search_docs(key, kind, session_id, item_id, body)
  VALUES(new.id * 4 + 3, 'caption', new.session_id, new.id, new.text);
END;
CREATE TRIGGER cues_au AFTER UPDATE ON cues BEGIN
  UPDATE search_docs SET session_id = new.session_id, body = new.text WHERE key = old.id * 4 + 3;
END;
CREATE TRIGGER cues_ad AFTER DELETE ON cues BEGIN
  DELETE FROM search_docs WHERE key = old.id * 4 + 3;
END;
INSERT INTO search_docs(key, kind, session_id, item_id, body)
  SELECT id * 4 + 1, 'session', id, id, title||' '||worker||' '||task||' '||site FROM sessions;
INSERT INTO search_docs(key, kind, session_id, item_id, body)
  SELECT id * 4 + 2, 'marker', session_id, id, title||' '||note||' '||warning||' '||tags FROM markers;
INSERT INTO search_docs(key, kind, session_id, item_id, body)
  SELECT id * 4 + 3, 'caption', session_id, id, text FROM cues;
)sql";

// Recordings made by `kotsu capture`: where each device's clock sits on the session clock, per asset.
constexpr std::string_view kV8 = R"sql(
CREATE TABLE capture_devices(
  asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
  device TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('video','audio')),
  offset_us INTEGER NOT NULL,
  first_frame_us INTEGER NOT NULL DEFAULT -1,
  started_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(asset_id, device)
);
)sql";

// Story films (recut): a story's frame and rate and its template's beats; items rebuilt with their kind
// (clip, title, lower third), the angle, the beat, the card's text, the clip a lower third sits on, and
// ids never handed out twice (an undone remove brings an item back under its old id).
constexpr std::string_view kV7 = R"sql(
ALTER TABLE stories ADD COLUMN template TEXT NOT NULL DEFAULT 'blank';
ALTER TABLE stories ADD COLUMN width INTEGER NOT NULL DEFAULT 1920 CHECK(width > 0);
ALTER TABLE stories ADD COLUMN height INTEGER NOT NULL DEFAULT 1080 CHECK(height > 0);
ALTER TABLE stories ADD COLUMN fps_num INTEGER NOT NULL DEFAULT 30 CHECK(fps_num > 0);
ALTER TABLE stories ADD COLUMN fps_den INTEGER NOT NULL DEFAULT 1 CHECK(fps_den > 0);
CREATE TABLE story_beats(
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  suggested_us INTEGER NOT NULL DEFAULT 0 CHECK(suggested_us >= 0),
  PRIMARY KEY(story_id, name)
);
CREATE TABLE story_items_v7(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'clip' CHECK(kind IN ('clip','title','lower-third')),
  session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
  angle TEXT NOT NULL DEFAULT 'main' CHECK(angle IN ('main','handcam','overview')),
  in_us INTEGER NOT NULL DEFAULT 0,
  out_us INTEGER NOT NULL DEFAULT 0,
  beat TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  sub TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES story_items_v7(id) ON DELETE CASCADE,
  marker_id INTEGER REFERENCES markers(id) ON DELETE SET NULL,
  CHECK(out_us > in_us AND in_us >= 0),
  CHECK((kind = 'clip') = (session_id IS NOT NULL)),
  CHECK((kind = 'lower-third') = (parent_id IS NOT NULL))
);
INSERT INTO story_items_v7(id, story_id, position, kind, session_id, in_us, out_us, text)
  SELECT id, story_id, position, CASE WHEN session_id IS NULL THEN 'title' ELSE 'clip' END, session_id,
         in_us, CASE WHEN out_us > in_us THEN out_us ELSE in_us + 3000000 END, title_card FROM story_items;
DROP TABLE story_items;
ALTER TABLE story_items_v7 RENAME TO story_items;
CREATE INDEX story_items_story ON story_items(story_id, position);
)sql";

// Viewing records (kotsu serve, kotsu records): xAPI statements stored whole and by their id (a
// statement sent twice is stored once), the trainees on each session's roster, supervisors'
// follow-up notes, each package's uid (the id its statements name), and the site's settings (the token package pages carry to write records).
// Migration 3's `views` table stays as it was (nothing writes it): the statements replace it.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE xapi_statements(
  id TEXT PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  step_id INTEGER NOT NULL,
  package_id TEXT NOT NULL DEFAULT '',
  trainee TEXT NOT NULL,
  verb TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  registration TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX xapi_statements_who ON xapi_statements(session_id, trainee, step_id, timestamp);
CREATE TABLE trainees(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE roster(
  trainee_id TEXT NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  PRIMARY KEY(trainee_id, session_id)
);
CREATE TABLE followup_notes(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  trainee_id TEXT NOT NULL,
  session_id INTEGER REFERENCES sessions(id) ON DELETE CASCADE,
  step_index INTEGER NOT NULL,
  text TEXT NOT NULL,
  author TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
ALTER TABLE packages ADD COLUMN uid TEXT NOT NULL DEFAULT '';
CREATE INDEX packages_uid ON packages(uid);
CREATE TABLE site_settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Several cameras, one session: a step's package clip may come from another angle than the main
// (a video asset's role). NULL: the main asset, as every marker before this migration.
constexpr std::string_view kV10 = R"sql(
ALTER TABLE markers ADD COLUMN angle TEXT CHECK(angle IS NULL OR angle IN ('handcam','overview'));
)sql";

constexpr std::array<Migration, 10> kMigrations{{
    {1, "sessions, assets, renditions, markers, cues, suggestions, packages", kV1},
    {2, "full-text search (trigram) over sessions, markers and captions", kV2},
    {3, "viewing records and story timelines", kV3},
    {4, "the session timeline's origin of each asset", kV4},
    {5, "marker and cue ids never reused (AUTOINCREMENT)", kV5},
    {6, "search index kept by a stable key, with an index for one- and two-character words", kV6},
    {7, "story films: frame, rate, beats, item kinds, angles, titles and lower thirds", kV7},
    {8, "capture devices: each recorded device's offset on the session clock", kV8},
    {9, "viewing records: xAPI statements, rosters, follow-up notes, site settings", kV9},
    {10, "markers: the angle a step's package clip is cut from", kV10},
}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latestSchemaVersion() { return kMigrations.back().version; }

Result<int> schemaVersion(Database& db) {
    auto st = db.prepare("PRAGMA user_version");
    if (!st) return st.error();
    if (!st->step()) return db.error("cannot read user_version");
    return st->int32(0);
}

namespace {

// Foreign keys off while migrations run (a rebuilt table must not cascade into the rows that
// refer to it), back as they were afterwards; each migration checks them before it commits.
// The pragma is a no-op inside a transaction, so this wraps the migrations' transactions.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Database& db) : db_(db) {
        auto st = db.prepare("PRAGMA foreign_keys");
        wasOn_ = st && st->step() && st->int32(0) == 1;
        if (wasOn_) (void)db_.exec("PRAGMA foreign_keys=OFF");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff() {
        if (wasOn_) (void)db_.exec("PRAGMA foreign_keys=ON");
    }

private:
    Database& db_;
    bool wasOn_ = false;
};

Status checkForeignKeys(Database& db, int version) {
    auto fk = db.prepare("PRAGMA foreign_key_check");
    if (!fk) return fk.error();
    if (fk->step())
        return Error::make(db.path(), "migration " + std::to_string(version) + " broke a foreign key in table " + fk->text(0));
    return {};
}

}  // namespace

Status migrate(Database& db, int target) {
    if (target < 0) target = latestSchemaVersion();
    auto current = schemaVersion(db);
    if (!current) return current.error();
    if (*current > latestSchemaVersion())
        return Error::make(db.path(), "catalog schema version " + std::to_string(*current) +
                                          " is newer than this kotsu understands (" +
                                          std::to_string(latestSchemaVersion()) + ")");
    if (*current >= target) return {};
    ForeignKeysOff fkOff(db);
    for (const auto& m : kMigrations) {
        if (m.version <= *current || m.version > target) continue;
        Transaction tx(db);
        KOTSU_TRY(tx.begun());
        // Read again under the write lock: another process opening the same old catalog may have run
        // this migration between our first look and BEGIN IMMEDIATE.
        auto now = schemaVersion(db);
        if (!now) return now.error();
        if (*now >= m.version) continue;  // done by the other process; `tx` rolls back nothing
        auto s = db.exec(m.sql);
        if (!s) return Error::make(db.path(), "migration " + std::to_string(m.version) + " failed: " + s.error().message);
        KOTSU_TRY(checkForeignKeys(db, m.version));
        KOTSU_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
        KOTSU_TRY(tx.commit());
    }
    return {};
}

}  // namespace kotsu::catalog
