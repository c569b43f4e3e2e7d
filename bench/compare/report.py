#!/usr/bin/env python3
"""Prints the comparison table from JSON lines (Tact first, then peers)."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
tact = next(r for r in rows if r["tool"] == "tact")


def cell(row, key, fmt="{:.3f}"):
    return fmt.format(row[key]) if key in row else "-"


print(f"{'tool':<20} {'messages/s':>12} {'MB/s':>8} {'Tact is':>12}  "
      f"{'sentiment acc':>13} {'flag P':>7} {'flag R':>7} {'flag acc':>8}")
for r in rows:
    ratio = tact["messages_per_s"] / r["messages_per_s"]
    speedup = ("-" if r is tact else f"{ratio:.1f}x faster" if ratio >= 1
               else f"{1 / ratio:.1f}x slower")
    print(f"{r['tool']:<20} {r['messages_per_s']:>12,.0f} {r['mb_per_s']:>8.2f} {speedup:>12}  "
          f"{cell(r, 'sentiment_accuracy'):>13} {cell(r, 'flag_precision'):>7} "
          f"{cell(r, 'flag_recall'):>7} {cell(r, 'flag_accuracy'):>8}")
