#!/usr/bin/env bash
# The main job: builds the tact CLI (release) and analyzes the example
# support conversation in examples/conversation.jsonl with the embedded
# default pack. Extra arguments go to `tact analyze` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_cli >/dev/null
exec build/release/cli/tact analyze --jsonl "$@" examples/conversation.jsonl
