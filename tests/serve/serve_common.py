# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Starts `tact serve` on a free loopback port for the serve tests."""
import json
import os
import re
import signal
import subprocess
import threading
import urllib.error
import urllib.request


class Server:
    """`tact serve --listen 127.0.0.1:0 ARGS...`; the port comes from its banner."""

    def __init__(self, tact, *args, env=None):
        full_env = dict(os.environ)
        full_env.pop("TACT_API_KEY", None)
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [tact, "serve", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env)
        self.log = []
        line = self.proc.stderr.readline().decode()
        self.log.append(line)
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("tact serve did not start: " + line + self.proc.stderr.read().decode())
        self.port = int(m.group(1))
        self.base = "http://127.0.0.1:%d" % self.port
        # Keep reading stderr so the server never blocks on a full pipe.
        self._drain = threading.Thread(target=self._read_log, daemon=True)
        self._drain.start()

    def _read_log(self):
        for line in self.proc.stderr:
            self.log.append(line.decode(errors="replace"))

    def request(self, method, path, body=None, headers=None):
        """Returns (status, headers, body bytes); HTTP errors are returned, not raised."""
        if isinstance(body, str):
            body = body.encode()
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def post_json(self, path, obj, headers=None):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        return self.request("POST", path, json.dumps(obj, ensure_ascii=False), h)

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        finally:
            self._drain.join(5)
            self.proc.stderr.close()
