# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""tact.Analyzer: a compiled rule pack, shared by any number of threads."""

import ctypes
import os
import threading
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _library as C
from .errors import DeadlineExceededError, InvalidArgumentError, error_for
from .report import Category, Report, from_c

Text = Union[str, bytes]
PathLike = Union[str, "os.PathLike[str]"]

_ROLES = {"agent": 0, "customer": 1, "auto": 2}


def _role(role: str) -> int:
    try:
        return _ROLES[role]
    except (KeyError, TypeError):
        raise InvalidArgumentError(
            "role must be 'agent', 'customer' or 'auto', not %r" % (role,), -1
        ) from None


def _encode(text: Text) -> bytes:
    if isinstance(text, str):
        # Lone surrogates pass through as bytes the library reads as U+FFFD.
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


_SIZE_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_size_t)) - 1
_UINT_MAX = 2 ** (8 * ctypes.sizeof(ctypes.c_uint)) - 1


def _size(value: int, name: str, top: int = _SIZE_MAX) -> int:
    """`value` checked to fit a C size_t (or `top`)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
    if not 0 <= value <= top:
        raise InvalidArgumentError("%s must be between 0 and %d, not %d" % (name, top, value),
                                   -1)
    return value


def _no_nul(data: bytes, what: str) -> bytes:
    """`data`, refused if it holds a NUL: C would see only what comes before."""
    if b"\0" in data:
        raise InvalidArgumentError("%s contains a NUL character" % what, -1)
    return data


def _c_strings(items: Sequence[bytes]) -> Any:
    return (ctypes.c_char_p * len(items))(*items) if items else None


class Analyzer:
    """Builds once (the embedded English pack, plus ``rules`` layered over
    it), then analyzes any number of messages from any number of threads.

    ``rules``: paths of rule packs (TOML files) layered in order over the
    default pack. ``rule_texts``: packs given as text, as a mapping of name
    (used in error messages) to TOML, or a sequence of TOML strings.
    ``language``: the BCP 47 tag of the text's language (None: "en"); it
    selects the embedded pack. A language with no embedded pack needs
    ``default_pack=False`` and a pack of that language in ``rules``.
    ``default_pack=False`` starts from no rules. ``tone=False`` or
    ``rewrite=False`` skip those sections. ``max_input_bytes``,
    ``max_findings``: limits (None: the library's defaults).
    ``deadline_us``: the microseconds one message's analysis may take (None
    or 0: no limit); past it analyze raises DeadlineExceededError carrying
    the partial report.

    Raises RulePackError (message: file:line: rule-id: reason),
    RuleFileError, InvalidArgumentError, or LibraryError if libtact cannot be
    loaded. Use ``with`` or ``close()`` to free the analyzer at once.
    """

    def __init__(
        self,
        rules: Optional[Iterable[PathLike]] = None,
        *,
        rule_texts: Optional[Union[Mapping[str, str], Sequence[str]]] = None,
        default_pack: bool = True,
        tone: bool = True,
        rewrite: bool = True,
        max_input_bytes: Optional[int] = None,
        max_findings: Optional[int] = None,
        deadline_us: Optional[int] = None,
        language: Optional[str] = None,
    ) -> None:
        self._handle: Optional[Any] = None
        self._lock = threading.Lock()
        self._threads_used = threading.local()  # per calling thread
        self._busy = 0  # calls in flight; close() frees after the last one
        self._closing: Optional[Any] = None
        lib = C.library()
        self._lib = lib
        self._free = lib.tact_analyzer_free  # kept for __del__ at shutdown

        if isinstance(rules, (str, bytes, os.PathLike)):
            rules = [rules]
        files = [_no_nul(os.fsencode(p), "a rule file path") for p in (rules or [])]
        if isinstance(rule_texts, Mapping):
            named: List[Tuple[Optional[str], str]] = list(rule_texts.items())
        elif isinstance(rule_texts, str):
            named = [(None, rule_texts)]
        else:
            named = [(None, t) for t in (rule_texts or [])]
        texts = [_no_nul(t.encode("utf-8"), "a rule text") for _, t in named]
        names = [_no_nul((n if n is not None else "<text %d>" % i).encode("utf-8"),
                         "a rule text name")
                 for i, (n, _) in enumerate(named)]

        opts = C.Options()
        lib.tact_options_init(ctypes.byref(opts), C.OPTIONS_VERSION)
        opts.default_pack = 1 if default_pack else 0
        # Kept referenced until tact_analyzer_new returns.
        c_language = None if language is None else _no_nul(language.encode("utf-8"), "language")
        opts.language = c_language
        opts.tone = 1 if tone else 0
        opts.rewrite = 1 if rewrite else 0
        c_files, c_texts, c_names = _c_strings(files), _c_strings(texts), _c_strings(names)
        opts.rule_files, opts.rule_file_count = c_files, len(files)
        opts.rule_texts, opts.rule_text_count = c_texts, len(texts)
        opts.rule_text_names = c_names
        # ctypes would wrap an out-of-range int silently (2**70 -> 0, -1 -> SIZE_MAX).
        if max_input_bytes is not None:
            opts.max_input_bytes = _size(max_input_bytes, "max_input_bytes")
        if max_findings is not None:
            opts.max_findings = _size(max_findings, "max_findings")
        if deadline_us is not None:
            opts.deadline_us = _size(deadline_us, "deadline_us", 2**64 - 1)
        handle = C.AnalyzerP()
        lib.tact_analyzer_new(ctypes.byref(handle), ctypes.byref(opts))
        self._handle = handle

    # -- lifetime ----------------------------------------------------------

    def close(self) -> None:
        """Frees the analyzer (after any call still running in another
        thread). Further calls raise InvalidArgumentError. Idempotent."""
        with self._lock:
            handle, self._handle = self._handle, None
            if handle is None:
                return
            if self._busy:
                self._closing = handle
                return
        self._free(handle)

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> "Analyzer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter shutdown module globals may already be gone: use
        # only what the instance holds, and never raise.
        try:
            handle = self.__dict__.get("_handle")
            if handle:
                self._handle = None
                self._free(handle)
        except Exception:
            pass

    def _acquire(self) -> Any:
        with self._lock:
            if self._handle is None:
                raise InvalidArgumentError("the analyzer is closed", -1)
            self._busy += 1
            return self._handle

    def _release(self) -> None:
        with self._lock:
            self._busy -= 1
            handle = self._closing if self._busy == 0 else None
            if handle is not None:
                self._closing = None
        if handle is not None:
            self._free(handle)

    # -- analysis ----------------------------------------------------------

    @property
    def rule_count(self) -> int:
        """The number of rules after layering."""
        handle = self._acquire()
        try:
            return int(self._lib.tact_analyzer_rule_count(handle))
        finally:
            self._release()

    @property
    def categories(self) -> List[Category]:
        """The categories the packs define, in definition order: the ids
        findings report, with names and messages in the pack's language."""
        handle = self._acquire()
        try:
            out = []
            for i in range(int(self._lib.tact_analyzer_category_count(handle))):
                family = ctypes.c_int()
                id_, name, message = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_char_p()
                self._lib.tact_analyzer_category(handle, i, ctypes.byref(family),
                                                 ctypes.byref(id_), ctypes.byref(name),
                                                 ctypes.byref(message))
                out.append(Category(
                    family=self._lib.tact_family_name(family.value).decode("utf-8"),
                    id=(id_.value or b"").decode("utf-8", "replace"),
                    name=(name.value or b"").decode("utf-8", "replace"),
                    message=(message.value or b"").decode("utf-8", "replace")))
            return out
        finally:
            self._release()

    def analyze(self, text: Text, role: str = "agent") -> Report:
        """Analyzes one message. ``role`` is "agent", "customer" or "auto"
        (guess). Invalid UTF-8 in ``bytes`` is not an error.
        Raises InputTooLargeError past max_input_bytes, and
        DeadlineExceededError (with the partial ``report``) past
        deadline_us."""
        data = _encode(text)
        c_role = _role(role)
        lib = self._lib
        handle = self._acquire()
        report = C.ReportP()
        try:
            try:
                lib.tact_analyze(ctypes.byref(report), handle, data, len(data), c_role)
            except DeadlineExceededError as e:
                e.report = from_c(lib, report, text, data)
                raise
            return from_c(lib, report, text, data)
        finally:
            lib.tact_report_free(report)
            self._release()

    def analyze_conversation(self, turns: Iterable[Any]) -> Any:
        """Analyzes a whole conversation: ``turns`` are (role, text) pairs or
        dicts with "role" and "text". Returns the same dict as appending
        each turn to a tact.Conversation and calling report(). Raises
        InvalidArgumentError for an empty conversation or a bad role."""
        from .conversation import Conversation

        items = list(turns)
        if not items:
            raise InvalidArgumentError("a conversation needs at least one turn", -1)
        with Conversation(self) as c:
            for t in items:
                if isinstance(t, Mapping):
                    c.append(t.get("role"), t.get("text", ""))
                else:
                    role, text = t
                    c.append(role, text)
            return c.report()

    @property
    def threads_used(self) -> int:
        """How many threads the calling thread's last analyze_many ran on,
        itself included (0 before any): fewer than asked, after the caps,
        means the system refused to create the rest."""
        return int(getattr(self._threads_used, "value", 0))

    def analyze_many(
        self, texts: Iterable[Text], role: str = "agent", threads: int = 0
    ) -> List[Report]:
        """Analyzes many messages on up to ``threads`` threads (0: one per
        core; at most the cores and 64); reports come back in input order.
        When the system cannot create a thread, fewer threads (the calling
        one at least) analyze every message, with the same results. If a
        message fails, raises the error of the first one that did (its
        message names the index). ``threads`` past 2**32 - 1 raises
        ValueError."""
        sources = list(texts)
        datas = [_encode(t) for t in sources]
        c_role = _role(role)
        if threads < 0:
            raise InvalidArgumentError("threads must be >= 0", -1)
        threads = _size(threads, "threads", _UINT_MAX)
        n = len(datas)
        if n == 0:
            return []
        lib = self._lib
        c_texts = (ctypes.c_char_p * n)(*datas)
        c_lens = (ctypes.c_size_t * n)(*[len(d) for d in datas])
        out = (C.ReportP * n)()
        statuses = (ctypes.c_int * n)()
        handle = self._acquire()
        try:
            used = ctypes.c_uint(0)
            status = lib.tact_analyze_batch_v2(out, handle, c_texts, c_lens, n, c_role, threads,
                                               statuses, ctypes.byref(used))
            self._threads_used.value = int(used.value)
            if status != 0:
                error = error_for(status, lib.tact_last_error().decode("utf-8", "replace"))
                if all(st in (0, DeadlineExceededError.code) for st in statuses):
                    error.reports = [from_c(lib, out[i], sources[i], datas[i])
                                     for i in range(n)]
                raise error
            return [from_c(lib, out[i], sources[i], datas[i]) for i in range(n)]
        finally:
            for i in range(n):
                lib.tact_report_free(out[i])
            self._release()
