#pragma once
// Thumbnail textures for the picture lane, loaded on demand a few per frame (a JPEG decode is
// ~0.3 ms; loading hundreds at once would stall a frame), evicted least-recently-used. Shot changes
// are found once in the background from the same thumbnails (the mean difference of neighbours).
#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "annotate/media_files.hpp"
#include "annotate/ui/gl.hpp"

namespace kotsu::annotate::ui {

class ThumbnailCache {
public:
    ~ThumbnailCache();
    void reset(const std::optional<ThumbnailSet>& set);
    [[nodiscard]] bool empty() const { return set_.empty(); }
    [[nodiscard]] const ThumbnailSet& set() const { return set_; }
    // The texture of thumbnail i, or nullptr while it is not loaded (it is queued).
    const gl::Texture* get(size_t i);
    // Loads up to `budget` queued thumbnails; call once per frame.
    void loadSome(int budget);
    // All queued, now (screenshots).
    void loadAll() { loadSome(1 << 20); }
    // Shot changes, once the background pass is done.
    [[nodiscard]] std::optional<std::vector<Micros>> takeShotChanges();

private:
    ThumbnailSet set_;
    std::unordered_map<size_t, std::pair<gl::Texture, std::list<size_t>::iterator>> loaded_;
    std::list<size_t> lru_;
    std::vector<size_t> queue_;
    static constexpr size_t kMaxLoaded = 600;

    std::thread shots_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::optional<std::vector<Micros>> shotChanges_;
};

}  // namespace kotsu::annotate::ui
