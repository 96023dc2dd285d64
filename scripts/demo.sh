#!/usr/bin/env bash
# The main job: install what is needed, build, and run the demo pipeline end to end.
# Prints where the package's index.html is. Extra arguments go to `kotsu demo`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
bash "$here/scripts/build.sh"
cd "$here"
exec build/bin/kotsu demo --library "${KOTSU_LIBRARY:-$here/kotsu-library}" --out "$here/kotsu-demo" "$@"
