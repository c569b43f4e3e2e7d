#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""No example of the pack is copied from the labelled sets.

Every `examples` and `counterexamples` string of every rule under rules/
must be the pack authors' own: none may appear in ../shared/eval/cs_dev.jsonl
(a test set) or cs_train.jsonl (scored by the learned layer), and none may
share a run of 8 or more words with one of their lines. Texts are compared
after folding case, apostrophes, quotes and whitespace.

usage: pack_overlap_test.py RULES_DIR SHARED_EVAL_DIR
Exits 77 (skipped) when the labelled sets are absent, 1 on an overlap.
"""
import json
import os
import re
import sys
import tomllib

RUN = 8          # words in a shared run that count as copying
MIN_WORDS = 4    # shorter examples ("No.", "Absolutely not.") are phrases, not lines


def words(text):
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("'", "")
    return re.findall(r"[^\W_]+", text)


def pack_examples(rules_dir):
    for root, _, files in os.walk(rules_dir):
        for name in sorted(files):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                pack = tomllib.load(f)
            for rule in pack.get("rule", []):
                for field in ("examples", "counterexamples"):
                    for text in rule.get(field, []):
                        yield os.path.relpath(path, rules_dir), rule.get("id", "?"), text


def main():
    rules_dir, shared = sys.argv[1], sys.argv[2]
    sets = [os.path.join(shared, n) for n in ("cs_dev.jsonl", "cs_train.jsonl")]
    if not all(os.path.exists(s) for s in sets):
        print("skipped: labelled sets not found under", shared)
        return 77
    lines = []  # (set name, id, word list, joined)
    runs = {}   # 8-word run -> (set name, id)
    for s in sets:
        with open(s, encoding="utf-8") as f:
            for raw in f:
                if raw.strip():
                    item = json.loads(raw)
                    w = words(item["text"])
                    lines.append((os.path.basename(s), item["id"], " " + " ".join(w) + " "))
                    for i in range(len(w) - RUN + 1):
                        runs.setdefault(tuple(w[i:i + RUN]), (os.path.basename(s), item["id"]))
    failures = []
    checked = 0
    for path, rule, text in pack_examples(rules_dir):
        checked += 1
        w = words(text)
        where = None
        if len(w) >= MIN_WORDS:
            needle = " " + " ".join(w) + " "
            where = next(((s, i) for s, i, joined in lines if needle in joined), None)
        for i in range(len(w) - RUN + 1):
            if where is None:
                where = runs.get(tuple(w[i:i + RUN]))
        if where is not None:
            failures.append(f"{path}: {rule}: example {text!r} overlaps {where[0]} {where[1]}")
    for f in failures:
        print(f)
    print(f"{checked} examples checked against {len(lines)} labelled lines: "
          f"{len(failures)} overlap")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
