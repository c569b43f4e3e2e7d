#!/usr/bin/env bash
# Builds the tact CLI (release) and runs `tact serve`: the HTTP API, the
# LanguageTool-compatible /v2/check and the demo page at http://127.0.0.1:8080/.
# Arguments go to `tact serve` (docs/serve.md), e.g. --listen 127.0.0.1:8081.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_cli >/dev/null
exec build/release/cli/tact serve "$@"
