#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Rewrites of the reviewed set, and the check of the blind verdicts on them.

  rewrite_review.py dump   [--lines L] [--out tests/rewrite/reviewed/rewrites.jsonl]
      Writes one JSON object per line of L: id, before, after, the applied
      edits and the edits the fluency guard declined (with reasons). This is
      the file a blind reviewer reads (they see only before/after).
  rewrite_review.py check  [--lines L] [--verdicts tests/rewrite/reviewed/verdicts.jsonl]
      Fails (exit 1) when a line judged good now rewrites differently (a
      changed rewrite needs a new verdict), and prints the issue's figures:
      the share of applied rewrites passing all four questions, and the share
      of warning-or-worse lines with an applied rewrite. Exit 2 when the
      verdicts file is missing: there is nothing to compare against yet.

verdicts.jsonl, one object per judged line:
  {"id": "rv001", "after": "<the exact rewrite judged>", "grammatical": true,
   "faithful": true, "calmer": true, "no_escalating": true, "note": "..."}

Uses the Python bindings (TACT_LIBRARY names libtact.so.1 when not installed).
"""
import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python"))

import tact  # noqa: E402

QUESTIONS = ("grammatical", "faithful", "calmer", "no_escalating")
SEVERE = ("warning", "error")


def rewrite_all(lines_path):
    rows = []
    with tact.Analyzer() as analyzer, open(lines_path, encoding="utf-8") as f:
        for raw in f:
            if not raw.strip():
                continue
            line = json.loads(raw)
            r = analyzer.analyze(line["text"], role="agent")
            rows.append(
                {
                    "id": line["id"],
                    "before": line["text"],
                    "after": r.rewrite,
                    "severe": any(t.severity in SEVERE for t in r.triggers),
                    "applied": [
                        {"start": e.start, "end": e.end, "replacement": e.replacement}
                        for e in r.edits
                    ],
                    "declined": [
                        {
                            "start": e.start,
                            "end": e.end,
                            "replacement": e.replacement,
                            "reason": e.reason,
                        }
                        for e in r.declined
                    ],
                }
            )
    return rows


def dump(args):
    rows = rewrite_all(args.lines)
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    applied = sum(1 for r in rows if r["applied"])
    declined = sum(len(r["declined"]) for r in rows)
    print(f"{len(rows)} lines, {applied} with an applied rewrite, {declined} declined edits "
          f"-> {args.out}")
    return 0


def check(args):
    path = Path(args.verdicts)
    if not path.exists():
        print(f"verdicts missing: {path} does not exist yet; run the blind review of "
              f"rewrites.jsonl first (tests/rewrite/reviewed/README.md)")
        return 2
    verdicts = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            v = json.loads(raw)
            verdicts[v["id"]] = v
    rows = rewrite_all(args.lines)
    changed, unjudged, passed, judged_applied = [], 0, 0, 0
    for r in rows:
        if not r["applied"]:
            continue
        v = verdicts.get(r["id"])
        if v is None:
            unjudged += 1
            continue
        good = all(v.get(q) is True for q in QUESTIONS)
        if v["after"] != r["after"]:
            if good:
                changed.append((r["id"], v["after"], r["after"]))
            unjudged += 1
            continue
        judged_applied += 1
        passed += good
    severe = [r for r in rows if r["severe"]]
    covered = sum(1 for r in severe if r["applied"])
    share_pass = passed / judged_applied if judged_applied else 0.0
    share_cov = covered / len(severe) if severe else 0.0
    print(f"applied rewrites judged: {judged_applied}, passing all four: {passed} "
          f"({100 * share_pass:.1f}%); without a current verdict: {unjudged}")
    print(f"warning-or-worse lines: {len(severe)}, with an applied rewrite: {covered} "
          f"({100 * share_cov:.1f}%)")
    for rid, was, now in changed:
        print(f"CHANGED {rid}: judged good as {was!r}, now {now!r}")
    return 1 if changed else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("command", choices=("dump", "check"))
    here = ROOT / "tests" / "rewrite" / "reviewed"
    p.add_argument("--lines", default=str(here / "lines.jsonl"))
    p.add_argument("--out", default=str(here / "rewrites.jsonl"))
    p.add_argument("--verdicts", default=str(here / "verdicts.jsonl"))
    args = p.parse_args()
    return dump(args) if args.command == "dump" else check(args)


if __name__ == "__main__":
    sys.exit(main())
