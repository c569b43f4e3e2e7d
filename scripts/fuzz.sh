#!/usr/bin/env bash
# Runs one libFuzzer target for a while (clang, ASan + UBSan).
#   scripts/fuzz.sh analyze|pack|capi [SECONDS=600]
# The corpus lives in build/fuzz/corpus/TARGET, seeded from tests/fuzz/seeds,
# the rule packs and (when present) the texts of ../shared/eval/cs_dev.jsonl.
# A crash or timeout is written to build/fuzz/artifacts/; copy it into
# tests/fuzz/regressions/TARGET/ so the ordinary suite replays it forever.
# The whole libFuzzer output is kept in build/fuzz/logs/TARGET.log. Exits
# nonzero when the run left an artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh analyze|pack|capi [SECONDS]}
seconds=${2:-600}
scripts/deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "tact_fuzz_$target" >/dev/null

corpus=build/fuzz/corpus/$target
artifacts=build/fuzz/artifacts/$target/
log=build/fuzz/logs/$target.log
mkdir -p "$corpus" "$artifacts" build/fuzz/logs
[ -d "tests/fuzz/seeds/$target" ] && cp -n tests/fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
cp -n tests/fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null || true
case $target in
  pack) cp -n rules/en/*.toml examples/*.toml "$corpus"/ 2>/dev/null || true ;;
  *)
    if [ -f ../shared/eval/cs_dev.jsonl ]; then
      # One seed per dev-set text, prefixed with a role byte.
      /usr/bin/python3 - "$corpus" <<'PY'
import json, sys, os
out = sys.argv[1]
for i, line in enumerate(open("../shared/eval/cs_dev.jsonl", encoding="utf-8")):
    text = json.loads(line)["text"].encode("utf-8")
    with open(os.path.join(out, f"dev{i:03d}"), "wb") as f:
        f.write(bytes([i % 3]) + text)
PY
    fi ;;
esac

echo "fuzzing $target for ${seconds}s; corpus $(ls "$corpus" | wc -l) files"
started=$SECONDS
build/fuzz/tests/fuzz/tact_fuzz_"$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=4096 -max_len=65536 -artifact_prefix="$artifacts" -print_final_stats=1 2>&1 |
  tee "$log" | grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|INFO: Seed)' || true
echo "wall $((SECONDS - started)) s; corpus now $(ls "$corpus" | wc -l) files," \
  "$(du -sk "$corpus" | cut -f1) KB; artifacts: $(ls "$artifacts" | wc -l)"
[ -z "$(ls "$artifacts")" ]
