#!/usr/bin/env bash
# The HTML player in headless Chromium from file://, on a package that kotsu itself builds through
# the command line (a short demo session whose second step gets a hostile title through
# `markers export` → edit → `markers import`). Exit 77 (skipped) when Node, playwright-core or
# Chromium is missing.
set -euo pipefail
work="${1:?usage: run.sh WORKDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kotsu="${KOTSU_BIN:?KOTSU_BIN must point at the kotsu binary}"
if ! command -v node >/dev/null || [ ! -d "$here/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
  echo "skipped: node, playwright-core (scripts/setup.sh installs it) or /usr/bin/chromium missing"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
lib=(--library "$work/library")
"$kotsu" demo "${lib[@]}" --out "$work/demo-package" --seconds 24 --size 640x360 --no-proxy
session="$("$kotsu" sessions "${lib[@]}" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).sessions[0].id))')"
"$kotsu" markers "$session" export "${lib[@]}" --to "$work/markers.json"
node -e '
  const fs = require("fs"); const f = process.argv[1];
  const m = JSON.parse(fs.readFileSync(f, "utf8"));
  const steps = m.markers.filter(x => x.kind === "step");
  steps[1].title = "<img src=x onerror=\"window.__pwned=1\">仮締め";
  steps[2].title = "<script>window.__pwned=2</script>対角締め";
  fs.writeFileSync(f, JSON.stringify(m));' "$work/markers.json"
"$kotsu" markers "$session" import "$work/markers.json" "${lib[@]}"
# One trainee for this package (--trainee): the player records for T000 and asks no one.
"$kotsu" package "$session" "${lib[@]}" --out "$work/package" --trainee T000
"$kotsu" verify "$work/package"
status=0
KOTSU_SCREENSHOT="${KOTSU_SCREENSHOT:-$work/glasses.png}" KOTSU_SCREENSHOT_TABLET="${KOTSU_SCREENSHOT_TABLET:-$work/tablet.png}" \
  node "$here/player.test.mjs" "$work/package" || status=$?
# Viewing records: a package with a roster, served by `kotsu serve` and opened from file://; two
# trainees watch, loop and skip; `kotsu followup` names the one who skipped the safety step.
printf 'id,name\nT001,山田 太郎\nT002,佐藤 花子\n' > "$work/roster.csv"
"$kotsu" package "$session" "${lib[@]}" --out "$work/package-roster" --trainees "$work/roster.csv" --profile tablet,glasses
KOTSU_SHOT_DIR="$work" node "$here/records.test.mjs" "$kotsu" "$work/library" "$work/package-roster" "$session" || status=$?
# Phones and glasses: controls on screen, labels whole, the picture full height or width (screenshots in $work).
KOTSU_SHOT_DIR="$work" node "$here/layout.test.mjs" "$work/package-roster" || status=$?
exit $status
