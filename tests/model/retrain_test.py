#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""End to end: scripts/train.sh retrains the learned layer on a small
generated labelled file into a pack layer, twice with the same bytes, and
`tact analyze --rules layer/pack.toml` reports the new model's findings.

  retrain_test.py TACT_FEATURES TACT_CLI

Exits 77 (skipped) without python3-sklearn."""
import filecmp
import json
import os
import subprocess
import sys
import tempfile

try:
    import sklearn  # noqa: F401
except ImportError:
    print("retrain_test: python3-sklearn is not installed; skipped")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
features, cli = sys.argv[1], sys.argv[2]

# A made-up house phrase no rule knows ("the zorb desk") marks a deflection;
# a made-up customer word ("quuxed") marks a refund demand. Four domains,
# 64 lines of each kind: enough that the house phrase outweighs the pack's
# own examples, which the layer also trains on.
lines = []
subjects = ["parcel", "booking", "invoice", "boiler", "lesson", "lease", "scooter", "ticket"]
for i in range(192):
    s = subjects[i % len(subjects)]
    dom = "d%d" % (i % 4)
    if i % 3 == 0:
        lines.append({"role": "agent", "domain": dom, "triggers": ["deflection"], "techniques": [],
                      "text": "Thanks for waiting. Your %s goes to the zorb desk now." % s})
    elif i % 3 == 1:
        lines.append({"role": "agent", "domain": dom, "triggers": [], "techniques": [],
                      "text": "Thanks for waiting. Your %s is on its way today." % s})
    else:
        sig = ["refund_demand"] if i % 2 else []
        word = "quuxed" if sig else "fine"
        lines.append({"role": "customer", "domain": dom, "signals": sig, "escalation": 1 if sig else 0,
                      "text": "My %s was %s and I expect it sorted." % (s, word)})

with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "my.jsonl")
    with open(data, "w") as f:
        f.writelines(json.dumps(l) + "\n" for l in lines)
    env = dict(os.environ, TACT_FEATURES=features)
    outs = []
    for run in ("a", "b"):
        out = os.path.join(tmp, "pack_" + run)
        subprocess.run([os.path.join(ROOT, "scripts", "train.sh"), "--data", data, "--out", out],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        outs.append(out)
    a, b = (os.path.join(o, "model", "weights.tsv") for o in outs)
    assert filecmp.cmp(a, b, shallow=False), "two trainings wrote different weights"
    pack = os.path.join(outs[0], "pack.toml")

    # A subject the house lines never used, in their wording: the threshold
    # is the lowest held-out score of a house line (precision 0.9), so a
    # reworded sentence may fall just under it.
    msgs = [{"id": "1", "role": "agent", "text": "Thanks for waiting. Your kettle goes to the zorb desk now."},
            {"id": "2", "role": "agent", "text": "Thanks for waiting. Your kettle is on its way today."},
            {"id": "3", "role": "customer", "text": "My kettle was quuxed and I expect it sorted."}]
    got = subprocess.run([cli, "analyze", "--jsonl", "--format", "json", "--rules", pack],
                         input="".join(json.dumps(m) + "\n" for m in msgs).encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode().splitlines()
    reports = [json.loads(x) for x in got]
    model = [[t["category"] for t in r["triggers"] if t["source"] == "model"] for r in reports]
    assert model[0] == ["deflection"], reports[0]["triggers"]
    assert model[1] == [], reports[1]["triggers"]
    t = [t for t in reports[0]["triggers"] if t["source"] == "model"][0]
    assert t["text"] == "Your kettle goes to the zorb desk now." and 0.5 < t["confidence"] < 1
    assert t["rule"] == "trigger.deflection.model" and t["severity"] == "info"
    assert "zorb desk" in reports[0]["rewrite"]  # reported, not rewritten
    sig = [s["type"] for s in reports[2]["escalation"]["signals"] if s["source"] == "model"]
    assert sig == ["refund_demand"], reports[2]["escalation"]["signals"]

    # The default pack without the layer does not know the phrase.
    got = subprocess.run([cli, "analyze", "--jsonl", "--format", "json"],
                         input=(json.dumps(msgs[0]) + "\n").encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    assert all(t["category"] != "deflection" for t in json.loads(got)["triggers"])
print("retrain_test: ok")
