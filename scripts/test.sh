#!/usr/bin/env bash
# Builds everything (dev preset: warnings are errors) and runs every test:
# C++ and C ABI tests, the install test and the examples through ctest, then
# the Python package's tests with pytest. Ends with ctest's and pytest's
# summaries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)"

if [ -d bindings/python/tests ]; then
  lib=$(ls build/dev/lib/libtact.so.* | head -n 1)
  TACT_LIBRARY=$PWD/$lib PYTHONPATH=$PWD/bindings/python \
    /usr/bin/python3 -m pytest -q -p no:cacheprovider bindings/python/tests
fi
