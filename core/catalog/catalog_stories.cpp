// Stories (story films): the story, its template's beats, its ordered items.
#include <cstdlib>

#include "core/catalog/catalog.hpp"
#include "core/text_encoding.hpp"

namespace kotsu::catalog {

namespace {

constexpr const char* kStoryCols = "id, title, template, width, height, fps_num, fps_den, created_at";

Story readStory(Statement& st) {
    Story s;
    s.id = st.int64(0);
    s.title = st.text(1);
    s.templateName = st.text(2);
    s.width = st.int32(3);
    s.height = st.int32(4);
    s.fps = Rational{st.int32(5), st.int32(6)};
    s.createdAt = st.text(7);
    return s;
}

StoryItem readItem(Statement& st) {
    StoryItem it;
    it.id = st.int64(0);
    it.storyId = st.int64(1);
    it.position = st.int32(2);
    it.kind = storyItemKindFrom(st.text(3)).value_or(StoryItemKind::Clip);
    it.sessionId = st.isNull(4) ? 0 : st.int64(4);
    it.angle = st.text(5);
    it.in = st.int64(6);
    it.out = st.int64(7);
    it.beat = st.text(8);
    it.text = st.text(9);
    it.sub = st.text(10);
    it.parentId = st.isNull(11) ? 0 : st.int64(11);
    it.markerId = st.isNull(12) ? 0 : st.int64(12);
    return it;
}

std::string itemName(const StoryItem& it) {
    return std::string(toString(it.kind)) + (it.id ? " " + std::to_string(it.id) : std::string());
}

Status insertItem(Database& db, Id storyId, const StoryItem& it) {
    KOTSU_TRY(requireUtf8(it.text, itemName(it) + ": the text"));
    KOTSU_TRY(requireUtf8(it.sub, itemName(it) + ": the second line"));
    KOTSU_TRY(requireUtf8(it.beat, itemName(it) + ": the beat"));
    auto st = db.prepare(
        "INSERT INTO story_items(id, story_id, position, kind, session_id, angle, in_us, out_us, beat, text, sub,"
        " parent_id, marker_id) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    auto optionalId = [](Id id) { return id ? std::optional<std::int64_t>(id) : std::nullopt; };
    st->bind(1, optionalId(it.id)).bind(2, storyId).bind(3, it.position).bind(4, toString(it.kind));
    st->bind(5, optionalId(it.kind == StoryItemKind::Clip ? it.sessionId : 0)).bind(6, it.angle);
    st->bind(7, it.in).bind(8, it.out).bind(9, it.beat).bind(10, it.text).bind(11, it.sub);
    st->bind(12, optionalId(it.kind == StoryItemKind::LowerThird ? it.parentId : 0)).bind(13, optionalId(it.markerId));
    auto r = st->run();
    if (!r) return Error::make(itemName(it), "cannot be stored: " + r.error().message);
    return {};
}

}  // namespace

Result<Story> Catalog::createStory(const Story& s, const std::vector<StoryBeat>& beats) {
    KOTSU_TRY(requireUtf8(s.title, "the story's title"));
    if (s.title.empty()) return Error::make("story", "the title is empty");
    if (auto existing = findStory(s.title); existing && *existing)
        return Error::make("story '" + s.title + "'", "a story of that title exists already (id " +
                                                          std::to_string((*existing)->id) + ")");
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    auto st = db_.prepare("INSERT INTO stories(title, template, width, height, fps_num, fps_den) VALUES(?,?,?,?,?,?)");
    if (!st) return st.error();
    st->bind(1, s.title).bind(2, s.templateName).bind(3, s.width).bind(4, s.height).bind(5, s.fps.num).bind(6, s.fps.den);
    KOTSU_TRY(st->run());
    Id id = db_.lastInsertId();
    int position = 0;
    for (const auto& b : beats) {
        auto bst = db_.prepare("INSERT INTO story_beats(story_id, position, name, suggested_us) VALUES(?,?,?,?)");
        if (!bst) return bst.error();
        bst->bind(1, id).bind(2, position++).bind(3, b.name).bind(4, b.suggested);
        KOTSU_TRY(bst->run());
    }
    KOTSU_TRY(tx.commit());
    auto stored = findStory(std::to_string(id));
    if (!stored) return stored.error();
    return **stored;
}

Result<std::optional<Story>> Catalog::findStory(const std::string& titleOrId) {
    auto st = db_.prepare(std::string("SELECT ") + kStoryCols + " FROM stories WHERE title=?");
    if (!st) return st.error();
    st->bind(1, titleOrId);
    if (st->step()) return std::optional<Story>(readStory(*st));
    char* end = nullptr;
    long long id = std::strtoll(titleOrId.c_str(), &end, 10);
    if (titleOrId.empty() || !end || *end != '\0') return std::optional<Story>();
    auto byId = db_.prepare(std::string("SELECT ") + kStoryCols + " FROM stories WHERE id=?");
    if (!byId) return byId.error();
    byId->bind(1, static_cast<std::int64_t>(id));
    if (byId->step()) return std::optional<Story>(readStory(*byId));
    return std::optional<Story>();
}

Result<std::vector<Story>> Catalog::stories() {
    auto st = db_.prepare(std::string("SELECT ") + kStoryCols + " FROM stories ORDER BY id");
    if (!st) return st.error();
    std::vector<Story> out;
    while (st->step()) out.push_back(readStory(*st));
    if (st->failed()) return db_.error("cannot list stories");
    return out;
}

Result<std::vector<StoryBeat>> Catalog::storyBeats(Id storyId) {
    auto st = db_.prepare("SELECT name, suggested_us FROM story_beats WHERE story_id=? ORDER BY position");
    if (!st) return st.error();
    st->bind(1, storyId);
    std::vector<StoryBeat> out;
    while (st->step()) out.push_back(StoryBeat{st->text(0), st->int64(1)});
    if (st->failed()) return db_.error("cannot list the story's beats");
    return out;
}

Result<std::vector<StoryItem>> Catalog::storyItems(Id storyId) {
    auto st = db_.prepare(
        "SELECT id, story_id, position, kind, session_id, angle, in_us, out_us, beat, text, sub, parent_id, marker_id"
        " FROM story_items WHERE story_id=? ORDER BY position, kind = 'lower-third', id");
    if (!st) return st.error();
    st->bind(1, storyId);
    std::vector<StoryItem> out;
    while (st->step()) out.push_back(readItem(*st));
    if (st->failed()) return db_.error("cannot list the story's items");
    return out;
}

Result<std::vector<StoryItem>> Catalog::replaceStoryItems(Id storyId, const std::vector<StoryItem>& items) {
    Transaction tx(db_);
    KOTSU_TRY(tx.begun());
    auto del = db_.prepare("DELETE FROM story_items WHERE story_id=?");
    if (!del) return del.error();
    del->bind(1, storyId);
    KOTSU_TRY(del->run());
    // Clips and titles first: a lower third refers to its clip's id.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& it : items) {
            if ((it.kind == StoryItemKind::LowerThird) != (pass == 1)) continue;
            KOTSU_TRY(insertItem(db_, storyId, it));
        }
    KOTSU_TRY(tx.commit());
    return storyItems(storyId);
}

}  // namespace kotsu::catalog
