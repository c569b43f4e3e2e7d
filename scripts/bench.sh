#!/usr/bin/env bash
# Runs the Google Benchmark harness (release preset) and prints the issue-7
# targets against what this machine measured. One core per benchmark,
# except BM_Batch/threads:2. Takes a few minutes; the full output is kept in
# build/release/bench.json and build/release/bench.txt.
#   scripts/bench.sh [--quick] [extra tact_bench flags, e.g. --benchmark_filter=BM_Hostile]
# --quick: shorter runs (noisier figures), to check that everything runs.
set -euo pipefail
cd "$(dirname "$0")/.."
min_time=0.5
if [ "${1:-}" = "--quick" ]; then
  min_time=0.05
  shift
fi
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tact_bench tact_model_cost tact_corpus tact_cli >/dev/null

out=build/release
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
build/release/bench/tact_bench --benchmark_min_time="$min_time" \
  --benchmark_out="$out/bench.json" --benchmark_out_format=json "$@" | tee "$out/bench.txt"
echo
# Peak memory per input byte (issue 17: at most 32): `tact analyze` on one
# 4 MiB agent draft of generated sentences, less the same process on "hi".
draft="$out/draft_4mib.txt"
build/release/bench/tact_corpus --size chat --count 80000 --seed 17 >"$out/draft_lines.txt"
head -c 4194304 "$out/draft_lines.txt" | tr '\n' ' ' >"$draft"
peak_kb() {
  /usr/bin/python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
echo hi >"$out/hi.txt"
mem_draft=$(peak_kb build/release/cli/tact analyze --role agent --format json "$draft")
mem_hi=$(peak_kb build/release/cli/tact analyze --role agent --format json "$out/hi.txt")
echo
/usr/bin/python3 bench/summary.py --memory "$mem_draft" "$mem_hi" 4194304 "$out/bench.json"
echo
# The learned layer's own cost (issue 13: at most 1.5 us a chat line and
# 15 us per KB of email), as a paired A/B in one process (bench/model_cost.cpp).
echo "learned layer, paired A/B (budget: +1.5 us a chat line, +15 us per KB: 14.1 us for the 938-byte emails):"
build/release/bench/tact_model_cost "$([ "$min_time" = 0.5 ] && echo 40 || echo 4)"
