#include "capture/record/tag_keys.hpp"

#include <cstdio>

namespace kotsu::record {

std::string clockText(Micros t) {
    const long long s = t / 1000000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

KeyTagger::KeyTagger(int fd, TagBus& bus, std::vector<PaletteEntry> palette, Say say)
    : bus_(bus), palette_(std::move(palette)), say_(std::move(say)), keys_(fd, [this](char c) { key(c); }) {}

void KeyTagger::key(char c) {
    if (confirming_) {
        confirming_ = false;
        if (c == 'y' || c == 'Y' || c == 'q') stop_ = true;
        else say_("recording goes on");
        return;
    }
    if (c == 'q') {
        confirming_ = true;
        say_("stop recording? y = stop, any other key = go on");
        return;
    }
    if (c == 'u') {
        auto t = bus_.undoLast();
        if (!t) say_("undo not saved: " + t.error().what());
        else if (*t) say_("undone: " + ((*t)->label.empty() ? (*t)->kind : (*t)->label) + " @" + clockText((*t)->t));
        return;
    }
    std::string label, kind;
    if (c == ' ') kind = "mark";
    for (const auto& p : palette_)
        if (p.key == c) label = p.ja, kind = p.kind;
    if (kind.empty()) return;
    auto t = bus_.add(label, kind, 0, "key");
    if (!t) say_("tag not saved: " + t.error().what());
    else say_("tag " + std::to_string(t->id) + ": " + (label.empty() ? kind : label) + " @" + clockText(t->t));
}

}  // namespace kotsu::record
