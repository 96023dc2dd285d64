#!/usr/bin/env bash
# Every test: install what is needed, build, run the whole CTest suite (GoogleTest units and
# integration tests by module label, and the HTML player in headless Chromium), then the sanitizer
# stages (scripts/sanitizers.sh: ASan+UBSan over core/capture/cli/package, TSan over the threaded
# transcode and editor tests). KOTSU_SANITIZERS=0 skips those.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
bash "$here/scripts/build.sh"
cd "$here/build"
export SDL_AUDIODRIVER=dummy
ctest --output-on-failure --timeout 900 -j2 "$@"
if [ "${KOTSU_SANITIZERS:-1}" != 0 ]; then
  bash "$here/scripts/sanitizers.sh"
fi
