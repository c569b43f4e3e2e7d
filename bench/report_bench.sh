#!/usr/bin/env bash
# `tact report` against `tact analyze` on the same synthetic archive
# (bench/gen_archive.py), release preset:
#   bench/report_bench.sh [MESSAGES]        (default 1000000)
# Prints messages/s of `tact analyze --jsonl --format json > /dev/null` and
# of `tact report --format json` (flat messages, no grouping: the same work
# per message), their ratio (target >= 0.80), and the peak RSS of `tact
# report` on MESSAGES/10 and MESSAGES messages, which should be about the
# same: only aggregates are kept. Archives go to build/release/report_bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
small=$((n / 10))
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target tact_cli >/dev/null
tact=build/release/cli/tact
dir=build/release/report_bench
mkdir -p "$dir"
[ -s "$dir/$n.jsonl" ] || /usr/bin/python3 bench/gen_archive.py --messages "$n" --days 60 "$dir/$n.jsonl"
head -n "$small" "$dir/$n.jsonl" >"$dir/$small.jsonl"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $n messages, $(du -m "$dir/$n.jsonl" | cut -f1) MB"

# Wall seconds and peak RSS (KiB) of a command, from GNU time, into $dir/NAME.time.
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$dir/$name.time" "$@"
}
measure analyze "$tact" analyze --jsonl --format json "$dir/$n.jsonl" >/dev/null
measure report "$tact" report --format json --no-progress "$dir/$n.jsonl" -o "$dir/report.json"
measure small "$tact" report --format json --no-progress "$dir/$small.jsonl" -o "$dir/report_small.json"
measure grouped "$tact" report --format json --no-progress --group-by conversation_id \
  "$dir/$n.jsonl" -o "$dir/report_grouped.json"
read -r analyze_s _ <"$dir/analyze.time"
read -r report_s report_kb <"$dir/report.time"
read -r _ small_kb <"$dir/small.time"
read -r grouped_s grouped_kb <"$dir/grouped.time"
/usr/bin/python3 - "$n" "$analyze_s" "$report_s" "$grouped_s" "$small" "$small_kb" "$report_kb" "$grouped_kb" <<'PY'
import sys
n, a, r, g = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
small, small_kb, kb, gkb = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
print(f"tact analyze --jsonl --format json: {a:.1f} s, {n / a:,.0f} messages/s")
print(f"tact report --format json:          {r:.1f} s, {n / r:,.0f} messages/s")
print(f"ratio report/analyze: {a / r:.2f} (target >= 0.80)")
print(f"tact report --group-by conversation_id: {g:.1f} s, {n / g:,.0f} messages/s, "
      f"ratio {a / g:.2f}")
print(f"peak RSS of tact report: {small:,} messages {small_kb / 1024:.1f} MiB, "
      f"{n:,} messages {kb / 1024:.1f} MiB (grouped: {gkb / 1024:.1f} MiB)")
PY
