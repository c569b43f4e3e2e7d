# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""The learned layer's findings through Python: source and probability."""

import json

import tact


def _fnv1a64(data):
    h = 14695981039346656037
    for byte in data:
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def _layer(tmp_path):
    """A pack layer whose model flags any sentence with "zorblat" (a word no
    rule knows) as a refusal, with probability sigmoid(3)."""
    body = b"w:zorblat\ttrigger:refusal\t5.0000\n"
    head = ("tact-model\t1\nhash\tfnv1a64\nnegators\tnot\n"
            "label\ttrigger:refusal\t-2.0000\t0.6000\nchecksum\t%016x\n---\n" % _fnv1a64(body))
    (tmp_path / "w.tsv").write_bytes(head.encode() + body)
    (tmp_path / "pack.toml").write_text('name = "t"\nmodel = "w.tsv"\n')
    return str(tmp_path / "pack.toml")


def test_model_and_rule_findings_say_their_source(tmp_path):
    text = "I don't know. The zorblat is gone."
    with tact.Analyzer([_layer(tmp_path)]) as a:
        r = a.analyze(text, role="agent")
    assert [(t.source, t.category) for t in r.triggers] == [
        ("rule", "uncertainty"), ("model", "refusal")]
    rule, model = r.triggers
    assert rule.probability == 1.0
    assert abs(model.probability - 0.9526) < 1e-3
    assert model.text == "The zorblat is gone."
    assert text[model.start:model.end] == model.text
    assert "The zorblat is gone." in r.rewrite  # reported, not rewritten
    d = json.loads(r.to_json())
    assert [t["source"] for t in d["triggers"]] == ["rule", "model"]


def test_default_findings_are_rules(analyzer):
    r = analyzer.analyze("Calm down, I don't know.", role="agent")
    assert r.triggers
    for t in r.triggers:
        assert t.source in ("rule", "model")
        assert 0.0 < t.probability <= 1.0
