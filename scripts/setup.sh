#!/usr/bin/env bash
# Installs every Debian package kotsu needs to build, test and benchmark.
# Idempotent: packages already present are skipped by apt-get; waits for the dpkg lock.
set -euo pipefail

PKGS=(
  # build
  build-essential cmake pkg-config ninja-build
  # media (libav*, in-process)
  libavcodec-dev libavformat-dev libavfilter-dev libswscale-dev libswresample-dev libavdevice-dev libavutil-dev
  # catalog, hashing, json, zip
  libsqlite3-dev libxxhash-dev nlohmann-json3-dev libzip-dev libcli11-dev
  # text on pictures (story titles, burned-in captions), line breaking, site server, QR codes
  libass-dev libunibreak-dev libcpp-httplib-dev libqrencode-dev
  # analysis
  libopencv-dev
  # GUI
  libimgui-dev libsdl2-dev libgl-dev libfreetype-dev libgl1-mesa-dri libglx-mesa0 libegl-mesa0 libstb-dev
  # tests
  libgtest-dev libgmock-dev googletest xvfb xauth
  # fonts (Japanese first-class)
  fonts-noto-cjk
  # referees for tests and benchmarks, never used by the product
  ffmpeg chromium melt alsa-utils libxml2-utils
  # fuzzing and sanitizers
  clang-14 libfuzzer-14-dev
)
# Node.js runs the browser test; a machine may already have its own build (which conflicts with Debian's npm).
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# playwright-core drives Debian's chromium in the HTML player test (no browser download).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
player_tests="$here/tests/player"
if [ -f "$player_tests/package.json" ]; then
  need_npm=0
  for dep in playwright-core ajv; do
    [ -d "$player_tests/node_modules/$dep" ] || need_npm=1
  done
  if [ "$need_npm" = 1 ]; then
    echo "setup: npm ci (tests/player: playwright-core, ajv)"
    (cd "$player_tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
fi
