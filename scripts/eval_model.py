#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Honest accuracy figures for the whole system (rules + learned layer):
every model scored here was trained without the lines it is scored on.

  LODO       leave-one-domain-out over cs_train.jsonl: for each of its 8
             domains, a model trained (scripts/train.py, thresholds tuned on
             folds of the 7 others) on the other 7 domains and the written
             sets (rules/en/model/train/) scores that domain; the 8 parts are
             pooled.
  train->dev a model trained on cs_train.jsonl and the written sets (the
             shipped model's data) scores cs_dev.jsonl.
  fresh      when bench/eval/fresh/*.jsonl exist: the shipped model (trained
             on cs_train + the written sets) scores them. Never trained on.

Each is also scored with the rules alone (the model switched off by a pack
with `model = ""`). Scoring runs the library itself (tact_features --report,
the Analyzer with a pack layer holding the model), not Python's copy of it.

  scripts/eval_model.py --features build/release/bench/eval/tact_features [--check] [--json F]

--check exits 1 when a figure is below its floor (FLOORS below); 77 when
../shared/eval is missing (a skip for ctest).
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import train as T  # noqa: E402
except ImportError as e:  # no python3-sklearn / python3-numpy: scripts/deps.sh installs them
    print("eval_model: %s; skipped" % e, file=sys.stderr)
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("TACT_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
PARAMS = os.path.join(ROOT, "rules", "en", "model", "features.tsv")

# Issue 13's targets, for LODO and train->dev alike.
TARGETS = {
    "trigger_p": 0.92, "trigger_r": 0.85, "trigger_min_category_r": 0.70,
    "technique_p": 0.80, "technique_r": 0.80, "signal_p": 0.88, "signal_r": 0.85,
    "escalation_exact": 0.72, "escalation_within1": 0.97, "clean_flagged_max": 0.02,
}
# What the test holds the system to: the target where it is reached, else
# the figure reached (at the last scripts/train.sh) minus a margin of 0.03.
# Keep in step with the README's accuracy table; a lower figure is a
# regression, a target reached can replace its floor.
FLOORS = {
    # Every issue 13 target is met on both schemes since the written sets
    # joined the training side (2026-12-06): the floors are the targets.
    "lodo": {},
    "train->dev": {},
}


def run_report(binary, lines, packs):
    args = [binary, "--report"]
    for p in packs:
        args += ["--rules", p]
    text = "".join(json.dumps({"id": l.get("id", ""), "role": l["role"], "text": l["text"]}) + "\n"
                   for l in lines)
    out = subprocess.run(args, input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
    return [json.loads(x) for x in out.decode().splitlines()]


def write_pack(directory, weights):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "pack.toml"), "w") as f:
        f.write('name = "eval"\nmodel = "%s"\n' % ("weights.tsv" if weights else ""))
    if weights:
        with open(os.path.join(directory, "weights.tsv"), "wb") as f:
            f.write(weights)
    return os.path.join(directory, "pack.toml")


class Score:
    def __init__(self):
        self.counts = {}  # (family, category) -> [tp, fp, fn]
        self.clean = self.clean_flagged = 0
        self.customers = self.exact = self.within1 = 0
        self.rewrites = self.rewrites_bad = 0
        self.model_findings = 0

    def add(self, line, rep):
        for fam, key, role in T.FAMILIES:
            if line["role"] != role:
                continue
            want, got = set(line.get(key, [])), set(rep[key])
            for c in want | got:
                k = self.counts.setdefault((fam, c), [0, 0, 0])
                k[0] += c in want and c in got
                k[1] += c in got and c not in want
                k[2] += c in want and c not in got
        self.model_findings += rep["model"]
        if line["role"] == "agent":
            if not line.get("triggers"):
                self.clean += 1
                self.clean_flagged += rep["warned"]
            self.rewrites += 1
            kept = all(k in rep["rewrite"] for k in line.get("keep", []))
            self.rewrites_bad += (not kept) or bool(rep["rewrite_triggers"])
        elif "escalation" in line:
            self.customers += 1
            d = abs(rep["level"] - int(line["escalation"]))
            self.exact += d == 0
            self.within1 += d <= 1

    def micro(self, fam):
        tp = sum(v[0] for (f, _), v in self.counts.items() if f == fam)
        fp = sum(v[1] for (f, _), v in self.counts.items() if f == fam)
        fn = sum(v[2] for (f, _), v in self.counts.items() if f == fam)
        return pr(tp, fp, fn)

    def figures(self):
        tp, tr = self.micro("trigger")
        cats = [pr(*v)[1] for (f, _), v in self.counts.items() if f == "trigger" and v[0] + v[2] > 0]
        out = {"trigger_p": tp, "trigger_r": tr, "trigger_min_category_r": min(cats) if cats else 0.0}
        out["technique_p"], out["technique_r"] = self.micro("technique")
        out["signal_p"], out["signal_r"] = self.micro("signal")
        out["escalation_exact"] = self.exact / max(1, self.customers)
        out["escalation_within1"] = self.within1 / max(1, self.customers)
        out["clean_flagged_max"] = self.clean_flagged / max(1, self.clean)
        return out


def pr(tp, fp, fn):
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def table(name, system, rules):
    print("== %s: rules + model (rules alone)" % name)
    print("  %-26s %15s %15s %5s %5s %5s" % ("category", "precision", "recall", "tp", "fp", "fn"))
    for fam in ("trigger", "technique", "signal"):
        cats = sorted(c for f, c in set(system.counts) | set(rules.counts) if f == fam)
        for c in cats:
            s = system.counts.get((fam, c), [0, 0, 0])
            r = rules.counts.get((fam, c), [0, 0, 0])
            (sp, sr), (rp, rr) = pr(*s), pr(*r)
            print("  %-26s %6.3f (%5.3f) %6.3f (%5.3f) %5d %5d %5d" % (
                fam + ":" + c, sp, rp, sr, rr, *s))
        (sp, sr), (rp, rr) = system.micro(fam), rules.micro(fam)
        print("  %-26s %6.3f (%5.3f) %6.3f (%5.3f)" % (fam + " micro", sp, rp, sr, rr))
    fs, fr = system.figures(), rules.figures()
    print("  escalation exact %.3f (%.3f), within one %.3f (%.3f) on %d customer lines" % (
        fs["escalation_exact"], fr["escalation_exact"], fs["escalation_within1"],
        fr["escalation_within1"], system.customers))
    print("  clean agent lines with a warning-or-worse trigger: %d of %d (%.1f%%) (rules %.1f%%)" % (
        system.clean_flagged, system.clean, 100 * fs["clean_flagged_max"],
        100 * fr["clean_flagged_max"]))
    print("  rewrites losing a keep string or keeping a rule trigger: %d of %d" % (
        system.rewrites_bad, system.rewrites))
    print("  findings from the model alone: %d" % system.model_findings)
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--features", required=True, help="the tact_features program")
    ap.add_argument("--check", action="store_true", help="exit 1 below a floor")
    ap.add_argument("--json", help="write the figures here")
    a = ap.parse_args()
    train_path = os.path.join(SHARED, "eval", "cs_train.jsonl")
    dev_path = os.path.join(SHARED, "eval", "cs_dev.jsonl")
    if not (os.path.exists(train_path) and os.path.exists(dev_path)):
        print("eval_model: %s not found; skipped" % os.path.join(SHARED, "eval"), file=sys.stderr)
        return 77
    params = T.read_params(PARAMS)
    train_lines, dev_lines = T.read_jsonl(train_path), T.read_jsonl(dev_path)
    train_items = [T.Item(l, d) for l, d in
                   zip(train_lines, T.featurize(a.features, PARAMS, train_lines))]
    extra = T.pack_examples(a.features, PARAMS)
    # The written sets (rules/en/model/train/) join every training side; no
    # scored line is among them.
    written_lines = [l for p in sorted(glob.glob(os.path.join(ROOT, "rules", "en", "model", "train",
                                                               "*.jsonl")))
                     for l in T.read_jsonl(p)]
    written = [T.Item(l, d) for l, d in
               zip(written_lines, T.featurize(a.features, PARAMS, written_lines))] if written_lines else []
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        no_model = write_pack(os.path.join(tmp, "off"), b"")

        system, rules = Score(), Score()
        for dom in sorted(set(l["domain"] for l in train_lines)):
            held = [l for l in train_lines if l["domain"] == dom]
            rest = [it for it in train_items if it.group != dom] + written
            pack = write_pack(os.path.join(tmp, dom), T.train(rest, params, ["lodo"], extra))
            for l, r in zip(held, run_report(a.features, held, [pack])):
                system.add(l, r)
            for l, r in zip(held, run_report(a.features, held, [no_model])):
                rules.add(l, r)
        table("LODO over cs_train.jsonl (%d lines, 8 domains)" % len(train_lines), system, rules)
        results["lodo"] = {"system": system.figures(), "rules": rules.figures()}

        sm, esc = T.train_models(train_items + written, extra)
        pack = write_pack(os.path.join(tmp, "dev"), T.weights_text(params, sm, esc, ["cs_train", "written"]))
        system, rules = Score(), Score()
        dev_items = [T.Item(l, d) for l, d in zip(dev_lines, T.featurize(a.features, PARAMS, dev_lines))]
        disagree = 0
        for l, r, it in zip(dev_lines, run_report(a.features, dev_lines, [pack]), dev_items):
            system.add(l, r)
            # The library (C++) and train.py must decide alike from one set of
            # features and weights; a difference means the two drifted apart.
            found, level = T.predict(sm, esc, it)
            for fam, key, role in T.FAMILIES:
                mine = set(c for f, c in found if f == fam)
                labelled = set(c for f, c in ((m.family, m.category) for m in sm) if f == fam)
                if l["role"] == role and mine != set(r[key]) & labelled:
                    disagree += 1
            if l["role"] == "customer" and esc.parts and level != r["level"]:
                disagree += 1
        for l, r in zip(dev_lines, run_report(a.features, dev_lines, [no_model])):
            rules.add(l, r)
        table("train->dev: trained on cs_train.jsonl, scored on cs_dev.jsonl (%d lines)" %
              len(dev_lines), system, rules)
        print("library and train.py disagree on %d of %d cs_dev lines (must be 0)\n" %
              (disagree, len(dev_lines)))
        results["train->dev"] = {"system": system.figures(), "rules": rules.figures()}

        fresh = sorted(glob.glob(os.path.join(ROOT, "bench", "eval", "fresh", "*.jsonl")))
        if fresh:
            lines = [l for p in fresh for l in T.read_jsonl(p)]
            system, rules = Score(), Score()
            for l, r in zip(lines, run_report(a.features, lines, [])):
                system.add(l, r)
            for l, r in zip(lines, run_report(a.features, lines, [no_model])):
                rules.add(l, r)
            table("fresh: the shipped model on bench/eval/fresh (%d lines, never trained on)" %
                  len(lines), system, rules)
            results["fresh"] = {"system": system.figures(), "rules": rules.figures()}

    failed = disagree > 0
    for scheme in ("lodo", "train->dev"):
        figs = results[scheme]["system"]
        for k, target in TARGETS.items():
            floor = FLOORS[scheme].get(k, target)
            v = figs[k]
            below_target = v > target if k.endswith("_max") else v < target
            below_floor = v > floor if k.endswith("_max") else v < floor
            if below_target:
                print("%s: %s = %.3f, issue 13 target %.2f NOT MET%s" % (
                    scheme, k, v, target, "" if below_floor else " (floor %.3f holds)" % floor))
            if below_floor:
                failed = True
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1, sort_keys=True)
    return 1 if failed and a.check else 0


if __name__ == "__main__":
    sys.exit(main())
