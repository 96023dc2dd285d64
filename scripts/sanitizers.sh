#!/usr/bin/env bash
# The sanitizer stages of the test command (scripts/test.sh runs this after the plain suites):
#   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer (+ float-cast-overflow), every report
#                fatal (-fno-sanitize-recover), -O1 -g (the tests themselves -O0 -g1): the core, capture,
#                cli and package suites.
#   build-tsan/  ThreadSanitizer: the threaded transcode tests (one decode feeding every output's
#                thread, an output failing mid-run, cancellation) and the editor's background jobs.
# Both through ccache (the same cache as build/). `scripts/sanitizers.sh asan` or `tsan` runs one.
# Expect each stage to take several times the plain build on 2 cores (ccache helps only on reruns).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
which="${1:-all}"
gen=()
command -v ninja >/dev/null 2>&1 && gen=(-G Ninja)
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
export SDL_AUDIODRIVER=dummy

configure() {  # DIR SANITIZER
  if [ ! -f "$1/CMakeCache.txt" ]; then
    cmake -S . -B "$1" "${gen[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g" \
      -DKOTSU_SANITIZE="$2" -DKOTSU_BUILD_GUI="$3"
  fi
}

if [ "$which" = all ] || [ "$which" = asan ]; then
  start=$SECONDS
  configure build-asan address OFF
  cmake --build build-asan --parallel "$(nproc)" --target kotsu kotsu_test_core kotsu_test_capture kotsu_test_cli kotsu_test_package
  # detect_leaks: libav, fontconfig and OpenCV keep process-lifetime caches; leaks are not what this
  # stage looks for (they would need suppressions for third-party libraries).
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  # The one timed catalog test (100 k rows, a CPU-time bound) is left to the plain build: under ASan it
  # takes minutes and says nothing about memory.
  (cd build-asan && ctest --output-on-failure --timeout 900 -j"$(nproc)" -L '^(core|capture|cli|package)$' \
    -E '^core\.SearchIndex\.ReplacingAThousandCuesOnA100kCatalogTakesUnderASecond$')
  echo "asan: $((SECONDS - start)) s"
fi

if [ "$which" = all ] || [ "$which" = tsan ]; then
  start=$SECONDS
  configure build-tsan thread ON
  cmake --build build-tsan --parallel "$(nproc)" --target kotsu_test_core kotsu_test_transcode kotsu_test_annotate
  # Third-party libraries are not built with TSan; scripts/tsan.supp says which reports are theirs.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$here/scripts/tsan.supp"
  # The threaded paths: the transcoder's threads (every test of Transcoder and the output failure
  # tests), cancellation, and the editor's background jobs. The media-heavy shared-media and
  # profile-matrix tests are left to the plain build (TSan runs them 10-20x slower).
  (cd build-tsan && ctest --output-on-failure --timeout 900 -j"$(nproc)" \
    -R '^(core\.Cancel.*|transcode\.(Transcoder|TranscodeOutputFailure)\..*|annotate\.(BackgroundJob|ProxyJob|EditorUi\.Packaging|StoryPanelUi\.Render).*)')
  echo "tsan: $((SECONDS - start)) s"
fi
