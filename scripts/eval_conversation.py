#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Scores `tact conversation --format json` against labelled conversations
(../shared/eval/CONVERSATIONS.md): route, priority, trend, stage and
escalation on customer turns, `unaddressed` micro precision/recall.

    scripts/eval_conversation.py TACT [FILE]   # FILE: conversations_dev.jsonl
    --pack=P analyze with --no-default-pack --rules=P (a pack file carrying
             its own [conversation] table): checks rule data unbuilt.
    --check  exits 1 when a figure is under its floor: issue 16's target
             where it was reached, else the figure REACHED at the last
             recorded commit minus 0.03 (a regression guard). Targets not
             reached are printed as NOT MET.
Exit 77 when FILE is absent (a test skips)."""
import json
import os
import subprocess
import sys

TARGETS = {"route": 0.92, "priority": 0.88, "stage": 0.80, "trend": 0.90,
           "unaddressed_p": 0.80, "unaddressed_r": 0.75, "escalation": 0.75}
# The figures on conversations_dev.jsonl at the last recorded commit (only
# the default FILE is held to them). Recorded when the shipped model stopped
# training on cs_dev.jsonl, a test set: escalation fell from 0.652 to 0.624.
# Recorded again on 2026-12-08, when the signals, answers and carried levels
# were widened on 40 fresh conversations and the model retrained on the new
# trigger rules: here route rose 0.875 -> 0.900 and trend fell 0.750 ->
# 0.700 (two conversations), stage 0.851 -> 0.837, escalation 0.624 ->
# 0.610; on 32 held-out conversations by another writer (never read) every
# figure held or rose: route 0.812 -> 0.844, priority 0.688 -> 0.719,
# stage 0.745 -> 0.775, trend 0.594 -> 0.688, escalation 0.549 -> 0.559.
REACHED = {"route": 0.900, "priority": 0.825, "stage": 0.837, "trend": 0.700,
           "unaddressed_p": 0.750, "unaddressed_r": 0.682, "escalation": 0.610}
MARGIN = 0.03


def floor_of(k):
    t = TARGETS[k]
    return t if REACHED[k] >= t else round(REACHED[k] - MARGIN, 3)


def main():
    packs = [a[len("--pack="):] for a in sys.argv[1:] if a.startswith("--pack=")]
    args = [a for a in sys.argv[1:] if a != "--check" and not a.startswith("--pack=")]
    check = "--check" in sys.argv[1:]
    tact = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "eval", "conversations_dev.jsonl")
    path = args[1] if len(args) > 1 else default
    if not os.path.exists(path):
        print(f"skip: {path} not found")
        return 77
    gold = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    extra = ["--no-default-pack"] + ["--rules=" + p for p in packs] if packs else []
    out = subprocess.run([tact, "conversation", "--format", "json", *extra, path],
                         capture_output=True, text=True, check=False)
    got = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    if len(got) != len(gold):
        print(f"error: {len(got)} reports for {len(gold)} conversations: {out.stderr[:500]}")
        return 2
    n = {k: [0, 0] for k in ("route", "priority", "trend", "stage", "escalation")}
    tp = fp = fn = 0
    for g, r in zip(gold, got):
        for k in ("route", "priority", "trend"):
            n[k][0] += g[k] == r.get(k)
            n[k][1] += 1
        for gt, rt in zip(g["turns"], r["turns"]):
            if gt["role"] == "customer":
                if "stage" in gt:
                    n["stage"][0] += gt["stage"] == rt.get("stage")
                    n["stage"][1] += 1
                if "escalation" in gt:
                    n["escalation"][0] += gt["escalation"] == rt.get("level")
                    n["escalation"][1] += 1
            else:
                want, have = set(gt.get("unaddressed", [])), set(rt.get("unaddressed", []))
                tp += len(want & have)
                fp += len(have - want)
                fn += len(want - have)
    figs = {k: v[0] / v[1] if v[1] else 0.0 for k, v in n.items()}
    figs["unaddressed_p"] = tp / (tp + fp) if tp + fp else 1.0
    figs["unaddressed_r"] = tp / (tp + fn) if tp + fn else 1.0
    print(f"{len(gold)} conversations from {path}")
    below = []
    held = len(args) <= 1  # the floors are figures on the default FILE
    for k, target in TARGETS.items():
        floor = floor_of(k) if held else target
        mark = "" if figs[k] >= floor - 1e-9 else "  BELOW"
        if mark:
            below.append(k)
        met = "" if figs[k] >= target else f"  NOT MET (target {target:.2f})"
        print(f"  {k:15s} {figs[k]:.3f}  (floor {floor:.3f}){mark}{met}")
    return 1 if check and below else 0


if __name__ == "__main__":
    sys.exit(main())
