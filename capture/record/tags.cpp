#include "capture/record/tags.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/asset_file.hpp"

namespace kotsu::record {

namespace {

// Applies one sidecar line to `tags`; false when it is not a tag line.
bool applyLine(const std::string& line, std::vector<Tag>& tags, std::int64_t& maxId) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    if (j.contains("undo")) {
        auto id = j["undo"].get<std::int64_t>();
        std::erase_if(tags, [&](const Tag& t) { return t.id == id; });
        return true;
    }
    if (!j.contains("id") || !j.contains("t_us")) return false;
    Tag t;
    t.id = j["id"].get<std::int64_t>();
    t.t = j["t_us"].get<std::int64_t>();
    t.label = j.value("label", "");
    t.kind = j.value("kind", "mark");
    t.source = j.value("source", "");
    maxId = std::max(maxId, t.id);
    tags.push_back(std::move(t));
    return true;
}

void sortByTime(std::vector<Tag>& tags) {
    std::stable_sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.t < b.t; });
}

}  // namespace

Result<std::vector<PaletteEntry>> loadPalette() {
    auto files = assets::loadConf("tag_palette.conf");
    if (!files) return files.error();
    std::vector<PaletteEntry> out;
    for (const auto& f : *files)
        for (const auto& s : f.sections) {
            if (s.name.empty()) continue;
            if (s.name.size() != 1 || s.name[0] < '1' || s.name[0] > '9')
                return f.error(s.line, "a palette key is 1 to 9, not '" + s.name + "'");
            PaletteEntry e{.key = s.name[0]};
            for (const auto& kv : s.entries) {
                if (kv.key == "kind") e.kind = kv.value;
                else if (kv.key == "ja") e.ja = kv.value;
                else if (kv.key == "en") e.en = kv.value;
                else return f.error(kv.line, "unknown key '" + kv.key + "' (kind, ja, en)");
            }
            if (e.kind.empty() || e.ja.empty()) return f.error(s.line, "key " + s.name + " needs kind and ja");
            std::erase_if(out, [&](const PaletteEntry& p) { return p.key == e.key; });
            out.push_back(std::move(e));
        }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
}

MarkerKind markerKindOf(const std::string& tagKind) {
    if (tagKind == "step") return MarkerKind::Step;
    if (tagKind == "knack") return MarkerKind::Knack;
    if (tagKind == "safety") return MarkerKind::Safety;
    return MarkerKind::Tag;
}

Result<std::unique_ptr<TagBus>> TagBus::open(const std::filesystem::path& sidecar, Clock clock) {
    std::unique_ptr<TagBus> bus(new TagBus());
    bus->clock_ = std::move(clock);
    std::int64_t maxId = 0;
    {
        std::ifstream in(sidecar);
        for (std::string line; std::getline(in, line);) applyLine(line, bus->tags_, maxId);
    }
    sortByTime(bus->tags_);
    bus->nextId_ = maxId + 1;
    bus->fd_ = ::open(sidecar.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (bus->fd_ < 0) return Error::av(-errno, sidecar.string(), "cannot open the tag file");
    return bus;
}

TagBus::~TagBus() {
    if (fd_ >= 0) ::close(fd_);
}

Status TagBus::append(const std::string& line) {
    std::string data = line + "\n";
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error::av(-errno, "tags", "cannot write the tag file");
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) return Error::av(-errno, "tags", "cannot sync the tag file");
    return {};
}

Result<Tag> TagBus::add(const std::string& label, const std::string& kind, double leadSeconds,
                        const std::string& source) {
    std::function<void()> notify;
    Tag t;
    {
        std::lock_guard lock(m_);
        t.id = nextId_;
        t.t = std::max<Micros>(0, clock_() - static_cast<Micros>(std::max(0.0, leadSeconds) * 1e6));
        t.label = label;
        t.kind = kind.empty() ? "mark" : kind;
        t.source = source;
        nlohmann::json j{{"id", t.id}, {"t_us", t.t}, {"label", t.label}, {"kind", t.kind}, {"source", t.source}};
        KOTSU_TRY(append(j.dump()));
        ++nextId_;
        tags_.push_back(t);
        sortByTime(tags_);
        notify = changed_;
    }
    if (notify) notify();
    return t;
}

Result<bool> TagBus::undo(std::int64_t id) {
    std::function<void()> notify;
    {
        std::lock_guard lock(m_);
        auto it = std::find_if(tags_.begin(), tags_.end(), [&](const Tag& t) { return t.id == id; });
        if (it == tags_.end()) return false;
        KOTSU_TRY(append(nlohmann::json{{"undo", id}}.dump()));
        tags_.erase(it);
        notify = changed_;
    }
    if (notify) notify();
    return true;
}

Result<std::optional<Tag>> TagBus::undoLast() {
    std::optional<Tag> last;
    {
        std::lock_guard lock(m_);
        for (const auto& t : tags_)
            if (!last || t.id > last->id) last = t;
    }
    if (!last) return std::optional<Tag>{};
    auto done = undo(last->id);
    if (!done) return done.error();
    return *done ? last : std::optional<Tag>{};
}

std::vector<Tag> TagBus::tags() const {
    std::lock_guard lock(m_);
    return tags_;
}

void TagBus::onChange(std::function<void()> f) {
    std::lock_guard lock(m_);
    changed_ = std::move(f);
}

Result<std::vector<Tag>> readSidecar(const std::filesystem::path& sidecar) {
    std::ifstream in(sidecar);
    if (!in) return Error::make(sidecar.string(), "cannot read the tag file");
    std::vector<Tag> tags;
    std::int64_t maxId = 0;
    for (std::string line; std::getline(in, line);) applyLine(line, tags, maxId);
    sortByTime(tags);
    return tags;
}

}  // namespace kotsu::record
