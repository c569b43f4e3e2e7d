#!/usr/bin/env bash
# The main job: builds the tact CLI (release) and analyzes the example
# support conversation in examples/conversation.jsonl with the embedded
# default pack, then as one conversation (`tact conversation`). Extra
# arguments go to `tact analyze` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_cli >/dev/null
build/release/cli/tact analyze --jsonl "$@" examples/conversation.jsonl
# The whole exchange as one conversation: stages, unaddressed requests,
# priority and route (its lines share no conversation field, so they group
# into one).
echo
echo "== conversation =="
exec build/release/cli/tact conversation --group-by conversation examples/conversation.jsonl
