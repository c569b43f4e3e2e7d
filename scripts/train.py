#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Trains Tact's learned layer (docs/model.md) from labelled JSON Lines.

Features come from the C++ tool tact_features (the library's own feature
code); this script only fits linear models on them and writes the weights
file the library reads. Everything is deterministic (liblinear with a fixed
seed, sorted vocabularies, fixed rounding), so a rerun on the same data and
rules writes the same bytes.

    scripts/train.py --features BIN --data a.jsonl [--data b.jsonl] --out weights.tsv

scripts/train.sh wraps it (builds tact_features, writes the default pack's
weights or a customer's pack layer).
"""
import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

FORMAT_VERSION = 1
MIN_POSITIVE_LINES = 4  # a label with fewer positive lines gets no model
MIN_FEATURE_LINES = 2  # a feature seen in fewer training lines is dropped
TARGET_PRECISION = 0.90  # of the model's own additions, on held-out folds
SENTENCE_C = 1.0  # inverse L1 strength of the sentence models (smaller: sparser)
ESCALATION_C = 1.5  # inverse L1 strength of the escalation models (chosen by LODO on cs_train)
MIN_WEIGHT = 0.02  # smaller weights are dropped (they move no decision)
DECIMALS = 4  # weights are written rounded; scores use the rounded values
FAMILIES = (("trigger", "triggers", "agent"), ("technique", "techniques", "agent"),
            ("signal", "signals", "customer"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def featurize(binary, params, lines, rules=()):
    """Runs tact_features over `lines`; returns one feature dump per line."""
    args = [binary, "--params", params]
    for r in rules:
        args += ["--rules", r]
    text = "".join(json.dumps({"id": l.get("id", ""), "role": l["role"], "text": l["text"]}) + "\n"
                   for l in lines)
    out = subprocess.run(args, input=text.encode(), stdout=subprocess.PIPE, check=True).stdout
    dumps = [json.loads(line) for line in out.decode().splitlines()]
    assert len(dumps) == len(lines), "tact_features returned %d lines for %d" % (len(dumps), len(lines))
    return dumps


def read_params(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


def pack_examples(binary, params, rules=()):
    """The layered packs' rule examples (flag) and counterexamples (must not
    flag) as Items labelled for their rule's category only."""
    args = [binary, "--examples"]
    for r in rules:
        args += ["--rules", r]
    out = subprocess.run(args, stdout=subprocess.PIPE, check=True).stdout.decode()
    seen, lines = set(), []
    for x in map(json.loads, out.splitlines()):
        key = (x["role"], x["text"], x["family"], x["category"])
        if key in seen:
            continue
        seen.add(key)
        k = dict((f, k) for f, k, _ in FAMILIES)[x["family"]]
        lines.append({"role": x["role"], "text": x["text"], k: [x["category"]] if x["flag"] else [],
                      "domain": "pack examples", "only": (x["family"], x["category"])})
    return [Item(l, d) for l, d in zip(lines, featurize(binary, params, lines, rules))]


class Item:
    """One labelled line and its features. A pack example is labelled for
    one category only (`only`); real lines for every category."""

    def __init__(self, line, dump):
        self.line = line
        self.only = line.get("only")
        self.role = line["role"]
        self.group = line.get("domain", "")
        self.sentences = [set(s) for s in dump["sentences"]] or [set()]
        self.union = set().union(*self.sentences)
        self.line_features = self.union | set(dump["line"])

    def has(self, family, key, category):
        return category in self.line.get(key, [])

    def rule_fires(self, family, category):
        return any("rule:%s:%s" % (family, category) in s for s in self.sentences)


def vocabulary(feature_sets):
    counts = {}
    for fs in feature_sets:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    return sorted(f for f, c in counts.items() if c >= MIN_FEATURE_LINES)


def matrix(feature_sets, index):
    rows, cols = [], []
    for i, fs in enumerate(feature_sets):
        for f in fs:
            j = index.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feature_sets), len(index)))


def fit(X, y, C, balanced=True):
    """L1 logistic regression (classes weighted equally); returns (weights,
    bias) pruned and rounded as written."""
    if y.min() == y.max():
        return np.zeros(X.shape[1]), (-8.0 if y.max() == 0 else 8.0)
    m = LogisticRegression(penalty="l1", C=C, solver="liblinear", random_state=0, max_iter=2000,
                           tol=1e-6, class_weight="balanced" if balanced else None)
    m.fit(X, y)
    w = np.round(m.coef_[0], DECIMALS)
    w[np.abs(w) < MIN_WEIGHT] = 0.0
    return w, round(float(m.intercept_[0]), DECIMALS)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class LabelModel:
    """A sentence-level binary model for one category, trained from line labels."""

    def __init__(self, family, key, category):
        self.family, self.key, self.category = family, key, category
        self.name = "%s:%s" % (family, category)

    def train(self, items):
        vocab = vocabulary(it.union for it in items)
        self.index = {f: i for i, f in enumerate(vocab)}
        y_line = np.array([1 if it.has(self.family, self.key, self.category) else 0 for it in items])
        # Round one, at line level: which sentence of a positive line the
        # rules do not point at carries the label.
        w1, b1 = fit(matrix([it.union for it in items], self.index), y_line, SENTENCE_C)
        rows, ys = [], []
        for it, pos in zip(items, y_line):
            if not pos:
                rows += it.sentences
                ys += [0] * len(it.sentences)
                continue
            rule = "rule:%s:%s" % (self.family, self.category)
            marked = [s for s in it.sentences if rule in s]
            if not marked:
                scores = matrix(it.sentences, self.index) @ w1
                marked = [it.sentences[int(np.argmax(scores))]]
            rows += marked
            ys += [1] * len(marked)
        self.w, self.b = fit(matrix(rows, self.index), np.array(ys), SENTENCE_C)
        self.threshold = 0.5
        return self

    def line_scores(self, items):
        """The largest sentence probability of each line."""
        out = []
        for it in items:
            out.append(float(np.max(sigmoid(matrix(it.sentences, self.index) @ self.w + self.b))))
        return np.array(out)

    def weights(self):
        vocab = sorted(self.index, key=self.index.get)
        return [(vocab[j], self.name, self.w[j]) for j in np.nonzero(self.w)[0]]


def choose_threshold(scores, items, family, key, category):
    """The lowest threshold at which the lines the model adds (the rules did
    not flag the category) are right at least TARGET_PRECISION of the time,
    on held-out scores; 0.999 (silent) when none is."""
    cands = []
    for s, it in zip(scores, items):
        if not it.rule_fires(family, category):
            cands.append((s, 1 if category in it.line.get(key, []) else 0))
    cands.sort(key=lambda c: -c[0])
    best = 0.999
    tp = fp = 0
    for i, (s, y) in enumerate(cands):
        tp += y
        fp += 1 - y
        if i + 1 < len(cands) and cands[i + 1][0] == s:
            continue  # ties decide together
        if tp >= 2 and tp / (tp + fp) >= TARGET_PRECISION and s >= 0.5:
            best = min(best, s)
    return round(max(0.5, min(best, 0.999)), DECIMALS)


def folds(items):
    """Held-out folds for thresholds: by domain when there are several."""
    groups = sorted(set(it.group for it in items))
    if len(groups) >= 3:
        return [[i for i, it in enumerate(items) if it.group == g] for g in groups]
    k = 5
    return [[i for i in range(len(items)) if i % k == f] for f in range(k)]


def sentence_labels(items):
    out = []
    for family, key, role in FAMILIES:
        mine = [it for it in items if it.role == role]
        cats = sorted(set(c for it in mine for c in it.line.get(key, [])))
        for c in cats:
            if sum(1 for it in mine if c in it.line.get(key, [])) >= MIN_POSITIVE_LINES:
                out.append((family, key, role, c))
    return out


def train_sentence_models(items, extra=(), tune=True):
    """`extra`: pack examples, trained on (for their category) but never
    held out for thresholds."""
    models = []
    for family, key, role, c in sentence_labels(items):
        mine = [it for it in items if it.role == role]
        ex = [it for it in extra if it.role == role and it.only == (family, c)]
        m = LabelModel(family, key, c).train(mine + ex)
        if tune:
            scores = np.zeros(len(mine))
            for held in folds(mine):
                held_set = set(held)
                rest = [it for i, it in enumerate(mine) if i not in held_set]
                sub = LabelModel(family, key, c).train(rest + ex)
                scores[held] = sub.line_scores([mine[i] for i in held])
            m.threshold = choose_threshold(scores, mine, family, key, c)
        models.append(m)
    return models


class EscalationModel:
    """P(level >= k) for k = 1..4, each a linear model over a line's features."""

    def train(self, items):
        mine = [it for it in items if it.role == "customer" and "escalation" in it.line]
        self.index = {}
        self.parts = []
        if len(mine) < 10:
            return self
        vocab = vocabulary(it.line_features for it in mine)
        self.index = {f: i for i, f in enumerate(vocab)}
        X = matrix([it.line_features for it in mine], self.index)
        levels = np.array([int(it.line["escalation"]) for it in mine])
        for k in range(1, 5):
            w, b = fit(X, (levels >= k).astype(int), ESCALATION_C, balanced=False)
            self.parts.append(("escalation:%d" % k, w, b))
        return self

    def weights(self):
        vocab = sorted(self.index, key=self.index.get)
        return [(vocab[j], name, w[j]) for name, w, _ in self.parts for j in np.nonzero(w)[0]]


def fnv1a64(data):
    h = 14695981039346656037
    for byte in data:
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def weights_text(params, sentence_models, escalation, sources):
    labels = [(m.name, m.b, m.threshold) for m in sentence_models]
    labels += [(name, b, 0.5) for name, _, b in escalation.parts]
    rows = [r for m in sentence_models for r in m.weights()] + escalation.weights()
    rows.sort(key=lambda r: (r[0], r[1]))
    body = "".join("%s\t%s\t%.*f\n" % (f, l, DECIMALS, w) for f, l, w in rows).encode("utf-8")
    head = ["# Tact's learned layer: linear models over sentence features (docs/model.md).",
            "# Written by scripts/train.sh; edit by retraining, not by hand (the checksum",
            "# covers the weights below the --- line).",
            "# Trained on: " + ", ".join(sources),
            "tact-model\t%d" % FORMAT_VERSION, "hash\tfnv1a64"] + params
    head += ["label\t%s\t%.*f\t%.*f" % (n, DECIMALS, b, DECIMALS, t) for n, b, t in labels]
    head.append("checksum\t%016x" % fnv1a64(body))
    return ("\n".join(head) + "\n---\n").encode("utf-8") + body


def train_models(items, extra=(), tune=True):
    """The sentence models and the escalation model for `items` (and the
    pack examples `extra`)."""
    return train_sentence_models(items, extra, tune), EscalationModel().train(items)


def train(items, params, sources, extra=(), tune=True):
    """The weights file's bytes for a model trained on `items` (and the pack
    examples `extra`)."""
    return weights_text(params, *train_models(items, extra, tune), sources)


def predict(sentence_models, escalation, item):
    """What the library decides for `item` with these models, computed here
    from the same features and rounded weights: {(family, category)} found
    by a rule or the model, and the escalation level (customers). For
    checking that C++ and Python agree, not for scoring."""
    found = set()
    for m in sentence_models:
        if dict((f, r) for f, _, r in FAMILIES)[m.family] != item.role:
            continue
        if item.rule_fires(m.family, m.category) or m.line_scores([item])[0] >= m.threshold:
            found.add((m.family, m.category))
    level = 0
    if escalation.parts:
        X = matrix([item.line_features], escalation.index)
        for name, w, b in escalation.parts:
            if (X @ w + b)[0] >= 0:
                level = max(level, int(name.split(":")[1]))
    return found, level


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--features", required=True, help="the tact_features program")
    ap.add_argument("--params", required=True, help="feature parameters (rules/en/model/features.tsv)")
    ap.add_argument("--data", action="append", required=True, help="labelled JSON Lines")
    ap.add_argument("--rules", action="append", default=[], help="packs layered over the default")
    ap.add_argument("--out", required=True, help="weights file to write")
    a = ap.parse_args()
    lines = []
    for path in a.data:
        lines += read_jsonl(path)
    if not lines:
        sys.exit("train: no labelled lines in " + ", ".join(a.data))
    for l in lines:
        if l.get("role") not in ("agent", "customer") or not isinstance(l.get("text"), str):
            sys.exit("train: every line needs a role (agent or customer) and a text")
    items = [Item(l, d) for l, d in zip(lines, featurize(a.features, a.params, lines, a.rules))]
    extra = pack_examples(a.features, a.params, a.rules)
    data = train(items, read_params(a.params),
                 [os.path.basename(p) for p in a.data] + ["the packs' rule examples"], extra)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "wb") as f:
        f.write(data)
    n = data.split(b"\n---\n", 1)[1].count(b"\n")
    print("train: %d lines -> %s (%d weights, %d bytes)" % (len(lines), a.out, n, len(data)))


if __name__ == "__main__":
    main()
