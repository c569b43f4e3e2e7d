#!/usr/bin/env bash
# Checks that two builds of tact give byte-identical output (issue 17: a
# speed change must not change a result):
#   scripts/same_output.sh OLD_TACT [NEW_TACT=build/release/cli/tact]
# Inputs: every labelled line present (../shared/eval/*.jsonl,
# bench/eval/fresh/, tests/rewrite/reviewed/, tests/rules/written/), the
# GoEmotions comments of ../shared/data when present (text nobody wrote for
# Tact), examples/conversation.jsonl's
# messages, and 100,000 generated messages (chat, email and transcript
# sizes), each through `tact analyze --jsonl --format json` and
# `tact rewrite --jsonl`. Prints one line per input and exits nonzero if
# any output differs.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: scripts/same_output.sh OLD_TACT [NEW_TACT]}
new=${2:-build/release/cli/tact}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build --preset release --target tact_corpus >/dev/null
corpus=build/release/bench/tact_corpus
$corpus --size chat --count 80000 --seed 17 --format jsonl >"$work/chat.jsonl"
$corpus --size email --count 18000 --seed 17 --format jsonl >"$work/email.jsonl"
$corpus --size transcript --count 2000 --seed 17 --format jsonl >"$work/transcript.jsonl"
inputs=("$work/chat.jsonl" "$work/email.jsonl" "$work/transcript.jsonl" examples/conversation.jsonl)
for f in ../shared/eval/cs_dev.jsonl ../shared/eval/cs_train.jsonl bench/eval/fresh/fresh.jsonl \
  tests/rewrite/reviewed/lines.jsonl tests/rules/written/drafts.jsonl \
  tests/rules/written/families.jsonl; do
  [ -f "$f" ] && inputs+=("$f")
done
real=../shared/data/goemotions_dev/dev.tsv
if [ -f "$real" ]; then
  /usr/bin/python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.dumps({"text": line.split("\t")[0]}))' "$real" >"$work/goemotions.jsonl"
  inputs+=("$work/goemotions.jsonl")
fi
differ=0
for f in "${inputs[@]}"; do
  for cmd in "analyze --jsonl --format json --role auto" "rewrite --jsonl"; do
    # A line's error output is part of the result: both must say the same.
    "$old" $cmd "$f" >"$work/old.out" 2>&1 || true
    "$new" $cmd "$f" >"$work/new.out" 2>&1 || true
    lines=$(wc -l <"$work/old.out")
    if cmp -s "$work/old.out" "$work/new.out"; then
      echo "same      $lines lines  tact $cmd $f"
    else
      echo "DIFFERENT $lines lines  tact $cmd $f"
      differ=1
    fi
  done
done
exit $differ
