#!/usr/bin/env bash
# Builds the whole test suite under a sanitizer and runs it:
#   scripts/test-sanitizers.sh [asan|tsan]      (default: asan)
# asan: AddressSanitizer + UndefinedBehaviorSanitizer (Debug at -O1, so
#       assertions stay on; any report fails its test; leaks are checked).
# tsan: ThreadSanitizer (RelWithDebInfo), the same suite; what it watches
#       is the threads: analyzers shared by threads, batches, the JSON built
#       once from several threads.
# Build directories: build/asan, build/tsan (CMakePresets.json). Every ctest
# test runs: C++ and C ABI tests, the CLI, the fuzz targets' replays of their
# seeds and regressions, the install test and the C and C++ examples. The
# Python tests do not: a sanitizer runtime cannot be loaded into a plain
# python3, so ctest leaves them out of sanitizer builds and this script says
# so. Ends with ctest's summary and the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-asan}
case $preset in
  asan | tsan) ;;
  *) echo "usage: scripts/test-sanitizers.sh [asan|tsan]" >&2; exit 2 ;;
esac
scripts/deps.sh
# Reports are fatal; settings a caller exports win.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
# The suppressions (tests/tsan.supp: uninstrumented system libraries) apply
# to a caller's settings too unless they name their own.
case $TSAN_OPTIONS in
  *suppressions=*) ;;
  *) export TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$PWD/tests/tsan.supp" ;;
esac
started=$SECONDS
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
echo "python tests: not run under $preset (a sanitizer runtime cannot be loaded into python3)"
echo "$preset suite: $((SECONDS - started)) s wall"
