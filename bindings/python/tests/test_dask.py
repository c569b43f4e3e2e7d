# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""tact.dask on a two-process LocalCluster: the same rows as tact.Analyzer run
sequentially, one analyzer per worker, error rows for bad records."""

import json
import math
import os
import random
import subprocess
import sys
from collections import Counter

import pytest

import tact

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import distributed
    import pandas as pd
except ImportError as e:  # pragma: no cover - depends on the machine
    pytest.skip("tact.dask needs dask, distributed and pandas: %s" % e, allow_module_level=True)

import tact.dask as td  # noqa: E402

from conftest import PACKAGE_ROOT  # noqa: E402

# distributed 2022.12 on tornado 6.2 starts its loop the deprecated way.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

AGENT = [
    "I don't know, calm down.",
    "You should have read the policy. It's not my department.",
    "I'm so sorry about the delay, I'll fix this for you right now.",
    "Unfortunately we can't refund that, please hold.",
    "Thanks for your patience! I've issued the refund and it should arrive in 3 days.",
    "As I already said, there's nothing I can do.",
    "I understand how frustrating this is. Let me look into it.",
    "Café déjà vu — “we” can't help you, sorry 😕",
]
CUSTOMER = [
    "This is RIDICULOUS!!! Third time I'm writing. I want my money back.",
    "😡 Why is my order late again?",
    "Hi, could you tell me when my parcel arrives?",
    "I want to speak to a supervisor right now.",
    "thanks, that worked!",
    "I'm going to cancel my subscription and post a review about this.",
]
AGENTS = ["ana", "bo", "chen", None]
TEAMS = ["billing", "shipping", None]


def messages(n, seed=19):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        role = rnd.choice(["agent", "customer", "auto", None])
        pool = AGENT if role == "agent" or (role is None and i % 2) else CUSTOMER
        text = " ".join(rnd.sample(pool, rnd.randint(1, 2)))
        rec = {"id": "m%d" % i if i % 5 else i, "text": text,
               "agent": rnd.choice(AGENTS), "team": rnd.choice(TEAMS),
               "created_at": "2026-11-%02dT10:00:00Z" % (1 + i % 28), "channel": "chat"}
        if role is not None:
            rec["role"] = role
        out.append(rec)
    return out


def expected_row(a, rec, default_role="auto"):
    """The row tact.dask should give for ``rec``, from tact.Analyzer alone."""
    r = a.analyze(rec["text"], role=rec.get("role") or default_role)
    first = [t.suggestions[0] for t in r.triggers if t.suggestions]
    return {
        "id": rec.get("id"), "role": r.role, "role_guessed": r.role_guessed,
        "agent": rec.get("agent"), "team": rec.get("team"),
        "created_at": rec.get("created_at"), "channel": rec.get("channel"),
        "level": r.escalation.level, "level_label": r.escalation.label,
        "escalation_score": r.escalation.score,
        "sentiment": r.tone.sentiment, "anger": r.tone.anger,
        "politeness": r.tone.politeness, "empathy": r.tone.empathy,
        "deescalation": r.tone.deescalation,
        "trigger_count": len(r.triggers),
        "trigger_categories": "|".join(t.category for t in r.triggers),
        "trigger_rules": "|".join(t.rule for t in r.triggers),
        "techniques": "|".join(t.type for t in r.techniques),
        "signals": "|".join(s.type for s in r.escalation.signals),
        "suggestion": first[0] if first else None,
        "rewrite": r.rewrite, "truncated": r.truncated,
        "error_code": None, "error": None,
    }


def plain(v):
    """A cell as a plain Python value (NA and NaN as None, numpy scalars unwrapped)."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def rows(frame):
    assert list(frame.columns) == [name for name, _ in td.MESSAGE_COLUMNS]
    return [{k: plain(v) for k, v in row.items()}
            for row in frame.reset_index(drop=True).to_dict("records")]


def expected_summary(expected):
    """summary() as plain Python counts over the sequential rows."""
    levels = Counter({label: 0 for label in td.LEVELS})
    cats, techs = Counter(), Counter()
    who = {"agent": {}, "team": {}}
    replies = 0
    for r in expected:
        if r["role"] == "customer":
            levels[r["level_label"]] += 1
            continue
        replies += 1
        cats.update(c for c in r["trigger_categories"].split("|") if c)
        techs.update(t for t in r["techniques"].split("|") if t)
        for key in ("agent", "team"):
            s = who[key].setdefault(r[key] or "(none)", [0, 0])
            s[0] += 1
            s[1] += r["trigger_count"]

    def per_100(n, d):
        return round(n * 10000.0 / d) / 100.0 if d else 0.0

    def who_rows(key):
        return [{key: k, "replies": n, "triggers": t, "per_100_replies": per_100(t, n)}
                for k, (n, t) in sorted(who[key].items(), key=lambda kv: (-kv[1][0], kv[0]))]

    return {
        "escalation": {"levels": dict(levels)},
        "triggers": {
            "replies": replies,
            "categories": [{"category": c, "count": n, "per_100_replies": per_100(n, replies)}
                           for c, n in sorted(cats.items(), key=lambda cn: (-cn[1], cn[0]))],
            "by_agent": who_rows("agent"),
            "by_team": who_rows("team"),
        },
        "techniques": {"total": dict(sorted(techs.items()))},
    }


@pytest.fixture(scope="module")
def client():
    # Spawned worker processes inherit os.environ: give them this tree's tact
    # (TACT_LIBRARY, when set, is inherited as it is).
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_ROOT), saved) if p)
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster:
            with distributed.Client(cluster) as c:
                yield c
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.fixture(scope="module")
def sample():
    recs = messages(400)
    with tact.Analyzer() as a:
        expected = [expected_row(a, r) for r in recs]
    return recs, expected


def test_importing_tact_does_not_import_dask(subprocess_env):
    code = "import sys, tact; assert 'dask' not in sys.modules and 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], env=subprocess_env, check=True)


def test_missing_dask_is_a_clear_import_error(subprocess_env):
    code = ("import sys\nsys.modules['dask'] = None\ntry:\n    import tact.dask\n"
            "except ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], env=subprocess_env, check=True,
                         capture_output=True, text=True).stdout
    assert "tact.dask needs Dask" in out and "python3-dask" in out


def test_bag_on_two_workers_equals_sequential(client, sample):
    recs, expected = sample
    results = td.analyze_bag(db.from_sequence(recs, npartitions=8))
    assert results.npartitions == 8
    assert dict(results.dtypes.astype(str)) == dict(td.MESSAGE_COLUMNS)
    got = results.compute()
    assert dict(got.dtypes.astype(str)) == dict(td.MESSAGE_COLUMNS)
    got_rows = rows(got)
    assert len(got_rows) == len(expected)
    for i, (g, e) in enumerate(zip(got_rows, expected)):
        assert g == e, "row %d" % i
    assert td.summary(results) == expected_summary(expected)


def test_each_worker_builds_one_analyzer(client, sample):
    recs, _ = sample
    before = client.run(td.worker_stats)
    # Two different graphs: the same graph twice may be answered from the
    # scheduler's results of the first while they are still being released.
    td.analyze_bag(db.from_sequence(recs, npartitions=10)).compute()
    td.analyze_bag(db.from_sequence(recs, npartitions=11)).compute()
    after = client.run(td.worker_stats)
    assert len(after) == 2
    assert sum(s["partitions"] - before[w]["partitions"] for w, s in after.items()) == 21
    for s in after.values():
        # The default options' analyzer: built once by a worker that ran anything.
        assert s["builds"] == (1 if s["partitions"] else 0)
        assert s["analyzers"] == s["builds"]
    # Other options: another analyzer, once.
    td.analyze_bag(db.from_sequence(recs, npartitions=10), tone=False).compute()
    again = client.run(td.worker_stats)
    for s in again.values():
        assert s["builds"] <= 2 and s["analyzers"] == s["builds"]


def test_threads_share_one_analyzer(sample):
    # A multi-threaded worker: four threads in this process, one analyzer.
    recs, expected = sample
    td.clear_analyzers()
    before = td.worker_stats()["builds"]
    results = td.analyze_bag(db.from_sequence(recs, npartitions=16))
    with dask.config.set(scheduler="threads", num_workers=4):
        got = rows(results.compute())
    assert got == expected
    assert td.worker_stats()["builds"] == before + 1
    td.clear_analyzers()


def test_empty_and_all_bad_partitions_keep_the_dtypes():
    for recs in ([], [None, {"text": 1}]):
        frame = td.analyze_records(recs)
        assert dict(frame.dtypes.astype(str)) == dict(td.MESSAGE_COLUMNS)
    for recs in ([], [5]):
        frame = td.analyze_conversation_records(recs)
        assert dict(frame.dtypes.astype(str)) == dict(td.CONVERSATION_COLUMNS)
    empty = td.analyze_bag(db.from_sequence([], npartitions=1))
    assert len(empty.compute()) == 0
    assert td.summary(empty)["triggers"] == {"replies": 0, "categories": [], "by_agent": [],
                                             "by_team": []}


def test_dataframe_keeps_index_and_equals_sequential(client, sample):
    recs, expected = sample
    pdf = pd.DataFrame(recs[:120], index=pd.RangeIndex(1000, 1120))
    pdf = pdf.rename(columns={"text": "body", "role": "who"})
    df = dd.from_pandas(pdf, npartitions=3)
    results = td.analyze_dataframe(df, text_column="body", role_column="who")
    got = results.compute()
    assert list(got.index) == list(range(1000, 1120))
    # pandas gives a missing role as NaN: the default role, as for a bag.
    assert rows(got) == expected[:120]


def test_bad_records_give_error_rows(client, sample):
    recs, expected = sample
    bad = [
        {"id": "none"},
        {"id": "num", "text": 12, "role": "agent", "agent": "ana"},
        {"id": "role", "text": "hello", "role": "bot"},
        "not a dict",
        None,
        {"id": "big", "text": "x" * 200, "role": "agent"},
        {"id": "nul", "text": "calm\0down", "role": "agent"},
    ]
    mixed = recs[:20] + bad + recs[20:40]
    results = td.analyze_bag(db.from_sequence(mixed, npartitions=3), max_input_bytes=150)
    got = rows(results.compute())
    assert len(got) == len(mixed)
    errors = {r["id"]: (r["error_code"], r["error"]) for r in got if r["error_code"]}
    assert errors[None][0] == "malformed"  # the two non-dicts have no id
    assert errors["none"] == ("malformed", "malformed: the message has no text")
    assert errors["num"] == ("malformed", "malformed: text must be a string, not int")
    assert errors["role"][0] == "malformed" and "'bot'" in errors["role"][1]
    assert errors["big"][0] == "too_large"
    long = sum(1 for r in recs[:40] if len(r["text"].encode()) > 150)
    # the NUL is text like any other
    assert sum(1 for r in got if r["error_code"]) == 6 + long
    num = next(r for r in got if r["id"] == "num")
    assert num["agent"] == "ana" and num["role"] == "agent" and num["level"] is None
    good = [r for r in got if not r["error_code"]]
    with tact.Analyzer(max_input_bytes=150) as a:
        want = []
        for rec in recs[:20] + [bad[-1]] + recs[20:40]:
            if len(rec["text"].encode()) <= 150:
                want.append(expected_row(a, rec))
    assert good == want
    # summary() leaves the error rows out
    s = td.summary(results)
    assert s["triggers"]["replies"] == sum(1 for r in good if r["role"] == "agent")


CONVERSATIONS = [
    [("customer", "I want to speak to a supervisor, this is the third time I've called."),
     ("agent", "I'm sorry about that."), ("customer", "fine."),
     ("agent", "I can see this is your third call; I'm bringing in my supervisor now.")],
    [("customer", "Why is my order late again? 😡"), ("agent", "I don't know, calm down."),
     ("customer", "This is RIDICULOUS!!! I want my money back.")],
    [("customer", "Hi, could you tell me when my parcel arrives?"),
     ("agent", "Thanks for reaching out! It arrives tomorrow.")],
    [("agent", "Hello, how can I help?"), ("customer", "I'm going to cancel and post a review."),
     ("agent", "I understand how frustrating this is. Let me look into it.")],
]


def test_conversations_equal_sequential(client):
    rnd = random.Random(7)
    recs = [{"id": "c%d" % i, "team": rnd.choice(TEAMS),
             "turns": [{"role": r, "text": t} for r, t in rnd.choice(CONVERSATIONS)]}
            for i in range(60)]
    recs.insert(5, {"id": "empty", "turns": []})
    recs.insert(9, {"id": "badrole", "turns": [{"role": "bot", "text": "hi"}]})
    results = td.analyze_conversations(db.from_sequence(recs, npartitions=4))
    got = results.compute().reset_index(drop=True)
    assert list(got.columns) == [name for name, _ in td.CONVERSATION_COLUMNS]
    priority, route = Counter(), Counter()
    with tact.Analyzer() as a:
        for rec, (_, row) in zip(recs, got.iterrows()):
            row = {k: plain(v) for k, v in row.items()}
            assert row["id"] == rec["id"] and row["team"] == rec.get("team")
            if rec["id"] in ("empty", "badrole"):
                assert row["error_code"] == "conversation_error"
                continue
            c = tact.Conversation(a)
            for t in rec["turns"]:
                c.append(t["role"], t["text"])
            want = c.report()
            c.close()
            agents = [t for t in want["turns"] if t["role"] == "agent"]
            assert row == {
                "id": rec["id"], "agent": None, "team": rec.get("team"), "created_at": None,
                "channel": None, "priority": want["priority"], "route": want["route"],
                "trend": want["trend"], "peak": want["peak"],
                "peak_label": td.LEVELS[want["peak"]], "current": want["current"],
                "current_label": td.LEVELS[want["current"]],
                "turn_count": len(want["turns"]),
                "customer_turns": len(want["turns"]) - len(agents),
                "agent_turns": len(agents),
                "trigger_count": sum(len(t["triggers"]) for t in agents),
                "unaddressed_turns": sum(1 for t in agents if t["unaddressed"]),
                "reasons": "|".join(r["type"] for r in want["reasons"]),
                "error_code": None, "error": None,
            }
            priority[want["priority"]] += 1
            route[want["route"]] += 1
    assert td.summary(results) == {"conversations": {
        "count": 60, "priority": dict(sorted(priority.items())),
        "route": dict(sorted(route.items()))}}


def _tact_cli():
    """The CLI beside the library under test (build/X/lib -> build/X/cli/tact)."""
    explicit = os.environ.get("TACT_CLI")
    if explicit:
        return explicit
    lib = os.environ.get("TACT_LIBRARY")
    if not lib:
        return None
    cli = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(lib))), "cli", "tact")
    return cli if os.access(cli, os.X_OK) else None


def test_summary_equals_tact_report(client, sample):
    # The Dask summary and the CLI's report count the same archive alike:
    # every key summary() shares with `tact report --format json`.
    cli = _tact_cli()
    if cli is None:
        pytest.skip("no tact CLI beside TACT_LIBRARY (set TACT_CLI)")
    recs, _ = sample
    archive = "".join(json.dumps(r) + "\n" for r in recs)
    report = json.loads(subprocess.run([cli, "report", "--format", "json"], input=archive,
                                       capture_output=True, text=True, check=True).stdout)
    got = td.summary(td.analyze_bag(db.from_sequence(recs, npartitions=5)))
    assert got["escalation"]["levels"] == report["escalation"]["levels"]
    assert got["techniques"]["total"] == report["techniques"]["total"]
    for key in ("replies", "categories"):
        assert got["triggers"][key] == report["triggers"][key], key
    for group in ("by_agent", "by_team"):
        shared = [{k: v for k, v in row.items() if k in got["triggers"][group][0]}
                  for row in report["triggers"][group]]
        assert got["triggers"][group] == shared, group
