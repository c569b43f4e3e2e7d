"""tact.Conversation: a help-desk conversation analyzed turn by turn
(include/tact/conversation.hpp, capi/tact.h tact_conversation_*).

    with tact.Analyzer() as a:
        c = tact.Conversation(a)
        c.append("customer", "Third time writing. I want a refund.")
        c.append("agent", "I'm so sorry.")
        c.report()["turns"][1]["unaddressed"]  # ['refund_demand', 'repeat_contact']

report() is the JSON object of `tact conversation --format json` (docs/cli.md)
as a dict. A Conversation is not thread-safe; it may outlive its Analyzer.
"""

import ctypes
import json
from typing import Any, Dict, Optional

from . import _library as C
from .analyzer import Analyzer, _encode, Text
from .errors import InvalidArgumentError

_ROLES = {"agent": 0, "customer": 1}


class Conversation:
    def __init__(self, analyzer: Analyzer) -> None:
        self._lib = analyzer._lib
        self._handle: Optional[Any] = None
        handle = C.ConversationP()
        analyzer_handle = analyzer._acquire()
        try:
            self._lib.tact_conversation_new(ctypes.byref(handle), analyzer_handle)
        finally:
            analyzer._release()
        self._handle = handle

    def append(self, role: str, text: Text) -> None:
        """Appends one turn; ``role`` is "customer" or "agent". Raises
        InvalidArgumentError for another role, InputTooLargeError past the
        analyzer's max_input_bytes or 100,000 turns."""
        if role not in _ROLES:
            raise InvalidArgumentError("a conversation turn's role must be agent or customer", -1)
        data = _encode(text)
        self._lib.tact_conversation_append(self._live(), data, len(data), _ROLES[role])

    def __len__(self) -> int:
        return int(self._lib.tact_conversation_turn_count(self._live()))

    def report(self) -> Dict[str, Any]:
        out = ctypes.c_void_p()
        length = ctypes.c_size_t()
        self._lib.tact_conversation_json(ctypes.byref(out), ctypes.byref(length), self._live())
        return json.loads(ctypes.string_at(out, length.value).decode("utf-8", "replace"))

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._lib.tact_conversation_free(handle)

    def __enter__(self) -> "Conversation":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def _live(self) -> Any:
        if not self._handle:
            raise InvalidArgumentError("the conversation is closed", -1)
        return self._handle
