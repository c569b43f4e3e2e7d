#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""A bounded load benchmark of `tact serve` on loopback.

Starts `tact serve` on a free 127.0.0.1 port, then for /v1/analyze and
/v2/check at 1, 8 and 64 kept-alive connections sends one single chat
message over and over with bench/serve_load.cpp (tact_serve_load) until a
fixed number of requests is answered or the time limit passes, and prints
requests/s and p50/p99 latency. Stops the server and exits by itself.

  bench/serve_load.py [--build build/release] [--requests N] [--seconds S]
"""
import argparse
import os
import json
import signal
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "serve"))
from serve_common import Server  # noqa: E402

# A single chat message of the corpus' size (~65 bytes), with two triggers.
MESSAGE = "I don't know why it's late. Calm down, it'll arrive on Monday."


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(HERE)
    default = os.path.join(root, "build", "release")
    if not os.path.exists(os.path.join(default, "bench", "tact_serve_load")):
        default = os.path.join(root, "build", "dev")
    ap.add_argument("--build", default=default, help="build directory (default: release, else dev)")
    ap.add_argument("--requests", type=int, default=40000, help="requests per run (default 40000)")
    ap.add_argument("--seconds", type=float, default=20, help="time limit per run (default 20)")
    ap.add_argument("--connections", default="1,8,64")
    ap.add_argument("--threads", type=int, default=72, help="server workers (default 72)")
    args = ap.parse_args()
    tact = os.path.join(args.build, "cli", "tact")
    load = os.path.join(args.build, "bench", "tact_serve_load")

    bodies = {
        "/v1/analyze": ("application/json", json.dumps({"text": MESSAGE})),
        "/v2/check": ("application/x-www-form-urlencoded",
                      urllib.parse.urlencode({"text": MESSAGE, "language": "en-US"})),
    }
    server = Server(tact, "--threads", str(args.threads), "--queue", "1024")
    print("tact serve %s, %d workers; client %s; %d requests or %g s per run; message %d bytes"
          % (tact, args.threads, load, args.requests, args.seconds, len(MESSAGE)))
    print("%-12s %5s %9s %9s %9s %9s %7s" % ("endpoint", "conns", "requests", "req/s", "p50 ms",
                                              "p99 ms", "errors"))
    failed = False
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path, (ctype, body) in bodies.items():
                body_file = os.path.join(tmp, "body")
                with open(body_file, "w") as f:
                    f.write(body)
                # Warm up: the analyzer's lazily compiled parts, the page cache.
                subprocess.run([load, str(server.port), path, ctype, body_file, "8", "2000", "10"],
                               check=False, stdout=subprocess.DEVNULL)
                for c in (int(x) for x in args.connections.split(",")):
                    out = subprocess.run(
                        [load, str(server.port), path, ctype, body_file, str(c),
                         str(args.requests), str(args.seconds)],
                        stdout=subprocess.PIPE, timeout=args.seconds + 60).stdout
                    r = json.loads(out)
                    failed = failed or r["errors"] != 0
                    print("%-12s %5d %9d %9.0f %9.3f %9.3f %7d" % (
                        path, c, r["requests"], r["rps"], r["p50_ms"], r["p99_ms"], r["errors"]),
                        flush=True)
    finally:
        server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
