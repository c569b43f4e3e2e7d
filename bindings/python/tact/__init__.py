# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Tact: tone analysis, trigger phrases and positive-language rewrites for
customer-service conversations, over libtact's C ABI (ctypes).

    import tact
    with tact.Analyzer() as a:
        r = a.analyze("I don't know, calm down.", role="agent")
        for t in r.triggers:
            print(t.category, t.start, t.end, t.suggestions)

libtact is found through the TACT_LIBRARY environment variable, a copy
inside this package, a build tree above it, or the system's library path.
"""

from ._library import ABI_VERSION
from ._library import library as _load_library
from .analyzer import Analyzer
from .conversation import Conversation
from .errors import (
    DeadlineExceededError,
    Error,
    InputTooLargeError,
    InternalError,
    InvalidArgumentError,
    LibraryError,
    OutOfMemoryError,
    RuleFileError,
    RulePackError,
    VersionError,
)
from .report import (
    Category,
    Cue,
    Edit,
    Escalation,
    Report,
    Signal,
    Technique,
    Tone,
    Trigger,
)

# The package's version; the library's is tact.library_version().
__version__ = "0.2.0"


def library_version() -> str:
    """The version of the loaded libtact, e.g. "0.2.0"."""
    return str(_load_library().tact_version_string().decode("ascii"))


def library_path() -> str:
    """The path libtact was loaded from."""
    return str(_load_library()._name)


__all__ = [
    "ABI_VERSION",
    "Analyzer",
    "Category",
    "Conversation",
    "Cue",
    "Edit",
    "DeadlineExceededError",
    "Error",
    "Escalation",
    "InputTooLargeError",
    "InternalError",
    "InvalidArgumentError",
    "LibraryError",
    "OutOfMemoryError",
    "Report",
    "RuleFileError",
    "RulePackError",
    "Signal",
    "Technique",
    "Tone",
    "Trigger",
    "VersionError",
    "library_path",
    "library_version",
]
