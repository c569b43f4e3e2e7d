# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Tact on a Dask cluster: messages and conversations analyzed where the data
lives, one tact.Analyzer per worker process (docs/dask.md).

    import dask.bag as db
    import tact.dask

    bag = db.read_text("messages-*.jsonl").map(json.loads)
    results = tact.dask.analyze_bag(bag)          # a lazy Dask dataframe
    report = tact.dask.summary(results)           # the summary numbers, a dict

``import tact`` never imports Dask; ``import tact.dask`` does, and raises
ImportError naming the missing packages when Dask or pandas is not installed.

Each worker process builds one Analyzer per set of analyzer options the first
time a task needs it and keeps it for later tasks (``analyzer_builds()``
counts the builds in the calling process; ``clear_analyzers()`` frees them).
Only the options travel with the tasks, never a native handle. An Analyzer
is shared safely by the threads of a multi-threaded worker (tact.Analyzer is
documented and tested for that); a Conversation is built per record.
"""

import math
import os
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

try:
    import dask
    import dask.bag  # noqa: F401  (the API takes bags)
    import dask.dataframe as dd
    import pandas as pd
except ImportError as e:  # pragma: no cover - depends on the machine
    raise ImportError(
        "tact.dask needs Dask with its dataframe support and pandas (%s). Install them: "
        "Debian/Ubuntu `apt install python3-dask python3-pandas python3-distributed`, "
        "or `pip install 'dask[dataframe]' distributed`." % (e,)
    ) from e

from .analyzer import Analyzer
from .conversation import Conversation
from .errors import (
    DeadlineExceededError,
    Error,
    InputTooLargeError,
    OutOfMemoryError,
)

__all__ = [
    "AnalyzerOptions",
    "CONVERSATION_COLUMNS",
    "LEVELS",
    "MESSAGE_COLUMNS",
    "analyze_bag",
    "analyze_conversations",
    "analyze_dataframe",
    "analyze_records",
    "analyze_conversation_records",
    "analyzer_builds",
    "clear_analyzers",
    "summary",
    "worker_stats",
]

# Escalation levels' labels, by level (include/tact/report.hpp).
LEVELS = ("calm", "concerned", "frustrated", "angry", "hostile")
NONE = "(none)"  # an agent or team missing from a record, in summary()

# The result columns of analyze_bag / analyze_dataframe / analyze_records, in
# order, with their dtypes (docs/dask.md describes each).
MESSAGE_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("id", "object"),  # the record's id as given (str, int, ...), None if none
    ("role", "object"),  # "agent" or "customer" (the guess for "auto")
    ("role_guessed", "bool"),
    ("agent", "object"),  # the record's metadata as given, None if missing
    ("team", "object"),
    ("created_at", "object"),
    ("channel", "object"),
    ("level", "Int64"),  # escalation level 0..4 (<NA> on an error row)
    ("level_label", "object"),  # "calm" ... "hostile"
    ("escalation_score", "float64"),  # [0, 1]
    ("sentiment", "float64"),  # the tone: [-1, 1], the rest [0, 1]
    ("anger", "float64"),
    ("politeness", "float64"),
    ("empathy", "float64"),
    ("deescalation", "float64"),
    ("trigger_count", "int64"),
    ("trigger_categories", "object"),  # one per trigger, in text order, "|"-joined
    ("trigger_rules", "object"),  # the triggers' rule ids, likewise
    ("techniques", "object"),  # technique ids (types), one per finding, "|"-joined
    ("signals", "object"),  # escalation signal types, one per finding, "|"-joined
    ("suggestion", "object"),  # the first trigger's first suggestion, None if none
    ("rewrite", "object"),  # the rewritten message
    ("truncated", "bool"),
    ("error_code", "object"),  # None, or malformed / too_large / deadline_exceeded / ...
    ("error", "object"),  # None, or "code: message"
)

# The result columns of analyze_conversations / analyze_conversation_records.
CONVERSATION_COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("id", "object"),
    ("agent", "object"),
    ("team", "object"),
    ("created_at", "object"),
    ("channel", "object"),
    ("priority", "object"),  # "P1" ... as the policy names them
    ("route", "object"),
    ("trend", "object"),
    ("peak", "Int64"),  # the highest customer level (conversation context)
    ("peak_label", "object"),
    ("current", "Int64"),  # the last customer turn's level
    ("current_label", "object"),
    ("turn_count", "int64"),
    ("customer_turns", "int64"),
    ("agent_turns", "int64"),
    ("trigger_count", "int64"),  # triggers in agent turns
    ("unaddressed_turns", "int64"),  # agent turns leaving a customer request unaddressed
    ("reasons", "object"),  # the reasons' types, "|"-joined
    ("error_code", "object"),  # None, or conversation_error / too_large / ...
    ("error", "object"),
)

_META_FIELDS = ("agent", "team", "created_at", "channel")
_TEXT_ROLES = ("agent", "customer", "auto")


def _meta(columns: Sequence[Tuple[str, str]]) -> "pd.DataFrame":
    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in columns})


# -- analyzers, one per worker process and options ----------------------------


@dataclass(frozen=True)
class AnalyzerOptions:
    """The arguments of tact.Analyzer in a hashable, picklable form: what is
    shipped to the workers. Rule files are read by the workers, so their
    paths (and any model file a pack names) must exist there; rule_texts
    travel with the tasks."""

    rules: Tuple[str, ...] = ()
    rule_texts: Tuple[Tuple[Optional[str], str], ...] = ()
    default_pack: bool = True
    tone: bool = True
    rewrite: bool = True
    max_input_bytes: Optional[int] = None
    max_findings: Optional[int] = None
    deadline_us: Optional[int] = None
    language: Optional[str] = None

    @classmethod
    def make(
        cls,
        rules: Optional[Iterable[Any]] = None,
        rule_texts: Optional[Union[Mapping[str, str], Sequence[str], str]] = None,
        **kwargs: Any,
    ) -> "AnalyzerOptions":
        if isinstance(rules, (str, bytes, os.PathLike)):
            rules = [rules]
        paths = tuple(os.fsdecode(p) for p in (rules or ()))
        if isinstance(rule_texts, Mapping):
            texts: Tuple[Tuple[Optional[str], str], ...] = tuple(
                (str(k), v) for k, v in rule_texts.items())
        elif isinstance(rule_texts, str):
            texts = ((None, rule_texts),)
        else:
            texts = tuple((None, t) for t in (rule_texts or ()))
        return cls(rules=paths, rule_texts=texts, **kwargs)

    def build(self) -> Analyzer:
        texts: Any = None
        if self.rule_texts:
            if all(name is not None for name, _ in self.rule_texts):
                texts = {name: text for name, text in self.rule_texts}
            else:
                texts = [text for _, text in self.rule_texts]
        return Analyzer(
            list(self.rules),
            rule_texts=texts,
            default_pack=self.default_pack,
            tone=self.tone,
            rewrite=self.rewrite,
            max_input_bytes=self.max_input_bytes,
            max_findings=self.max_findings,
            deadline_us=self.deadline_us,
            language=self.language,
        )


_lock = threading.Lock()
_analyzers: Dict[AnalyzerOptions, Analyzer] = {}
_builds: "Counter[AnalyzerOptions]" = Counter()
_done: "Counter[str]" = Counter()  # partitions and records analyzed here


def _analyzer(options: AnalyzerOptions) -> Analyzer:
    """This process's analyzer for ``options``, built on first use. The
    lock makes concurrent first uses (a worker's threads) build it once."""
    a = _analyzers.get(options)
    if a is None:
        with _lock:
            a = _analyzers.get(options)
            if a is None:
                a = options.build()
                _analyzers[options] = a
                _builds[options] += 1
    return a


def analyzer_builds() -> int:
    """How many analyzers this process has built for tact.dask tasks (one per
    distinct options, unless clear_analyzers() ran). On a cluster:
    ``client.run(tact.dask.analyzer_builds)`` gives each worker's count."""
    with _lock:
        return sum(_builds.values())


def worker_stats() -> Dict[str, int]:
    """What this process did for tact.dask: ``builds`` (analyzers built),
    ``analyzers`` (cached now), ``partitions`` and ``records`` analyzed.
    ``client.run(tact.dask.worker_stats)`` gives it per worker."""
    with _lock:
        return {"builds": sum(_builds.values()), "analyzers": len(_analyzers),
                "partitions": _done["partitions"], "records": _done["records"]}


def _count(records: int) -> None:
    with _lock:
        _done["partitions"] += 1
        _done["records"] += records


def clear_analyzers() -> None:
    """Frees this process's cached analyzers (``client.run(...)`` it on a
    cluster); the next task builds them again. The build counts are kept."""
    with _lock:
        old = list(_analyzers.values())
        _analyzers.clear()
    for a in old:
        a.close()  # waits for nothing: calls in flight free it when done


# -- one message -----------------------------------------------------------


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)


def _field(rec: Any, name: str) -> Any:
    if not isinstance(rec, Mapping):
        return None
    v = rec.get(name)
    return None if _missing(v) else v


def _error(code: str, message: str) -> Tuple[str, str]:
    return code, "%s: %s" % (code, message)


def _check_record(rec: Any, default_role: str) -> Tuple[Optional[str], Optional[Tuple[str, str]]]:
    """The role to analyze ``rec`` with, or an error (code, text)."""
    if not isinstance(rec, Mapping):
        return None, _error("malformed", "a message must be a dict, not %s" % type(rec).__name__)
    role = _field(rec, "role")
    if role is None:
        role = default_role
    elif role not in _TEXT_ROLES:
        return None, _error("malformed", "role must be agent, customer or auto, not %r" % (role,))
    text = _field(rec, "text")
    if text is None:
        return role, _error("malformed", "the message has no text")
    if not isinstance(text, str):
        return role, _error("malformed", "text must be a string, not %s" % type(text).__name__)
    return role, None


_ERROR_CODES = (
    (DeadlineExceededError, "deadline_exceeded"),
    (InputTooLargeError, "too_large"),
    (OutOfMemoryError, "out_of_memory"),
)


def _error_of(e: BaseException) -> Tuple[str, str]:
    """The error row of a record whose analysis raised `e`."""
    return _error(_code_of(e), str(e) if isinstance(e, Error)
                  else "%s: %s" % (type(e).__name__, e))


def _add_record_fields(d: Dict[str, List[Any]], rec: Any,
                       err: Optional[Tuple[str, str]]) -> None:
    """The columns every row has: the record's id and fields, and its error."""
    d["id"].append(_field(rec, "id"))
    for name in _META_FIELDS:
        d[name].append(_field(rec, name))
    d["error_code"].append(err[0] if err else None)
    d["error"].append(err[1] if err else None)


def _code_of(e: BaseException) -> str:
    for cls, code in _ERROR_CODES:
        if isinstance(e, cls):
            return code
    return "analyze_error"


class _Columns:
    """The result columns being filled, one list per column."""

    def __init__(self, columns: Sequence[Tuple[str, str]]) -> None:
        self.columns = columns
        self.data: Dict[str, List[Any]] = {name: [] for name, _ in columns}

    def frame(self, index: Any = None) -> "pd.DataFrame":
        out = {}
        for name, dtype in self.columns:
            values = self.data[name]
            if dtype == "object" or not values:
                out[name] = pd.Series(values, dtype=dtype, index=index)
            else:
                out[name] = pd.Series(values, index=index).astype(dtype)
        return pd.DataFrame(out, index=index)


def _add_message(cols: _Columns, analyzer: Analyzer, rec: Any, default_role: str) -> None:
    d = cols.data
    role, err = _check_record(rec, default_role)
    report = None
    if err is None:
        try:
            report = analyzer.analyze(rec["text"], role)
        except DeadlineExceededError as e:  # the partial report, as the CLI keeps it
            report = e.report
            err = _error("deadline_exceeded", str(e))
        except Exception as e:  # one bad record never fails its partition
            err = _error_of(e)
    _add_record_fields(d, rec, err)
    if report is None:
        d["role"].append(role if role in ("agent", "customer") else None)
        d["role_guessed"].append(False)
        d["level"].append(None)
        d["level_label"].append(None)
        for name in ("escalation_score", "sentiment", "anger", "politeness", "empathy",
                     "deescalation"):
            d[name].append(float("nan"))
        d["trigger_count"].append(0)
        for name in ("trigger_categories", "trigger_rules", "techniques", "signals",
                     "suggestion", "rewrite"):
            d[name].append(None)
        d["truncated"].append(False)
        return
    esc, tone = report.escalation, report.tone
    d["role"].append(report.role)
    d["role_guessed"].append(report.role_guessed)
    d["level"].append(esc.level)
    d["level_label"].append(esc.label)
    d["escalation_score"].append(esc.score)
    d["sentiment"].append(tone.sentiment)
    d["anger"].append(tone.anger)
    d["politeness"].append(tone.politeness)
    d["empathy"].append(tone.empathy)
    d["deescalation"].append(tone.deescalation)
    d["trigger_count"].append(len(report.triggers))
    d["trigger_categories"].append("|".join(t.category for t in report.triggers))
    d["trigger_rules"].append("|".join(t.rule for t in report.triggers))
    d["techniques"].append("|".join(t.type for t in report.techniques))
    d["signals"].append("|".join(s.type for s in esc.signals))
    first = next((t.suggestions[0] for t in report.triggers if t.suggestions), None)
    d["suggestion"].append(first)
    d["rewrite"].append(report.rewrite)
    d["truncated"].append(report.truncated)


def analyze_records(
    records: Iterable[Any], options: Optional[AnalyzerOptions] = None, role: str = "auto",
    index: Any = None,
) -> "pd.DataFrame":
    """Analyzes message records in this process (what each partition runs):
    a pandas DataFrame with MESSAGE_COLUMNS, one row per record in order."""
    if role not in _TEXT_ROLES:
        raise ValueError("role must be agent, customer or auto, not %r" % (role,))
    analyzer = _analyzer(options or AnalyzerOptions())
    cols = _Columns(MESSAGE_COLUMNS)
    n = 0
    for rec in records:
        _add_message(cols, analyzer, rec, role)
        n += 1
    _count(n)
    return cols.frame(index)


# -- one conversation ---------------------------------------------------------


def _label(level: Any) -> Optional[str]:
    return LEVELS[level] if isinstance(level, int) and 0 <= level < len(LEVELS) else None


def _add_conversation(cols: _Columns, analyzer: Analyzer, rec: Any) -> None:
    d = cols.data
    err = None
    report: Optional[Dict[str, Any]] = None
    turns = rec.get("turns") if isinstance(rec, Mapping) else None
    if not isinstance(rec, Mapping):
        err = _error("conversation_error",
                     "a conversation must be a dict, not %s" % type(rec).__name__)
    elif not isinstance(turns, list) or not turns:
        err = _error("conversation_error", "a conversation needs a non-empty turns list")
    else:
        for i, t in enumerate(turns):
            if not isinstance(t, Mapping) or t.get("role") not in ("agent", "customer"):
                err = _error("conversation_error",
                             "turn %d: a turn needs a role, agent or customer" % i)
                break
            if not isinstance(t.get("text"), str):
                err = _error("conversation_error", "turn %d: text must be a string" % i)
                break
    if err is None:
        try:
            with Conversation(analyzer) as c:
                for t in turns:
                    c.append(t["role"], t["text"])
                report = c.report()
        except Exception as e:
            err = _error_of(e)
    _add_record_fields(d, rec, err)
    if report is None:
        for name in ("priority", "route", "trend", "peak", "peak_label", "current",
                     "current_label", "reasons"):
            d[name].append(None)
        for name in ("turn_count", "customer_turns", "agent_turns", "trigger_count",
                     "unaddressed_turns"):
            d[name].append(0)
        return
    rt = report.get("turns", [])
    agents = [t for t in rt if t.get("role") == "agent"]
    d["priority"].append(report.get("priority"))
    d["route"].append(report.get("route"))
    d["trend"].append(report.get("trend"))
    d["peak"].append(report.get("peak"))
    d["peak_label"].append(_label(report.get("peak")))
    d["current"].append(report.get("current"))
    d["current_label"].append(_label(report.get("current")))
    d["turn_count"].append(len(rt))
    d["customer_turns"].append(len(rt) - len(agents))
    d["agent_turns"].append(len(agents))
    d["trigger_count"].append(sum(len(t.get("triggers", ())) for t in agents))
    d["unaddressed_turns"].append(sum(1 for t in agents if t.get("unaddressed")))
    d["reasons"].append("|".join(r.get("type", "") for r in report.get("reasons", ())))


def analyze_conversation_records(
    records: Iterable[Any], options: Optional[AnalyzerOptions] = None, index: Any = None
) -> "pd.DataFrame":
    """Analyzes conversation records (``{"id", "turns": [{"role", "text"}]}``,
    the `tact conversation` input) in this process: a pandas DataFrame with
    CONVERSATION_COLUMNS, one row per record in order."""
    analyzer = _analyzer(options or AnalyzerOptions())
    cols = _Columns(CONVERSATION_COLUMNS)
    n = 0
    for rec in records:
        _add_conversation(cols, analyzer, rec)
        n += 1
    _count(n)
    return cols.frame(index)


# -- on Dask -----------------------------------------------------------------


def _options(kwargs: Dict[str, Any]) -> AnalyzerOptions:
    return AnalyzerOptions.make(**kwargs)


def analyze_bag(
    bag: "dask.bag.Bag",
    *,
    role: str = "auto",
    rules: Optional[Iterable[Any]] = None,
    rule_texts: Optional[Union[Mapping[str, str], Sequence[str], str]] = None,
    default_pack: bool = True,
    tone: bool = True,
    rewrite: bool = True,
    max_input_bytes: Optional[int] = None,
    max_findings: Optional[int] = None,
    deadline_us: Optional[int] = None,
    language: Optional[str] = None,
) -> "dd.DataFrame":
    """Analyzes a bag of message dicts (``{"text", "role"?, "id"?, "agent"?,
    "team"?, "created_at"?, "channel"?}``): a lazy Dask dataframe with
    MESSAGE_COLUMNS, one row per message, one partition per bag partition,
    in the bag's order (each partition indexed 0..n-1). ``role`` is used
    for records without one ("auto": guessed). The other arguments are
    tact.Analyzer's. A bad record gives a row with ``error`` set."""
    options = _options(dict(rules=rules, rule_texts=rule_texts, default_pack=default_pack,
                            tone=tone, rewrite=rewrite, max_input_bytes=max_input_bytes,
                            max_findings=max_findings, deadline_us=deadline_us,
                            language=language))
    if role not in _TEXT_ROLES:
        raise ValueError("role must be agent, customer or auto, not %r" % (role,))
    parts = [dask.delayed(analyze_records, pure=True)(p, options, role)
             for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_meta(MESSAGE_COLUMNS), verify_meta=False)


def _frame_records(pdf: "pd.DataFrame", names: Dict[str, Optional[str]]) -> List[Dict[str, Any]]:
    columns = {}
    for field_name, column in names.items():
        if column is not None and column in pdf.columns:
            columns[field_name] = pdf[column].tolist()
    n = len(pdf)
    return [{k: v[i] for k, v in columns.items()} for i in range(n)]


def _analyze_frame(pdf: "pd.DataFrame", names: Dict[str, Optional[str]],
                   options: AnalyzerOptions, role: str) -> "pd.DataFrame":
    return analyze_records(_frame_records(pdf, names), options, role, index=pdf.index)


def analyze_dataframe(
    df: "dd.DataFrame",
    text_column: str = "text",
    role_column: Optional[str] = "role",
    *,
    id_column: Optional[str] = "id",
    agent_column: Optional[str] = "agent",
    team_column: Optional[str] = "team",
    created_at_column: Optional[str] = "created_at",
    channel_column: Optional[str] = "channel",
    role: str = "auto",
    **analyzer_options: Any,
) -> "dd.DataFrame":
    """Analyzes a Dask dataframe of messages, one per row: a lazy Dask
    dataframe with MESSAGE_COLUMNS and the input's index and partitions.
    Columns named here but absent from ``df`` (or None) are taken as missing.
    ``role`` is used where the role is missing; ``analyzer_options`` are
    tact.Analyzer's keyword arguments (rules, rule_texts, ...)."""
    if text_column not in df.columns:
        raise ValueError("the dataframe has no column %r" % (text_column,))
    if role not in _TEXT_ROLES:
        raise ValueError("role must be agent, customer or auto, not %r" % (role,))
    options = _options(analyzer_options)
    names = {"text": text_column, "role": role_column, "id": id_column,
             "agent": agent_column, "team": team_column,
             "created_at": created_at_column, "channel": channel_column}
    meta = _meta(MESSAGE_COLUMNS)
    meta.index = df._meta.index
    return df.map_partitions(_analyze_frame, names, options, role, meta=meta)


def analyze_conversations(bag: "dask.bag.Bag", **analyzer_options: Any) -> "dd.DataFrame":
    """Analyzes a bag of conversation records (the `tact conversation` input:
    ``{"id", "turns": [{"role", "text"}, ...]}``, optionally with agent,
    team, created_at, channel): a lazy Dask dataframe with
    CONVERSATION_COLUMNS, one row per conversation, in the bag's order.
    ``analyzer_options`` are tact.Analyzer's keyword arguments."""
    options = _options(analyzer_options)
    parts = [dask.delayed(analyze_conversation_records, pure=True)(p, options)
             for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_meta(CONVERSATION_COLUMNS), verify_meta=False)


# -- summary -------------------------------------------------------------------


def _per_100(n: int, replies: int) -> float:
    # As `tact report`: rounded to 2 decimals.
    return 0.0 if replies == 0 else round(n * 10000.0 / replies) / 100.0


def _split_counts(s: "dd.Series") -> "dd.Series":
    """How often each "|"-joined item occurs in ``s``."""
    items = s.fillna("").str.split("|").explode()
    return items[items != ""].value_counts()


def summary(results: "dd.DataFrame", conversations: Optional["dd.DataFrame"] = None
            ) -> Dict[str, Any]:
    """The summary numbers of analyze_bag / analyze_dataframe results (and of
    analyze_conversations results, given as ``conversations`` or as
    ``results``), computed with one dask.compute:

    {"escalation": {"levels": {label: customer messages}},
     "triggers": {"replies": N, "categories": [{"category", "count", "per_100_replies"}],
                  "by_agent": [{"agent", "replies", "triggers", "per_100_replies"}],
                  "by_team": [...]},
     "techniques": {"total": {id: n}},
     "conversations": {"count": N, "priority": {...}, "route": {...}}}

    the keys of `tact report --format json`. Error rows are left out. A
    missing agent or team counts as "(none)". Categories are sorted by
    count, then name; agents and teams by replies, then name."""
    if conversations is None and "priority" in results.columns:
        results, conversations = None, results
    tasks: Dict[str, Any] = {}
    if results is not None:
        ok = results[results.error_code.isnull()]
        customers = ok[ok.role == "customer"]
        agents = ok[ok.role == "agent"]
        who = agents[["agent", "team", "trigger_count"]].assign(
            agent=agents.agent.fillna(NONE).astype(str),
            team=agents.team.fillna(NONE).astype(str))
        tasks.update(
            levels=customers.level_label.value_counts(),
            replies=agents.trigger_count.count(),
            categories=_split_counts(agents.trigger_categories),
            techniques=_split_counts(agents.techniques),
            by_agent=who.groupby("agent").trigger_count.agg(["count", "sum"]),
            by_team=who.groupby("team").trigger_count.agg(["count", "sum"]),
        )
    if conversations is not None:
        okc = conversations[conversations.error_code.isnull()]
        tasks.update(
            conversations=okc.priority.count(),
            priority=okc.priority.value_counts(),
            route=okc.route.value_counts(),
        )
    keys = list(tasks)
    values = dict(zip(keys, dask.compute(*[tasks[k] for k in keys])))

    out: Dict[str, Any] = {}
    if results is not None:
        levels = {label: 0 for label in LEVELS}
        for label, n in values["levels"].items():
            levels[str(label)] = int(n)
        replies = int(values["replies"])
        cats = sorted(((str(c), int(n)) for c, n in values["categories"].items()),
                      key=lambda cn: (-cn[1], cn[0]))

        def who_rows(frame: "pd.DataFrame", key: str) -> List[Dict[str, Any]]:
            rows = [(str(k), int(r["count"]), int(r["sum"])) for k, r in frame.iterrows()]
            rows.sort(key=lambda row: (-row[1], row[0]))
            return [{key: k, "replies": n, "triggers": t, "per_100_replies": _per_100(t, n)}
                    for k, n, t in rows]

        out["escalation"] = {"levels": levels}
        out["triggers"] = {
            "replies": replies,
            "categories": [{"category": c, "count": n, "per_100_replies": _per_100(n, replies)}
                           for c, n in cats],
            "by_agent": who_rows(values["by_agent"], "agent"),
            "by_team": who_rows(values["by_team"], "team"),
        }
        out["techniques"] = {"total": {str(k): int(n) for k, n in
                                       sorted(values["techniques"].items())}}
    if conversations is not None:
        out["conversations"] = {
            "count": int(values["conversations"]),
            "priority": {str(k): int(n) for k, n in sorted(values["priority"].items())},
            "route": {str(k): int(n) for k, n in sorted(values["route"].items())},
        }
    return out
