"""tact.Conversation and Analyzer.analyze_conversation over the C ABI."""

import pytest

import tact

TURNS = [
    ("customer", "I want to speak to a supervisor, this is the third time I've called."),
    ("agent", "I'm sorry about that."),
    ("customer", "fine."),
    ("agent", "I can see this is your third call; I'm bringing in my supervisor now."),
]


def test_incremental_equals_one_call():
    with tact.Analyzer() as a:
        c = tact.Conversation(a)
        for role, text in TURNS:
            c.append(role, text)
        assert len(c) == 4
        inc = c.report()
        one = a.analyze_conversation(TURNS)
        assert inc == one
        assert one["route"] == "supervisor"
        assert one["priority"] == "P1"
        assert "manager_request" in one["turns"][1]["unaddressed"]
        assert one["turns"][3]["unaddressed"] == []
        assert one["turns"][0]["stage"] in ("venting", "disarming", "calm")
        assert one["reasons"][0]["type"] == "manager_request"


def test_dict_turns_and_bad_input():
    with tact.Analyzer() as a:
        r = a.analyze_conversation([{"role": "customer", "text": b"bad \xff utf-8"}])
        assert len(r["turns"]) == 1
        with pytest.raises(tact.InvalidArgumentError):
            a.analyze_conversation([])
        with pytest.raises(tact.InvalidArgumentError):
            a.analyze_conversation([("bot", "hi")])
        c = tact.Conversation(a)
        with pytest.raises(tact.InvalidArgumentError):
            c.append("auto", "hi")
        assert len(c) == 0
        c.close()
        with pytest.raises(tact.InvalidArgumentError):
            c.append("customer", "hi")


def test_layered_policy_changes_route():
    house = '[[conversation.route]]\nname = "retention"\nsignals = ["manager_request"]\n'
    turns = [("customer", "Put me through to your manager.")]
    with tact.Analyzer() as a:
        assert a.analyze_conversation(turns)["route"] == "supervisor"
    with tact.Analyzer(rule_texts={"house": 'name = "house"\n' + house}) as h:
        assert h.analyze_conversation(turns)["route"] == "retention"
