#!/usr/bin/env bash
# Trains the learned layer (docs/model.md) with Debian's python3-sklearn.
#
#   scripts/train.sh                      # the default pack's model, from
#                                         # ../shared/eval/cs_train.jsonl
#                                         # and rules/en/model/train/*.jsonl
#                                         # (never cs_dev.jsonl: a test set)
#                                         # into rules/en/model/weights.tsv
#   scripts/train.sh --data my.jsonl [--data more.jsonl] --out my_pack/
#                                         # a pack layer: my_pack/pack.toml and
#                                         # my_pack/model/weights.tsv, loaded with
#                                         # tact analyze --rules my_pack/pack.toml
#
# Features come from the rules as they are now (tact_features is rebuilt
# first), so rerun this after changing rules/en. Deterministic: the same
# data and rules give the same bytes. TACT_BUILD picks the build directory
# (default build/release, configured with the release preset);
# TACT_FEATURES names a tact_features program to use as it is, unbuilt (the
# tests do, so a build never relinks it under another test).
set -euo pipefail
cd "$(dirname "$0")/.."
data=()
out=""
rules=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data+=("--data" "$(realpath "$2")"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --rules) rules+=("--rules" "$(realpath "$2")"); shift 2 ;;
    *) echo "usage: scripts/train.sh [--data FILE.jsonl]... [--out DIR/] [--rules PACK.toml]..." >&2; exit 2 ;;
  esac
done
build="${TACT_BUILD:-build/release}"
features="${TACT_FEATURES:-}"
if [ -z "$features" ]; then
  if [ -z "${TACT_BUILD:-}" ]; then
    scripts/deps.sh
    cmake --preset release >/dev/null
  fi
  cmake --build "$build" --target tact_features >/dev/null
  features="$build/bench/eval/tact_features"
fi
py=/usr/bin/python3
args=(--features "$features" --params rules/en/model/features.tsv "${rules[@]}")
if [ ${#data[@]} -eq 0 ]; then
  [ -z "$out" ] || { echo "train: --out needs --data" >&2; exit 2; }
  [ -f ../shared/eval/cs_train.jsonl ] || { echo "train: ../shared/eval/cs_train.jsonl not found" >&2; exit 2; }
  written=()
  for f in rules/en/model/train/*.jsonl; do written+=(--data "$f"); done
  exec "$py" scripts/train.py "${args[@]}" --data ../shared/eval/cs_train.jsonl \
    "${written[@]}" --out rules/en/model/weights.tsv
fi
[ -n "$out" ] || { echo "train: --data needs --out DIR/" >&2; exit 2; }
mkdir -p "$out/model"
"$py" scripts/train.py "${args[@]}" "${data[@]}" --out "$out/model/weights.tsv"
name="$(basename "$(realpath "$out")")"
cat > "$out/pack.toml" <<TOML
# A pack layer written by scripts/train.sh: the learned layer retrained on
# your data, loaded over the default pack (its model replaces the default's):
#   tact analyze --rules $out/pack.toml messages.txt
name = "$name"
model = "model/weights.tsv"
TOML
echo "train: wrote $out/pack.toml"
