#!/usr/bin/env bash
# Accuracy on labelled data: the rule engine's findings and the tone model's
# scores on ../shared/eval/cs_dev.jsonl, and the tone model on the public sets
# in ../shared/data/ (VADER's tweets, GoEmotions dev) when they are present.
# Each figure is printed next to a baseline run on the same data.
# Last, the headline: the whole system (rules + learned layer) per category
# from models that never saw the scored lines (scripts/eval_model.py):
# leave-one-domain-out over cs_train.jsonl, cs_train -> cs_dev, and
# bench/eval/fresh/ when present, each beside the rules alone.
#   scripts/eval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_eval_rules tact_eval_tone tact_features >/dev/null
[ -d ../shared/eval ] || { echo "eval: ../shared/eval not found; it holds the labelled data" >&2; exit 2; }
build/release/bench/eval/tact_eval_rules
echo
build/release/bench/eval/tact_eval_tone
echo
/usr/bin/python3 scripts/eval_model.py --features build/release/bench/eval/tact_features

# Conversations (issue 16): figures on ../shared/eval/conversations_dev.jsonl.
[ -f ../shared/eval/conversations_dev.jsonl ] && scripts/eval_conversation.sh || true
