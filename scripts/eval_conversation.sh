#!/bin/sh
# Prints the conversation figures on ../shared/eval/conversations_dev.jsonl
# (issue 16): route, priority, stage, trend, unaddressed P/R, escalation.
#   scripts/eval_conversation.sh [TACT]   (default: build/dev/cli/tact)
set -eu
cd "$(dirname "$0")/.."
exec /usr/bin/python3 scripts/eval_conversation.py "${1:-build/dev/cli/tact}"
