#!/usr/bin/env python3
"""analyze_reply.py: checks an agent's reply before it is sent and prints
each trigger phrase with its suggested rewrites, through the Python package.

    TACT_LIBRARY=/path/to/libtact.so.1 python3 analyze_reply.py "I don't know, calm down."
"""

import sys

import tact

REPLY = ("I don't know where your order is. You should have checked the tracking "
         "page, it's our policy.")


def main() -> int:
    reply = sys.argv[1] if len(sys.argv) > 1 else REPLY
    try:
        # Build once (the embedded English pack), then analyze many replies.
        with tact.Analyzer() as analyzer:
            report = analyzer.analyze(reply, role="agent")
    except tact.Error as e:
        print("tact:", e, file=sys.stderr)
        return 1

    print("reply:", reply)
    for t in report.triggers:
        # t.start/t.end index the str; t.start_utf8/t.start_utf16 also exist.
        print('%s at %d..%d: "%s"' % (t.category, t.start, t.end, t.text))
        print("  why:", t.message)
        for s in t.suggestions:
            print("  try:", s)
    print("rewrite:", report.rewrite)
    return 0


if __name__ == "__main__":
    sys.exit(main())
