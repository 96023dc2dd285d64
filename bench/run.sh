#!/usr/bin/env bash
# Builds and runs every benchmark with its defaults, printing each table.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/setup.sh"
bash "$here/scripts/build.sh"
for b in transcode package suggest annotate capture search story; do
  if [ -x "$here/build/bin/bench_$b" ]; then
    echo "== bench_$b"
    "$here/build/bin/bench_$b" || echo "bench_$b exited with $?"
  fi
done
