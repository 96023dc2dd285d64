#pragma once
// Owner of an AVDictionary of options, handed to libav calls that consume/return leftovers.
#include <string>

extern "C" {
#include <libavutil/dict.h>
}

namespace kotsu::av {

class Dictionary {
public:
    Dictionary() = default;
    Dictionary(Dictionary&& o) noexcept : d_(o.d_) { o.d_ = nullptr; }
    Dictionary& operator=(Dictionary&& o) noexcept {
        if (this != &o) {
            av_dict_free(&d_);
            d_ = o.d_;
            o.d_ = nullptr;
        }
        return *this;
    }
    Dictionary(const Dictionary&) = delete;
    Dictionary& operator=(const Dictionary&) = delete;
    ~Dictionary() { av_dict_free(&d_); }

    Dictionary& set(const std::string& k, const std::string& v) {
        av_dict_set(&d_, k.c_str(), v.c_str(), 0);
        return *this;
    }
    [[nodiscard]] std::string get(const std::string& k) const {
        auto* e = av_dict_get(d_, k.c_str(), nullptr, 0);
        return e ? e->value : "";
    }
    AVDictionary** out() { return &d_; }
    [[nodiscard]] AVDictionary* get() const { return d_; }

private:
    AVDictionary* d_ = nullptr;
};

}  // namespace kotsu::av
