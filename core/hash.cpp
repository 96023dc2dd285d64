#include "core/hash.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>

namespace kotsu {

struct Hasher::State {
    XXH3_state_t st;
};

Hasher::Hasher() : s_(std::make_unique<State>()) { XXH3_128bits_reset(&s_->st); }
Hasher::~Hasher() = default;

void Hasher::update(const void* data, std::size_t n) { XXH3_128bits_update(&s_->st, data, n); }

std::string Hasher::hex() const {
    XXH128_hash_t h = XXH3_128bits_digest(&s_->st);
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

}  // namespace kotsu
