#!/usr/bin/env bash
# clang-format check and clang-tidy (checks in .clang-tidy) over the
# library, C ABI, CLI and server sources. Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset dev >/dev/null
files=$(git ls-files 'lib/*.cpp' 'capi/*.cpp' 'cli/*.cpp' 'server/*.cpp')
headers=$(git ls-files 'include/*.hpp' 'lib/*.hpp' 'capi/*.h' 'cli/*.hpp' 'server/*.hpp')
status=0
clang-format --dry-run --Werror $files $headers || status=1
# shellcheck disable=SC2086
clang-tidy -p build/dev --quiet $files 2>/dev/null | grep -E 'warning:|error:' && status=1
[ $status -eq 0 ] && echo "lint: clean ($(echo $files | wc -w) sources)"
exit $status
