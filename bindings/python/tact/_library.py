# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Finding and loading libtact, and the one table of its prototypes.

The library is looked for, in order: the TACT_LIBRARY environment variable;
a copy inside this package; a build tree above the package
(``build/*/lib/libtact.so*``, sanitizer builds skipped); then
``ctypes.util.find_library("tact")``. Its ABI major is checked right after
loading.
"""

import ctypes
import ctypes.util
import os
import threading
from ctypes import (
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_size_t,
    c_uint,
    c_uint64,
    c_void_p,
)
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple

from .errors import LibraryError, error_for

# The C ABI this package is written for (TACT_ABI_VERSION, the SONAME's N).
ABI_VERSION = 1
# The tact_options version the _Options struct below describes.
OPTIONS_VERSION = 4


class AnalyzerHandle(Structure):
    """Opaque tact_analyzer."""

    _fields_: List[Tuple[str, Any]] = []


class ReportHandle(Structure):
    """Opaque tact_report."""

    _fields_: List[Tuple[str, Any]] = []


class ConversationHandle(Structure):
    """Opaque tact_conversation."""

    _fields_: List[Tuple[str, Any]] = []


AnalyzerP = POINTER(AnalyzerHandle)
ConversationP = POINTER(ConversationHandle)
ReportP = POINTER(ReportHandle)


class Options(Structure):
    _fields_ = [
        ("version", c_uint),
        ("default_pack", c_int),
        ("rule_files", POINTER(c_char_p)),
        ("rule_file_count", c_size_t),
        ("rule_texts", POINTER(c_char_p)),
        ("rule_text_names", POINTER(c_char_p)),
        ("rule_text_count", c_size_t),
        ("max_input_bytes", c_size_t),
        ("tone", c_int),
        ("rewrite", c_int),
        # version 2
        ("max_pack_bytes", c_size_t),
        ("max_rules", c_size_t),
        ("max_findings", c_size_t),
        # version 3
        ("deadline_us", c_uint64),
        # version 4
        ("language", c_char_p),
    ]


class Span(Structure):
    _fields_ = [
        ("start", c_size_t),
        ("end", c_size_t),
        ("start_utf16", c_size_t),
        ("end_utf16", c_size_t),
    ]


class Trigger(Structure):
    _fields_ = [
        ("rule", c_char_p),
        ("category", c_char_p),
        ("severity", c_int),
        ("span", Span),
        ("text", c_char_p),
        ("message", c_char_p),
        ("suggestions", POINTER(c_char_p)),
        ("suggestion_count", c_size_t),
    ]


class Finding(Structure):
    """tact_technique and tact_signal, which share one layout."""

    _fields_ = [
        ("rule", c_char_p),
        ("type", c_char_p),
        ("span", Span),
        ("text", c_char_p),
    ]


class Cue(Structure):
    _fields_ = [
        ("kind", c_char_p),
        ("type", c_char_p),
        ("span", Span),
        ("weight", c_double),
    ]


class Edit(Structure):
    _fields_ = [("span", Span), ("replacement", c_char_p)]


class Tone(Structure):
    _fields_ = [
        ("sentiment", c_double),
        ("anger", c_double),
        ("politeness", c_double),
        ("empathy", c_double),
        ("deescalation", c_double),
    ]


class Escalation(Structure):
    _fields_ = [("level", c_int), ("label", c_char_p), ("score", c_double)]


class ConversationReason(Structure):
    _fields_ = [("turn", c_size_t), ("type", c_char_p), ("span", Span), ("text", c_char_p)]


Errcheck = Optional[Callable[[Any, Any, Tuple[Any, ...]], Any]]


def _check_status(result: int, func: Any, args: Tuple[Any, ...]) -> int:
    """errcheck of functions returning a tact_status: raise on failure with
    this thread's last-error message."""
    if result != 0:
        message = _LIB.tact_last_error() if _LIB is not None else b""
        raise error_for(result, message.decode("utf-8", "replace"))
    return result


_size_p = POINTER(c_size_t)

# name, argtypes, restype, errcheck: every function of tact.h.
PROTOTYPES: Sequence[Tuple[str, List[Any], Any, Errcheck]] = (
    ("tact_version_number", [], c_int, None),
    ("tact_version_string", [], c_char_p, None),
    ("tact_abi_version", [], c_int, None),
    ("tact_status_string", [c_int], c_char_p, None),
    ("tact_last_error", [], c_char_p, None),
    ("tact_options_init", [POINTER(Options), c_uint], c_int, _check_status),
    ("tact_analyzer_new", [POINTER(AnalyzerP), POINTER(Options)], c_int, _check_status),
    ("tact_analyzer_retain", [AnalyzerP], AnalyzerP, None),
    ("tact_analyzer_free", [AnalyzerP], None, None),
    ("tact_analyzer_rule_count", [AnalyzerP], c_size_t, None),
    ("tact_family_name", [c_int], c_char_p, None),
    ("tact_analyzer_category_count", [AnalyzerP], c_size_t, None),
    ("tact_analyzer_category",
     [AnalyzerP, c_size_t, POINTER(c_int), POINTER(c_char_p), POINTER(c_char_p),
      POINTER(c_char_p)], c_int, _check_status),
    ("tact_analyze", [POINTER(ReportP), AnalyzerP, c_char_p, c_size_t, c_int], c_int,
     _check_status),
    # Returns the first failed message's status; the caller reads the rest.
    ("tact_analyze_batch",
     [POINTER(ReportP), AnalyzerP, POINTER(c_char_p), _size_p, c_size_t, c_int, c_uint,
      POINTER(c_int)], c_int, None),
    ("tact_analyze_batch_v2",
     [POINTER(ReportP), AnalyzerP, POINTER(c_char_p), _size_p, c_size_t, c_int, c_uint,
      POINTER(c_int), POINTER(c_uint)], c_int, None),
    ("tact_report_free", [ReportP], None, None),
    ("tact_role_name", [c_int], c_char_p, None),
    ("tact_severity_name", [c_int], c_char_p, None),
    ("tact_source_name", [c_int], c_char_p, None),
    ("tact_cue_kind_name", [c_int], c_char_p, None),
    ("tact_level_name", [c_int], c_char_p, None),
    ("tact_report_cue_kind", [ReportP, c_size_t], c_int, None),
    ("tact_report_role", [ReportP], c_int, None),
    ("tact_report_role_guessed", [ReportP], c_int, None),
    ("tact_report_truncated", [ReportP], c_int, None),
    ("tact_report_tone", [ReportP], POINTER(Tone), None),
    ("tact_report_escalation", [ReportP], POINTER(Escalation), None),
    ("tact_report_trigger_count", [ReportP], c_size_t, None),
    ("tact_report_trigger_at", [ReportP, c_size_t], POINTER(Trigger), None),
    ("tact_report_technique_count", [ReportP], c_size_t, None),
    ("tact_report_technique_at", [ReportP, c_size_t], POINTER(Finding), None),
    ("tact_report_signal_count", [ReportP], c_size_t, None),
    ("tact_report_signal_at", [ReportP, c_size_t], POINTER(Finding), None),
    ("tact_report_trigger_source", [ReportP, c_size_t], c_int, None),
    ("tact_report_trigger_probability", [ReportP, c_size_t], c_double, None),
    ("tact_report_technique_source", [ReportP, c_size_t], c_int, None),
    ("tact_report_technique_probability", [ReportP, c_size_t], c_double, None),
    ("tact_report_signal_source", [ReportP, c_size_t], c_int, None),
    ("tact_report_signal_probability", [ReportP, c_size_t], c_double, None),
    ("tact_report_cue_count", [ReportP], c_size_t, None),
    ("tact_report_cue_at", [ReportP, c_size_t], POINTER(Cue), None),
    ("tact_report_edit_count", [ReportP], c_size_t, None),
    ("tact_report_edit_at", [ReportP, c_size_t], POINTER(Edit), None),
    ("tact_report_declined_count", [ReportP], c_size_t, None),
    ("tact_report_declined_at", [ReportP, c_size_t], POINTER(Edit), None),
    ("tact_report_declined_reason", [ReportP, c_size_t], c_char_p, None),
    ("tact_report_rewrite", [ReportP, _size_p], c_void_p, None),
    ("tact_report_json", [POINTER(c_void_p), _size_p, ReportP], c_int, _check_status),
    ("tact_conversation_new", [POINTER(ConversationP), AnalyzerP], c_int, _check_status),
    ("tact_conversation_append", [ConversationP, c_char_p, c_size_t, c_int], c_int,
     _check_status),
    ("tact_conversation_turn_count", [ConversationP], c_size_t, None),
    ("tact_conversation_route", [ConversationP], c_char_p, None),
    ("tact_conversation_priority", [ConversationP], c_char_p, None),
    ("tact_conversation_peak", [ConversationP], c_int, None),
    ("tact_conversation_current", [ConversationP], c_int, None),
    ("tact_conversation_trend", [ConversationP], c_char_p, None),
    ("tact_conversation_reason_count", [ConversationP], c_size_t, None),
    ("tact_conversation_reason_at", [ConversationP, c_size_t], POINTER(ConversationReason), None),
    ("tact_conversation_turn_report", [ConversationP, c_size_t], ReportP, None),
    ("tact_conversation_turn_level", [ConversationP, c_size_t], c_int, None),
    ("tact_conversation_turn_stage", [ConversationP, c_size_t], c_char_p, None),
    ("tact_conversation_unaddressed_count", [ConversationP, c_size_t], c_size_t, None),
    ("tact_conversation_unaddressed_at", [ConversationP, c_size_t, c_size_t], c_char_p, None),
    ("tact_conversation_json", [POINTER(c_void_p), _size_p, ConversationP], c_int,
     _check_status),
    ("tact_conversation_free", [ConversationP], None, None),
)

_LIB: Optional[ctypes.CDLL] = None
_LOCK = threading.Lock()
_NAMES = ("libtact.so.%d" % ABI_VERSION, "libtact.so", "libtact.dylib", "tact.dll")


def _in_package() -> Iterator[Path]:
    here = Path(__file__).resolve().parent
    for name in _NAMES:
        if (here / name).exists():
            yield here / name


def _sanitized(build_dir: Path) -> bool:
    """A sanitizer build's library cannot be loaded into a plain python."""
    try:
        return "-fsanitize" in (build_dir / "CMakeCache.txt").read_text(errors="replace")
    except OSError:
        return False


def _in_build_trees() -> Iterator[Path]:
    """libtact in build/*/lib of the directories above the package, the most
    recently built first."""
    found: List[Path] = []
    for parent in Path(__file__).resolve().parents:
        for lib_dir in parent.glob("build/*/lib"):
            library = lib_dir / _NAMES[0]
            if library.exists() and not _sanitized(lib_dir.parent):
                found.append(library)
        if found:
            break
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return iter(found)


def candidates() -> Iterator[str]:
    """Where the library is looked for, in order (TACT_LIBRARY aside)."""
    for path in _in_package():
        yield str(path)
    for path in _in_build_trees():
        yield str(path)
    system = ctypes.util.find_library("tact")
    if system:
        yield system


def _bind(lib: ctypes.CDLL, path: str) -> None:
    try:
        abi = lib.tact_abi_version
    except AttributeError:
        raise LibraryError("%s is not libtact (no tact_abi_version)" % path) from None
    abi.argtypes, abi.restype = [], c_int
    if abi() != ABI_VERSION:
        raise LibraryError(
            "%s has ABI version %d; this package needs %d" % (path, abi(), ABI_VERSION)
        )
    for name, argtypes, restype, errcheck in PROTOTYPES:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise LibraryError("%s lacks %s" % (path, name)) from None
        fn.argtypes = argtypes
        fn.restype = restype
        if errcheck is not None:
            fn.errcheck = errcheck


def load_from(path: str) -> ctypes.CDLL:
    """Loads and checks the library at ``path`` (no caching)."""
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        raise LibraryError("cannot load %s: %s" % (path, e)) from None
    _bind(lib, path)
    return lib


def library() -> ctypes.CDLL:
    """The loaded libtact, found and checked on first use."""
    global _LIB
    if _LIB is not None:
        return _LIB
    with _LOCK:
        if _LIB is None:
            explicit = os.environ.get("TACT_LIBRARY")
            if explicit:
                _LIB = load_from(explicit)
            else:
                # A stale or foreign copy is passed over for the next one.
                reasons = []
                for path in candidates():
                    try:
                        _LIB = load_from(path)
                        break
                    except LibraryError as e:
                        reasons.append(str(e))
                else:
                    raise LibraryError(
                        "libtact not found: set TACT_LIBRARY to the path of libtact.so, "
                        "copy it into %s, or install it where the linker finds it%s"
                        % (Path(__file__).resolve().parent,
                           "".join("\n  " + r for r in reasons))
                    )
    return _LIB
