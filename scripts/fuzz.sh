#!/usr/bin/env bash
# Fuzzing: builds fuzz/ with clang-14's libFuzzer + ASan + UBSan in build-fuzz/ and runs each target for
# MINUTES (default 10), one after the other, each in one process at the lowest priority. New inputs that
# reach new code are kept in build-fuzz/corpus/<target>/ (the committed seeds in fuzz/corpus/<target>/ are read,
# never written); a crash leaves build-fuzz/crash-<target>-* and stops the script with exit 1 — fix it and
# copy the input into fuzz/corpus/<target>/ so every build's `ctest -L fuzz` replays it.
#   scripts/fuzz.sh [MINUTES] [TARGET...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes=${1:-10}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(time_parse marker_json marker_csv captions manifest verify_folder)
if ! [[ $minutes =~ ^[0-9]+$ ]] || [[ $minutes -lt 1 ]]; then
    echo "usage: scripts/fuzz.sh [MINUTES] [TARGET...]" >&2
    exit 2
fi
command -v clang++-14 >/dev/null || { echo "fuzz.sh: clang-14 is not installed (scripts/setup.sh)" >&2; exit 1; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-14 \
    -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" -DKOTSU_FUZZ=ON -DKOTSU_BUILD_TESTS=OFF -DKOTSU_BUILD_GUI=OFF >/dev/null
nice -n 19 ninja -C build-fuzz -j"${KOTSU_FUZZ_BUILD_JOBS:-2}" "${targets[@]/#/kotsu_fuzz_}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
    mkdir -p "build-fuzz/corpus/$t"
    echo "== fuzz $t for $minutes min"
    nice -n 19 "build-fuzz/bin/kotsu_fuzz_$t" -max_total_time=$((minutes * 60)) -timeout=10 \
        -rss_limit_mb=2048 -max_len=8192 -artifact_prefix="build-fuzz/crash-$t-" -print_final_stats=1 \
        "build-fuzz/corpus/$t" "fuzz/corpus/$t" 2>&1 | tee "build-fuzz/fuzz-$t.log" | grep -E "^#[0-9]+ +(DONE|INITED)|ERROR|SUMMARY|stat::" || true
    if ls build-fuzz/crash-"$t"-* >/dev/null 2>&1; then
        echo "fuzz.sh: $t found a crash: $(ls build-fuzz/crash-"$t"-*) (log: build-fuzz/fuzz-$t.log)" >&2
        exit 1
    fi
done
echo "fuzz.sh: no crash in ${#targets[@]} target(s), $minutes min each"
