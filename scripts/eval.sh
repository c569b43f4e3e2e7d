#!/usr/bin/env bash
# Accuracy on labelled data: the rule engine's findings and the tone model's
# scores on ../shared/eval/cs_dev.jsonl, and the tone model on the public sets
# in ../shared/data/ (VADER's tweets, GoEmotions dev) when they are present.
# Each figure is printed next to a baseline run on the same data.
#   scripts/eval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_eval_rules tact_eval_tone >/dev/null
[ -d ../shared/eval ] || { echo "eval: ../shared/eval not found; it holds the labelled data" >&2; exit 2; }
build/release/bench/eval/tact_eval_rules
echo
build/release/bench/eval/tact_eval_tone
