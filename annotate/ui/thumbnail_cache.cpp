#include "annotate/ui/thumbnail_cache.hpp"

#include <stb_image.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace kotsu::annotate::ui {

ThumbnailCache::~ThumbnailCache() {
    stop_.store(true);
    if (shots_.joinable()) shots_.join();
}

void ThumbnailCache::reset(const std::optional<ThumbnailSet>& set) {
    stop_.store(true);
    if (shots_.joinable()) shots_.join();
    stop_.store(false);
    loaded_.clear();
    lru_.clear();
    queue_.clear();
    set_ = set ? *set : ThumbnailSet{};
    shotChanges_.reset();
    if (set_.empty()) return;
    shots_ = std::thread([this, files = set_.files, interval = set_.interval] {
        // Background work: on a busy two-core machine the UI thread and the decoder come first.
        (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
        // 16×9 grey miniatures; a change of more than ~12% mean brightness between neighbours is a cut.
        std::vector<float> prev, cur;
        std::vector<Micros> cuts;
        for (size_t i = 0; i < files.size() && !stop_.load(); ++i) {
            int w = 0, h = 0, n = 0;
            unsigned char* px = stbi_load(files[i].c_str(), &w, &h, &n, 1);
            if (!px) continue;
            cur.assign(16 * 9, 0.f);
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) cur[(y * 9 / h) * 16 + x * 16 / w] += px[y * w + x];
            stbi_image_free(px);
            const float cell = float(w) * h / (16 * 9);
            for (auto& v : cur) v /= cell;
            if (!prev.empty()) {
                float d = 0;
                for (size_t k = 0; k < cur.size(); ++k) d += std::fabs(cur[k] - prev[k]);
                if (d / cur.size() > 30.f) cuts.push_back(static_cast<Micros>(i) * interval);
            }
            prev.swap(cur);
        }
        std::lock_guard lock(mu_);
        shotChanges_ = std::move(cuts);
    });
}

const gl::Texture* ThumbnailCache::get(size_t i) {
    if (i >= set_.files.size()) return nullptr;
    auto it = loaded_.find(i);
    if (it != loaded_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.second);
        return &it->second.first;
    }
    if (std::find(queue_.begin(), queue_.end(), i) == queue_.end()) queue_.push_back(i);
    return nullptr;
}

void ThumbnailCache::loadSome(int budget) {
    // Newest requests first: they are what is on screen now.
    while (budget-- > 0 && !queue_.empty()) {
        size_t i = queue_.back();
        queue_.pop_back();
        if (loaded_.count(i)) continue;
        int w = 0, h = 0, n = 0;
        unsigned char* px = stbi_load(set_.files[i].c_str(), &w, &h, &n, 4);
        if (!px) continue;
        gl::Texture tex;
        tex.upload(w, h, px);
        stbi_image_free(px);
        lru_.push_front(i);
        loaded_.emplace(i, std::make_pair(std::move(tex), lru_.begin()));
        if (loaded_.size() > kMaxLoaded) {
            loaded_.erase(lru_.back());
            lru_.pop_back();
        }
    }
    if (queue_.size() > 256) queue_.erase(queue_.begin(), queue_.end() - 256);
}

std::optional<std::vector<Micros>> ThumbnailCache::takeShotChanges() {
    std::lock_guard lock(mu_);
    auto out = std::move(shotChanges_);
    shotChanges_.reset();
    return out;
}

}  // namespace kotsu::annotate::ui
