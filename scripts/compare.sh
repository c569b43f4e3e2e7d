#!/usr/bin/env bash
# Tact against the npm tools people would otherwise use, on one corpus, in
# one run on this machine: speed (messages/s, MB/s, Tact's speed-up, Tact on
# one thread through its batch API) and, when ../shared/eval/cs_dev.jsonl is
# present, accuracy where the question applies. Also times the CLI's JSON
# output on the same corpus. Installs the peers under bench/peers/ with npm.
#   scripts/compare.sh [MESSAGES=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
scripts/deps.sh
command -v node >/dev/null || { echo "compare: node and npm are needed" >&2; exit 2; }
cmake --preset release >/dev/null
cmake --build --preset release --target tact_compare tact_corpus tact_cli >/dev/null

peers=bench/peers
if [ ! -d "$peers/node_modules/alex" ]; then
  mkdir -p "$peers"
  [ -f "$peers/package.json" ] || echo '{"private": true, "type": "module"}' > "$peers/package.json"
  npm install --silent --no-audit --no-fund --prefix "$peers" \
    vader-sentiment@1.1.3 sentiment@5.0.2 wink-sentiment@5.0.2 write-good@1.0.8 alex@11.0.1 >/dev/null
fi

corpus=build/release/compare_corpus.jsonl
build/release/bench/tact_corpus --size chat --count "$count" --seed 2026 --format jsonl > "$corpus"
dev=../shared/eval/cs_dev.jsonl
[ -f "$dev" ] || dev=""

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "corpus: $count generated chat messages, $(wc -c < "$corpus") bytes of JSON Lines"
{
  build/release/bench/tact_compare "$corpus" $dev
  node bench/compare/peers.mjs "$peers" "$corpus" $dev
} | /usr/bin/python3 bench/compare/report.py

cli_rate() {  # tact analyze over a JSON Lines file once: messages/s, process start included
  local start end
  start=$(date +%s.%N)
  build/release/cli/tact analyze --jsonl --format json "$1" >/dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'tact CLI, JSON Lines out: {int(sys.argv[3])/s:,.0f} messages/s (one pass, process start, parsing and printing included)')" "$start" "$end" "$(wc -l <"$1")"
}
cli_rate "$corpus"

# Text nobody wrote for Tact: the GoEmotions development comments (Reddit,
# Apache-2.0, ../shared/data), when present. The generated corpus repeats
# its sentences, which keeps RE2's DFA states warm; text never seen before
# makes them, so this is the figure a help desk's traffic gets.
real=../shared/data/goemotions_dev/dev.tsv
if [ -f "$real" ]; then
  real_corpus=build/release/compare_real.jsonl
  /usr/bin/python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.dumps({"text": line.split("\t")[0]}))' "$real" >"$real_corpus"
  echo
  echo "corpus: $(wc -l <"$real_corpus") GoEmotions comments, $(wc -c <"$real_corpus") bytes of JSON Lines (each tool repeats them for two seconds)"
  {
    build/release/bench/tact_compare "$real_corpus"
    node bench/compare/peers.mjs "$peers" "$real_corpus"
  } | /usr/bin/python3 bench/compare/report.py
  cli_rate "$real_corpus"
fi
