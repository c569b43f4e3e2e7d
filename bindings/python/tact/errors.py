# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Exceptions: one class per status code of tact.h, all under tact.Error."""

from typing import Dict, Optional, Type


class Error(Exception):
    """A call into libtact failed. ``code`` is tact.h's status code (None for
    errors of finding or loading the library); ``message`` is the library's
    message, e.g. ``"my.toml:12: trigger.x: unknown field 'sugestions'"``."""

    code: Optional[int] = None

    def __init__(self, message: str, code: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidArgumentError(Error, ValueError):
    """TACT_E_INVALID_ARGUMENT: a bad argument or option, or a closed handle."""

    code = -1


class OutOfMemoryError(Error, MemoryError):
    """TACT_E_NOMEM."""

    code = -2


class InputTooLargeError(Error, ValueError):
    """TACT_E_INPUT_TOO_LARGE: the text is longer than max_input_bytes."""

    code = -3


class RulePackError(Error):
    """TACT_E_RULES: a rule pack failed to load; the message names
    file:line: rule-id: reason."""

    code = -4


class RuleFileError(Error, OSError):
    """TACT_E_IO: a rule-pack file could not be read."""

    code = -5


class VersionError(Error):
    """TACT_E_VERSION: the library does not know this options version."""

    code = -6


class InternalError(Error):
    """TACT_E_INTERNAL: a bug in Tact."""

    code = -7


class DeadlineExceededError(Error, TimeoutError):
    """TACT_E_DEADLINE: the analyzer's ``deadline_us`` passed. ``report``
    (from analyze) holds what was found so far, with ``truncated`` set;
    ``reports`` (from analyze_many) holds every message's report, partial
    ones included."""

    code = -8
    report: Optional[object] = None
    reports: Optional[list] = None


class LibraryError(Error, OSError):
    """libtact could not be found or loaded, or its ABI is not this
    package's."""


_BY_CODE: Dict[int, Type[Error]] = {
    cls.code: cls
    for cls in (
        InvalidArgumentError,
        OutOfMemoryError,
        InputTooLargeError,
        RulePackError,
        RuleFileError,
        VersionError,
        InternalError,
        DeadlineExceededError,
    )
    if cls.code is not None
}


def error_for(code: int, message: str) -> Error:
    """The exception for status ``code`` with the library's ``message``."""
    cls = _BY_CODE.get(code)
    if cls is None:
        return Error(message or "unknown status %d" % code, code)
    return cls(message, code)
