#pragma once
// A library with one session of three steps (step 2 has a safety marker), one package with a known
// uid and a roster, and statements built like the player's (records.js) for tests of kotsu_field.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.hpp"
#include "core/library.hpp"
#include "tests/support/test_support.hpp"

namespace kotsu::test {

inline constexpr const char* kUid = "0123456789abcdef0123456789abcdef";

struct FieldLibrary {
    explicit FieldLibrary(const std::string& name);
    ScratchDir dir;
    Library lib;
    std::optional<catalog::Catalog> cat;
    Session session;
    std::vector<Id> steps;  // marker ids of steps 1..3 (4 s each)
};

// One playing of a step clip, as the player reports it.
struct Playing {
    std::string trainee;
    Id step = 0;
    std::string sid = "s1";
    std::string day = "2026-11-20";
    int seq = 0;       // makes ids and times unique
    int loops = 0;
    double slow = 0, watch = 0;
};
[[nodiscard]] nlohmann::json statement(const Playing& p, const std::string& verb, const std::string& segments,
                                       double time = 0, double from = 0, double to = 0);
// initialized, played, paused (with `segments`) and terminated for one playing.
[[nodiscard]] std::vector<nlohmann::json> playing(Playing p, const std::string& segments);

}  // namespace kotsu::test
