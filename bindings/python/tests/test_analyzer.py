# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""tact.Analyzer: analysis, offsets, options, errors and lifetime.

Tests taking the ``have_rules`` fixture need the default English pack and
are skipped until it exists."""

import dataclasses
import json
import subprocess
import sys

import pytest

import tact

AGENT = "I don't know, calm down."


def trigger(report, category):
    found = [t for t in report.triggers if t.category == category]
    assert found, "no %s trigger in %r" % (category, report.triggers)
    return found[0]


def test_a_report_has_every_section(analyzer):
    r = analyzer.analyze(AGENT, role="agent")
    assert isinstance(r, tact.Report)
    assert r.role == "agent" and r.role_guessed is False and r.truncated is False
    assert isinstance(r.tone, tact.Tone) and -1 <= r.tone.sentiment <= 1
    assert 0 <= r.tone.deescalation <= 1
    assert isinstance(r.escalation, tact.Escalation)
    assert 0 <= r.escalation.level <= 4 and isinstance(r.escalation.cues, list)
    assert isinstance(r.rewrite, str) and isinstance(r.edits, list)
    assert dataclasses.is_dataclass(r)


def test_empty_and_odd_text(analyzer):
    r = analyzer.analyze("")
    assert r.triggers == [] and r.edits == [] and r.rewrite == ""
    r = analyzer.analyze("nul\0inside")
    assert r.rewrite in ("", "nul\0inside")
    # Invalid UTF-8 is not an error; lone surrogates in a str neither.
    analyzer.analyze(b"\xff\xfe bad \xc3\x28 bytes \xf0\x9f")
    analyzer.analyze("lone \ud800 surrogate")


def test_roles(analyzer):
    assert analyzer.analyze("Where is my order?", role="customer").role == "customer"
    r = analyzer.analyze("Where is my order??? I want a refund NOW!!!", role="auto")
    assert r.role_guessed is True and r.role in ("agent", "customer")
    with pytest.raises(tact.InvalidArgumentError, match="role must be"):
        analyzer.analyze("x", role="manager")
    with pytest.raises(ValueError):  # InvalidArgumentError is a ValueError too
        analyzer.analyze("x", role=None)
    with pytest.raises(TypeError):
        analyzer.analyze(42)


def test_to_dict_and_to_json(analyzer):
    r = analyzer.analyze(AGENT, role="agent")
    d = r.to_dict()
    assert set(d) == {"role", "role_guessed", "truncated", "tone", "escalation", "triggers",
                      "techniques", "edits", "rewrite", "declined"}
    assert d["tone"] == dataclasses.asdict(r.tone)
    json.dumps(d)  # plain data
    j = json.loads(r.to_json())
    assert list(j) == ["id", "role", "tone", "escalation", "triggers", "techniques", "edits",
                       "rewrite"]
    assert j["role"] == "agent" and j["rewrite"] == r.rewrite
    assert len(j["triggers"]) == len(r.triggers) and len(j["edits"]) == len(r.edits)
    for t, jt in zip(r.triggers, j["triggers"]):
        assert (jt["start"], jt["end"]) == (t.start_utf8, t.end_utf8)
        assert jt["suggestions"] == t.suggestions


def test_sections_switched_off():
    with tact.Analyzer(tone=False, rewrite=False) as a:
        r = a.analyze("I am FURIOUS, worst service ever!!! I don't know why.", role="customer")
        assert r.tone == tact.Tone()
        assert (r.escalation.level, r.escalation.label, r.escalation.score) == (0, "calm", 0.0)
        assert r.escalation.cues == []
        r = a.analyze(AGENT)
        assert r.edits == [] and r.rewrite == ""
        assert all(t.suggestions == [] for t in r.triggers)
    with tact.Analyzer(default_pack=False) as a:
        assert a.rule_count == 0
        assert a.analyze(AGENT).triggers == []


def test_input_limit():
    with tact.Analyzer(max_input_bytes=8) as a:
        a.analyze("12345678")
        a.analyze("1234567é"[:7])
        with pytest.raises(tact.InputTooLargeError) as e:
            a.analyze("1234567é")  # 9 bytes in UTF-8
        assert e.value.code == -3
        assert e.value.message == "input of 9 bytes exceeds max_input_bytes (8)"


def test_a_closed_analyzer_raises():
    a = tact.Analyzer()
    assert not a.closed
    a.close()
    a.close()  # idempotent
    assert a.closed
    with pytest.raises(tact.InvalidArgumentError, match="closed"):
        a.analyze("x")
    with pytest.raises(tact.InvalidArgumentError, match="closed"):
        a.analyze_many(["x"])
    with pytest.raises(tact.InvalidArgumentError, match="closed"):
        a.rule_count
    with tact.Analyzer() as b:
        pass
    assert b.closed


def test_analyze_many_keeps_input_order(analyzer):
    texts = [AGENT, "", "Where is my refund??", b"\xff bytes", "Thanks, that helps!"] * 3
    singles = [analyzer.analyze(t, role="customer") for t in texts]
    for threads in (0, 1, 2, 5):
        assert analyzer.analyze_many(texts, role="customer", threads=threads) == singles
    assert analyzer.analyze_many([]) == []
    assert [r.to_json() for r in analyzer.analyze_many(iter(texts), role="customer")] == [
        r.to_json() for r in singles]


def test_analyze_many_raises_the_first_failure():
    with tact.Analyzer(max_input_bytes=5) as a:
        with pytest.raises(tact.InputTooLargeError, match="^message 1: input of 8 bytes"):
            a.analyze_many(["ok", "too long", "fine", "also too long"])
        with pytest.raises(tact.InvalidArgumentError):
            a.analyze_many(["x"], threads=-1)


def test_del_at_interpreter_shutdown_is_quiet(subprocess_env):
    code = (
        "import tact\n"
        "keep = tact.Analyzer()\n"
        "cycle = [tact.Analyzer()]\n"
        "cycle.append(cycle)\n"
        "report = keep.analyze('bye')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=subprocess_env,
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == ""


# ---- with the default pack -------------------------------------------------


def test_a_trigger_with_its_span_and_suggestions(analyzer, have_rules):
    r = analyzer.analyze(AGENT, role="agent")
    t = trigger(r, "uncertainty")
    assert (t.start, t.end, t.start_utf8, t.end_utf8, t.start_utf16, t.end_utf16) == (
        0, 12, 0, 12, 0, 12)
    assert t.text == "I don't know" and AGENT[t.start:t.end] == t.text
    assert t.suggestions and all(isinstance(s, str) and s for s in t.suggestions)
    assert t.severity in ("info", "warning", "error") and t.rule.startswith("trigger.")
    assert trigger(r, "dismissive").text == "calm down"
    assert r.edits and r.rewrite != AGENT


def test_offsets_are_code_points_utf8_and_utf16(analyzer, have_rules):
    text = "😀 Héllo. I don’t know."
    t = trigger(analyzer.analyze(text), "uncertainty")
    assert text[t.start:t.end] == t.text == "I don’t know"
    assert (t.start, t.end) == (9, 21)
    assert (t.start_utf8, t.end_utf8) == (13, 27)
    assert (t.start_utf16, t.end_utf16) == (10, 22)
    assert text.encode("utf-8")[t.start_utf8:t.end_utf8].decode() == t.text
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * t.start_utf16:2 * t.end_utf16].decode("utf-16-le") == t.text


def test_edits_applied_right_to_left_give_the_rewrite(analyzer, have_rules):
    text = "😀 I don't know. Calm down, it's our policy."
    r = analyzer.analyze(text)
    assert r.edits
    out = text
    for e in reversed(r.edits):
        out = out[:e.start] + e.replacement + out[e.end:]
    assert out == r.rewrite


def test_a_reply_that_was_all_sarcasm_rewrites_to_the_packs_empty_reply(analyzer, have_rules):
    r = analyzer.analyze("Cool story.", role="agent")
    assert r.rewrite == "I understand this is frustrating."
    assert [(e.start, e.end, e.replacement) for e in r.edits] == [(0, 11, r.rewrite)]


def test_chat_spellings_are_read_and_written_out(analyzer, have_rules):
    r = analyzer.analyze("idk why, did u restart it", role="agent")
    t = trigger(r, "uncertainty")
    assert (t.start, t.end, t.text) == (0, 3, "idk")  # the writer's bytes
    assert r.rewrite == "I can't confirm yet why, did you restart it."
    assert analyzer.analyze("thx, u r welcome", role="agent").rewrite == "thx, u r welcome"


def test_a_rewritten_reply_has_its_comma_splices_parted(analyzer, have_rules):
    r = analyzer.analyze("Relax, I checked the order, it's on its way", role="agent")
    assert r.rewrite.endswith("I checked the order. It's on its way.")
    # the edits still give the rewrite, and a clean reply keeps its commas
    text = "Relax, I checked the order, it's on its way"
    for e in sorted(r.edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.replacement + text[e.end :]
    assert text == r.rewrite
    clean = "I checked the order, it's on its way"
    assert analyzer.analyze(clean, role="agent").rewrite == clean


def test_offsets_of_bytes_with_invalid_utf8(analyzer, have_rules):
    data = b"\xff\xfe I don't know."
    t = trigger(analyzer.analyze(data), "uncertainty")
    assert (t.start_utf8, t.end_utf8) == (3, 15)
    assert (t.start, t.end) == (3, 15)  # into data.decode("utf-8", "replace")
    assert data.decode("utf-8", "replace")[t.start:t.end] == t.text == "I don't know"


def test_bad_packs_name_file_line_and_rule(have_rules, tmp_path):
    with pytest.raises(tact.RuleFileError) as e:
        tact.Analyzer(rules=[tmp_path / "missing.toml"])
    assert str(tmp_path / "missing.toml") in e.value.message and e.value.code == -5
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "trigger.uncertainty.bad"\npatterns = ["(unclosed"]\n'
                   'message = "x"\nexamples = ["a"]\ncounterexamples = ["b"]\n')
    with pytest.raises(tact.RulePackError) as e:
        tact.Analyzer(rules=[str(bad)])
    assert e.value.message.startswith(str(bad) + ":3: trigger.uncertainty.bad: ")
    with pytest.raises(tact.RulePackError, match=r"^mine\.toml:1: "):
        tact.Analyzer(rule_texts={"mine.toml": "= not toml"})


def test_a_pack_given_as_text_may_use_and_extend_classes(analyzer, have_rules):
    pack = ('[classes]\nrival = ["Acme Broadband"]\ncant.add = ["are powerless to"]\n'
            '[[rule]]\nid = "trigger.deflection.try-rival"\n'
            "patterns = ['''switch to {rival}''']\n"
            'message = "m"\nsuggestions = [""]\n'
            'examples = ["Switch to Acme Broadband."]\ncounterexamples = ["Acme Broadband"]\n')
    with tact.Analyzer(rule_texts={"house.toml": pack}) as a:
        report = a.analyze("We are powerless to refund it, switch to acme broadband.")
        rules = [t.rule for t in report.triggers]
        assert rules == ["trigger.refusal.we-cant", "trigger.deflection.try-rival"]
    with pytest.raises(tact.RulePackError) as e:
        tact.Analyzer(rule_texts={"house.toml": pack.replace("{rival}", "{nope}")})
    assert e.value.message == ('house.toml:6: trigger.deflection.try-rival: unknown class {nope} '
                               'in pattern "switch to {nope}"')


def test_a_pack_from_a_file_layers_over_the_default(analyzer, have_rules, tmp_path):
    pack = tmp_path / "terms.toml"
    pack.write_text(
        '[[rule]]\nid = "trigger.policy_shield.terms"\n'
        'patterns = ["per our terms and conditions"]\n'
        'message = "Quoting the terms sounds like a wall."\n'
        'suggestions = ["here is what I can do"]\n'
        'examples = ["Per our terms and conditions, no."]\n'
        'counterexamples = ["Our terms are on the site."]\n')
    with tact.Analyzer(rules=[pack]) as a:
        assert a.rule_count == analyzer.rule_count + 1
        t = trigger(a.analyze("Per our terms and conditions, no."), "policy_shield")
        assert (t.rule, t.start, t.end) == ("trigger.policy_shield.terms", 0, 28)
    with tact.Analyzer(rule_texts=[pack.read_text()], default_pack=False) as a:
        assert a.rule_count == 1


def test_a_rule_whose_suggestions_are_advice_is_declined_as_advice(analyzer, have_rules):
    # The default pack's hindsight-blame rule sets splice = false: shown, never spliced.
    text = "You should have kept the receipt."
    r = analyzer.analyze(text)
    t = next(t for t in r.triggers if t.category == "blame")
    assert t.suggestions == ["It would have helped to have kept"]
    assert r.rewrite == text and not r.edits
    assert [(d.reason, d.start, d.replacement) for d in r.declined] == [
        ("advice", 0, "It would have helped to have kept")]


def test_a_finding_whose_suggestions_do_not_fit_is_declined(analyzer, have_rules):
    # The default pack's advice for "you should have" opens a sentence; inside
    # a clause it does not fit, and the report says so instead of dropping it.
    text = "The fee applies because you should have returned the box within 30 days."
    r = analyzer.analyze(text)
    assert any(t.category == "blame" for t in r.triggers)
    assert r.rewrite == text
    assert [d.reason for d in r.declined] == ["no_fit"]
    assert text[r.declined[0].start:r.declined[0].end].startswith("you should have")


def test_fluency_guard_declines_a_splice_and_says_why(analyzer, have_rules):
    # The default pack's whole-clause suggestion ("I understand why this
    # matters") would sit inside "it's really ... over": not spliced.
    text = "It's a bit of rain in the photos and it's really not worth getting upset over."
    r = analyzer.analyze(text)
    assert any(t.category == "dismissive" and t.suggestions for t in r.triggers)
    assert r.declined, r
    d = r.declined[0]
    assert d.applied is False
    assert d.reason == "clause_seam"
    assert text[d.start:d.end].startswith("not worth")
    assert r.rewrite == text
    assert all(e.applied and e.reason is None for e in r.edits)
    assert '"applied":false,"reason":"clause_seam"' in r.to_json()
