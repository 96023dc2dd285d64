#pragma once
// Streaming XXH3-128 for ingest checksums.
#include <cstddef>
#include <memory>
#include <string>

namespace kotsu {

class Hasher {
public:
    Hasher();
    ~Hasher();
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;
    void update(const void* data, std::size_t n);
    [[nodiscard]] std::string hex() const;  // 32 lowercase hex digits

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace kotsu
