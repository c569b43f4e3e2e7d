#!/usr/bin/env python3
"""Scores `tact analyze` on a labelled JSON Lines file, per category.

    scripts/score.py FILE.jsonl [--tact build/release/cli/tact] [--rules PACK]...
    scripts/score.py FILE.jsonl --misses [--category blame]
    scripts/score.py FILE.jsonl --rules-only    # the learned layer switched off

The file uses the labels of ../shared/eval/README.md (agent lines: triggers,
techniques; customer lines: signals, escalation). Prints precision and
recall per trigger category, technique and signal, the share of clean agent
lines with a warning-or-worse trigger, and escalation exact / within one.

--misses lists the lines behind each false negative and false positive, for
developing rules. It refuses the held-out sets (cs_dev.jsonl,
conversations_dev.jsonl, bench/eval/fresh/): their lines are for figures,
never for reading while writing rules.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

HELD_OUT = ("cs_dev.jsonl", "conversations_dev.jsonl", os.path.join("fresh", "fresh.jsonl"))


def analyze(tact, rules, lines):
    cmd = [tact, "analyze", "--jsonl", "--format", "json"]
    for r in rules:
        cmd += ["--rules", r]
    feed = "".join(json.dumps({"id": i, "text": l["text"], "role": l["role"]}) + "\n"
                   for i, l in enumerate(lines))
    out = subprocess.run(cmd, input=feed.encode(), capture_output=True, check=False)
    reports = [json.loads(x) for x in out.stdout.decode().splitlines() if x.strip()]
    if len(reports) != len(lines):
        sys.exit("score: tact answered %d of %d lines: %s" % (len(reports), len(lines),
                                                            out.stderr.decode()[:500]))
    return reports


def found(report, family):
    if family == "triggers":
        return {t["category"] for t in report.get("triggers", [])}
    if family == "techniques":
        return {t["type"] for t in report.get("techniques", [])}
    return {s["type"] for s in report.get("escalation", {}).get("signals", [])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--tact", default="build/release/cli/tact")
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--category")
    ap.add_argument("--rules-only", action="store_true",
                    help="switch the learned layer off (it was trained on cs_train)")
    a = ap.parse_args()
    if a.rules_only:
        off = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tact_score_no_model.toml")
        with open(off, "w") as f:
            f.write('model = ""\n')
        a.rules.append(off)
    if a.misses and any(os.path.abspath(a.file).endswith(h) for h in HELD_OUT):
        sys.exit("score: %s is held out: figures only, no --misses" % a.file)
    lines = [json.loads(x) for x in open(a.file, encoding="utf-8") if x.strip()]
    reports = analyze(a.tact, a.rules, lines)
    counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    misses = []
    clean = flagged = 0
    exact = near = customers = 0
    for line, rep in zip(lines, reports):
        fams = ("triggers", "techniques") if line["role"] == "agent" else ("signals",)
        for fam in fams:
            gold, got = set(line.get(fam, [])), found(rep, fam)
            for c in gold | got:
                key = "%s:%s" % (fam[:-1], c)
                if c in gold and c in got:
                    counts[key][0] += 1
                elif c in got:
                    counts[key][1] += 1
                    misses.append(("FP", key, line))
                else:
                    counts[key][2] += 1
                    misses.append(("FN", key, line))
        if line["role"] == "agent" and not line.get("triggers"):
            clean += 1
            flagged += any(t["severity"] != "info" for t in rep.get("triggers", []))
        if line["role"] == "customer" and "escalation" in line:
            customers += 1
            d = abs(rep["escalation"]["level"] - int(line["escalation"]))
            exact += d == 0
            near += d <= 1
    if a.misses:
        for kind, key, line in misses:
            if a.category is None or key.endswith(":" + a.category):
                print("%s %-28s %s  %s" % (kind, key, line.get("id", ""), line["text"]))
        return
    fams = defaultdict(lambda: [0, 0, 0])
    print("%-30s %9s %9s %5s %5s %5s" % ("category", "precision", "recall", "tp", "fp", "fn"))
    for key in sorted(counts):
        tp, fp, fn = counts[key]
        for i, v in enumerate((tp, fp, fn)):
            fams[key.split(":")[0]][i] += v
        print("%-30s %9.3f %9.3f %5d %5d %5d" % (key, tp / max(1, tp + fp), tp / max(1, tp + fn),
                                                  tp, fp, fn))
    for fam, (tp, fp, fn) in sorted(fams.items()):
        print("%-30s %9.3f %9.3f" % (fam + " micro", tp / max(1, tp + fp), tp / max(1, tp + fn)))
    print("clean agent lines with a warning-or-worse trigger: %d of %d (%.1f%%)"
          % (flagged, clean, 100.0 * flagged / max(1, clean)))
    if customers:
        print("escalation exact %.3f, within one %.3f on %d customer lines"
              % (exact / customers, near / customers, customers))


if __name__ == "__main__":
    main()
