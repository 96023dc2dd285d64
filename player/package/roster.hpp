#pragma once
// Who may sign in to a package's player: a roster file (kotsu package --trainees roster.csv) or one
// trainee (--trainee ID).
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/model.hpp"

namespace kotsu::package {

// CSV, UTF-8: "id,name" per line (name optional; a first line "id,name" is a header; # comments and
// blank lines skipped). A bad id (empty, longer than 128 bytes, control characters, a comma in
// quotes) or the same id twice is the error, with the line.
[[nodiscard]] Result<std::vector<Trainee>> readRoster(const std::filesystem::path& csv);
// One trainee id as --trainee gives it; the same rules.
[[nodiscard]] Status checkTraineeId(const std::string& id, const std::string& where);

}  // namespace kotsu::package
