#!/usr/bin/env bash
# Every test: install what is needed, build, run the whole CTest suite (GoogleTest units and
# integration tests by module label, and the HTML player in headless Chromium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
bash "$here/scripts/build.sh"
cd "$here/build"
export SDL_AUDIODRIVER=dummy
ctest --output-on-failure --timeout 900 -j2 "$@"
