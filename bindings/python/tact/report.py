# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Reports as dataclasses, copied out of a C tact_report.

Every span has ``start``/``end`` as Python ``str`` indices (code points) into
the analyzed text, so ``text[t.start:t.end]`` is the phrase, plus the
library's UTF-8 byte offsets (``start_utf8``/``end_utf8``) and UTF-16
code-unit offsets (``start_utf16``/``end_utf16``, what browsers, Java and
.NET index by). For ``bytes`` input, code-point indices refer to
``data.decode("utf-8", "replace")``.
"""

import bisect
import ctypes
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from . import _library as C

_ROLES = {0: "agent", 1: "customer"}
_SEVERITIES = {0: "info", 1: "warning", 2: "error"}
_SOURCES = {0: "rule", 1: "model"}


@dataclass(frozen=True)
class Category:
    """A category the analyzer's packs define (Analyzer.categories)."""

    family: str  # "trigger", "technique" or "signal"
    id: str  # what Trigger.category, Technique.type and Signal.type report
    name: str  # in the pack's language, for a user interface
    message: str  # what such a phrase does


@dataclass
class Tone:
    sentiment: float = 0.0  # [-1, 1]
    anger: float = 0.0  # [0, 1]
    politeness: float = 0.0  # [0, 1]
    empathy: float = 0.0  # [0, 1]
    deescalation: float = 0.0  # [0, 1]


@dataclass
class Trigger:
    """A trigger phrase in an agent draft, with suggested replacements."""

    rule: str
    category: str
    severity: str  # "info", "warning" or "error"
    start: int
    end: int
    start_utf8: int
    end_utf8: int
    start_utf16: int
    end_utf16: int
    text: str
    message: str
    suggestions: List[str] = field(default_factory=list)
    source: str = "rule"  # "rule", or "model": the learned layer alone (the span is its sentence)
    probability: float = 1.0  # the model's probability; 1 for a rule's finding


@dataclass
class Technique:
    """A de-escalation technique an agent reply uses."""

    rule: str
    type: str
    start: int
    end: int
    start_utf8: int
    end_utf8: int
    start_utf16: int
    end_utf16: int
    text: str
    source: str = "rule"  # as Trigger.source
    probability: float = 1.0


@dataclass
class Signal:
    """An escalation signal in a customer message."""

    rule: str
    type: str
    start: int
    end: int
    start_utf8: int
    end_utf8: int
    start_utf16: int
    end_utf16: int
    text: str
    source: str = "rule"  # as Trigger.source
    probability: float = 1.0


@dataclass
class Cue:
    """One reason behind a score, with its weight."""

    kind: str  # "signal", "technique", "trigger" or "tone"
    type: str
    start: int
    end: int
    start_utf8: int
    end_utf8: int
    start_utf16: int
    end_utf16: int
    weight: float


@dataclass
class Escalation:
    level: int = 0  # 0 calm ... 4 hostile
    label: str = "calm"
    score: float = 0.0  # [0, 1]
    signals: List[Signal] = field(default_factory=list)
    cues: List[Cue] = field(default_factory=list)


@dataclass
class Edit:
    """Replace [start, end) with ``replacement``; applying a report's edits
    right to left gives ``Report.rewrite``. An edit of ``Report.declined`` has
    ``applied`` False and the fluency guard's ``reason`` (docs/rewrite.md)."""

    start: int
    end: int
    start_utf8: int
    end_utf8: int
    start_utf16: int
    end_utf16: int
    replacement: str
    applied: bool = True
    reason: Optional[str] = None


@dataclass
class Report:
    """The analysis of one message."""

    role: str  # "agent" or "customer" (the guess, for role="auto")
    role_guessed: bool
    truncated: bool  # more findings than max_findings; the first were kept
    tone: Tone
    escalation: Escalation
    triggers: List[Trigger]
    techniques: List[Technique]
    edits: List[Edit]
    rewrite: str
    declined: List[Edit] = field(default_factory=list)  # edits the guard refused
    _json: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain dicts and lists, with this module's offsets."""
        d = dataclasses.asdict(self)
        del d["_json"]
        return d

    def to_json(self) -> str:
        """The library's JSON for this report: one line in the CLI's shape
        (docs/cli.md), with UTF-8 byte offsets as start/end."""
        return self._json


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _decode(raw: bytes, errors: str) -> str:
    try:
        return raw.decode("utf-8", errors)
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


class _Offsets:
    """Maps the library's UTF-8 byte offsets to code-point indices. Offsets
    mostly come in increasing order, so each lookup decodes only the bytes
    since the previous one."""

    def __init__(self, data: bytes, errors: str) -> None:
        self._data = data
        self._errors = errors
        self._ascii = data.isascii()
        self._last = (0, 0)  # (byte offset, code-point index)
        self._starts: List[int] = []

    def index(self, offset: int) -> int:
        if self._ascii:
            return offset
        at, count = self._last if offset >= self._last[0] else (0, 0)
        try:
            count += len(self._data[at:offset].decode("utf-8", self._errors))
        except UnicodeDecodeError:
            # An offset inside a lone surrogate's three bytes (the library
            # reads each of them as U+FFFD): fall back to code-point starts.
            return self._by_starts(offset)
        self._last = (offset, count)
        return count

    def _by_starts(self, offset: int) -> int:
        if not self._starts:
            at = 0
            for ch in self._data.decode("utf-8", self._errors):
                self._starts.append(at)
                at += len(ch.encode("utf-8", "surrogatepass"))
            self._starts.append(at)  # the end of the text
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def span(self, s: C.Span) -> Dict[str, int]:
        return {
            "start": self.index(s.start),
            "end": self.index(s.end),
            "start_utf8": s.start,
            "end_utf8": s.end,
            "start_utf16": s.start_utf16,
            "end_utf16": s.end_utf16,
        }


def from_c(lib: ctypes.CDLL, r: Any, source: Union[str, bytes], data: bytes) -> Report:
    """Copies everything out of the C report ``r`` (which the caller frees)
    for the message ``source``, which was passed to the library as ``data``."""
    errors = "surrogatepass" if isinstance(source, str) else "replace"
    offsets = _Offsets(data, errors)

    def slice_text(span: C.Span) -> str:
        if isinstance(source, str):
            return source[offsets.index(span.start) : offsets.index(span.end)]
        return data[span.start : span.end].decode("utf-8", "replace")

    triggers = []
    for i in range(lib.tact_report_trigger_count(r)):
        t = lib.tact_report_trigger_at(r, i).contents
        triggers.append(
            Trigger(
                rule=_text(t.rule),
                category=_text(t.category),
                severity=_SEVERITIES.get(t.severity, "warning"),
                **offsets.span(t.span),
                text=slice_text(t.span),
                message=_text(t.message),
                suggestions=[_text(t.suggestions[j]) for j in range(t.suggestion_count)],
                source=_SOURCES.get(lib.tact_report_trigger_source(r, i), "rule"),
                probability=lib.tact_report_trigger_probability(r, i),
            )
        )
    techniques = []
    for i in range(lib.tact_report_technique_count(r)):
        f = lib.tact_report_technique_at(r, i).contents
        techniques.append(
            Technique(
                rule=_text(f.rule), type=_text(f.type), **offsets.span(f.span),
                text=slice_text(f.span),
                source=_SOURCES.get(lib.tact_report_technique_source(r, i), "rule"),
                probability=lib.tact_report_technique_probability(r, i),
            )
        )
    signals = []
    for i in range(lib.tact_report_signal_count(r)):
        f = lib.tact_report_signal_at(r, i).contents
        signals.append(
            Signal(
                rule=_text(f.rule), type=_text(f.type), **offsets.span(f.span),
                text=slice_text(f.span),
                source=_SOURCES.get(lib.tact_report_signal_source(r, i), "rule"),
                probability=lib.tact_report_signal_probability(r, i),
            )
        )
    cues = []
    for i in range(lib.tact_report_cue_count(r)):
        c = lib.tact_report_cue_at(r, i).contents
        cues.append(
            Cue(kind=_text(c.kind), type=_text(c.type), **offsets.span(c.span), weight=c.weight)
        )
    edits = []
    for i in range(lib.tact_report_edit_count(r)):
        e = lib.tact_report_edit_at(r, i).contents
        edits.append(Edit(**offsets.span(e.span), replacement=_text(e.replacement)))
    declined = []
    for i in range(lib.tact_report_declined_count(r)):
        e = lib.tact_report_declined_at(r, i).contents
        declined.append(
            Edit(
                **offsets.span(e.span),
                replacement=_text(e.replacement),
                applied=False,
                reason=_text(lib.tact_report_declined_reason(r, i)),
            )
        )

    tone = lib.tact_report_tone(r).contents
    esc = lib.tact_report_escalation(r).contents
    length = ctypes.c_size_t()
    rewrite = ctypes.string_at(lib.tact_report_rewrite(r, ctypes.byref(length)), length.value)
    json = ctypes.c_void_p()
    lib.tact_report_json(ctypes.byref(json), ctypes.byref(length), r)

    return Report(
        role=_ROLES.get(lib.tact_report_role(r), "agent"),
        role_guessed=bool(lib.tact_report_role_guessed(r)),
        truncated=bool(lib.tact_report_truncated(r)),
        tone=Tone(tone.sentiment, tone.anger, tone.politeness, tone.empathy, tone.deescalation),
        escalation=Escalation(esc.level, _text(esc.label), esc.score, signals, cues),
        triggers=triggers,
        techniques=techniques,
        edits=edits,
        rewrite=_decode(rewrite, errors),
        declined=declined,
        _json=_text(ctypes.string_at(json.value, length.value)) if json.value else "",
    )
