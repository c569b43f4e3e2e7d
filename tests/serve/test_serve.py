#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""`tact serve` over real HTTP on a free loopback port (Python stdlib only).

Usage: test_serve.py PATH/TO/tact
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TACT = None

AGENT = "I don't know why you think that. Calm down, it's our policy and you must wait."
CUSTOMER = "This is the THIRD time I'm asking!!! I want a manager now or I'm cancelling."
# Emoji (two UTF-16 units each) and accented names (one unit, two UTF-8 bytes)
# before and between the triggers, so byte, code point and UTF-16 offsets differ.
UNICODE_DRAFT = ("Hi Zoë 👋 and Ëmïlé 😀! I don't know what happened. "
                 "José 🇪🇸 says calm down, it's our policy. 🙂")


def cli(args, stdin):
    p = subprocess.run([TACT, *args], input=stdin.encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return p.stdout


def utf16_slice(text, offset, length):
    units = text.encode("utf-16-le")
    return units[2 * offset:2 * (offset + length)].decode("utf-16-le")


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(TACT)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        if code != 0:
            raise AssertionError("tact serve exited %d:\n%s" % (code, "".join(cls.server.log)))

    def assert_error(self, status, headers, body, want_status, want_code=None):
        self.assertEqual(status, want_status, body)
        self.assertTrue(headers.get("Content-Type", "").startswith("application/json"))
        err = json.loads(body)["error"]
        self.assertIsInstance(err["message"], str)
        self.assertTrue(err["message"])
        if want_code:
            self.assertEqual(err["code"], want_code)
        # The server keeps serving after every bad request.
        self.assertEqual(self.server.request("GET", "/health")[0], 200)

    # --- /v1: the CLI's bytes -------------------------------------------------

    def test_analyze_equals_cli(self):
        for msg in ({"text": AGENT},
                    {"text": AGENT, "id": 17},
                    {"id": "c-1", "text": CUSTOMER, "role": "customer"},
                    {"text": UNICODE_DRAFT, "id": 12345678901234567890},
                    {"text": CUSTOMER, "role": "auto", "id": 1e2},
                    {"text": ""}):
            body = json.dumps(msg, ensure_ascii=False)
            status, headers, got = self.server.request(
                "POST", "/v1/analyze", body, {"Content-Type": "application/json"})
            self.assertEqual(status, 200, got)
            self.assertEqual(headers["Content-Type"], "application/json")
            want = cli(["analyze", "--jsonl", "--format", "json"], body + "\n")
            self.assertEqual(got, want)
            report = json.loads(got)
        self.assertEqual(report["id"], None)

    def test_analyze_batch_equals_cli(self):
        msgs = [{"text": AGENT, "id": 1}, {"text": CUSTOMER, "role": "customer", "id": "two"},
                {"text": UNICODE_DRAFT}]
        status, headers, got = self.server.post_json("/v1/analyze", {"messages": msgs})
        self.assertEqual(status, 200, got)
        self.assertEqual(headers["Content-Type"], "application/x-ndjson")
        want = cli(["analyze", "--jsonl", "--format", "json"],
                   "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in msgs))
        self.assertEqual(got, want)
        self.assertEqual(len(got.splitlines()), 3)

    def test_pretty_printed_body(self):
        # A body over several lines is one message, as a --jsonl line is.
        body = json.dumps({"id": 5, "text": AGENT}, indent=2)
        status, _, got = self.server.request("POST", "/v1/analyze", body)
        self.assertEqual(status, 200)
        want = cli(["analyze", "--jsonl", "--format", "json"], json.dumps(json.loads(body)) + "\n")
        self.assertEqual(got, want)

    def test_conversation_equals_cli(self):
        conv = {"id": "t-9", "turns": [
            {"role": "customer", "text": "My order never arrived and I want a refund."},
            {"role": "agent", "text": "I don't know, calm down."},
            {"role": "customer", "text": "This is ridiculous!!! Get me a manager NOW."}]}
        status, _, got = self.server.post_json("/v1/conversation", conv)
        self.assertEqual(status, 200, got)
        want = cli(["conversation", "--format", "json"], json.dumps(conv, ensure_ascii=False) + "\n")
        self.assertEqual(got, want)
        report = json.loads(got)
        self.assertEqual(report["id"], "t-9")
        self.assertIn("priority", report)

    # --- /v2/check: LanguageTool's protocol ------------------------------------

    def check(self, fields, headers=None):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        status, _, body = self.server.request("POST", "/v2/check",
                                              urllib.parse.urlencode(fields), h)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def flagged(self, text):
        status, _, body = self.server.post_json("/v1/analyze", {"text": text})
        self.assertEqual(status, 200)
        return json.loads(body)["triggers"]

    def test_check_utf16_offsets(self):
        triggers = self.flagged(UNICODE_DRAFT)
        self.assertGreaterEqual(len(triggers), 2)
        got = self.check({"text": UNICODE_DRAFT, "language": "en-US"})
        self.assertEqual(got["software"]["apiVersion"], 1)
        self.assertEqual(got["language"]["code"], "en-US")
        matches = got["matches"]
        self.assertEqual(len(matches), len(triggers))
        want = sorted((t["text"], t["message"]) for t in triggers)
        self.assertEqual(sorted((utf16_slice(UNICODE_DRAFT, m["offset"], m["length"]),
                                 m["message"]) for m in matches), want)
        for m in matches:
            phrase = utf16_slice(UNICODE_DRAFT, m["offset"], m["length"])
            ctx = m["context"]
            self.assertEqual(utf16_slice(ctx["text"], ctx["offset"], ctx["length"]), phrase)
            self.assertIn(phrase, m["sentence"])
            self.assertIn(phrase, UNICODE_DRAFT)
            rule = m["rule"]
            self.assertTrue(rule["id"] and rule["description"])
            self.assertEqual(rule["issueType"], "style")
            self.assertTrue(rule["category"]["id"] and rule["category"]["name"])
            self.assertTrue(m["shortMessage"])
            for r in m["replacements"]:
                self.assertEqual(list(r), ["value"])
        # The emoji count as two units: offsets past them differ from code points.
        first = min(m["offset"] for m in matches)
        self.assertNotEqual(first, UNICODE_DRAFT.index(utf16_slice(UNICODE_DRAFT, first, 1)))

    def test_check_data_annotation(self):
        data = {"annotation": [
            {"markup": "<p>"}, {"text": "Zoë 😀, I don't know."},
            {"markup": "<br/>", "interpretAs": "\n"},
            {"text": "Calm down, José."}, {"markup": "</p>", "interpretAs": "\n\n"}]}
        original = "".join(a.get("text", a.get("markup")) for a in data["annotation"])
        got = self.check({"data": json.dumps(data, ensure_ascii=False), "language": "auto"})
        phrases = [utf16_slice(original, m["offset"], m["length"]) for m in got["matches"]]
        self.assertGreaterEqual(len(phrases), 2, got)
        for p in phrases:
            self.assertNotIn("<", p)
        self.assertTrue(any("know" in p for p in phrases), phrases)
        self.assertTrue(any("alm down" in p for p in phrases), phrases)

    def test_check_replayed_extension_request(self):
        # The fields and headers LanguageTool's browser extension sends to an
        # "other server" (its Options: "LanguageTool server: Other server").
        text = "Hello Zoë,\n\nI don't know when it ships. Calm down 😊\n\nRegards"
        fields = [
            ("data", json.dumps({"annotation": [{"text": text}]}, ensure_ascii=False)),
            ("textSessionId", "56789:1712345678901"),
            ("language", "auto"),
            ("noopLanguages", "de,en"),
            ("preferredLanguages", "de,en"),
            ("preferredVariants", "en-US,de-DE"),
            ("enableHiddenRules", "true"),
            ("level", "picky"),
            ("mode", "allButTextLevelOnly"),
            ("allowIncompleteResults", "true"),
            ("useragent", "webextension-chrome-ng"),
        ]
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                   "Accept": "*/*", "Origin": "chrome-extension://oldceeleldhonbafppcapldpdifcinji",
                   "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"}
        got = self.check(fields, headers)
        self.assertIn("matches", got)
        phrases = [utf16_slice(text, m["offset"], m["length"]) for m in got["matches"]]
        self.assertTrue(any("know" in p for p in phrases), phrases)
        # A GET with the fields in the query, as simple clients send it.
        q = urllib.parse.urlencode({"text": text, "language": "en-US"})
        status, _, body = self.server.request("GET", "/v2/check?" + q)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["matches"], got["matches"])
        # Multipart, which LanguageTool also reads.
        boundary = "tactboundary"
        parts = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                        % (boundary, k, v) for k, v in (("text", text), ("language", "en-US")))
        parts += "--%s--\r\n" % boundary
        status, _, body = self.server.request(
            "POST", "/v2/check", parts,
            {"Content-Type": "multipart/form-data; boundary=" + boundary})
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["matches"], got["matches"])
        status, _, body = self.server.request("GET", "/v2/languages")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), [{"name": "English", "code": "en", "longCode": "en"}])
        # "auto" is the packs' language; a regional tag of it is answered too.
        self.assertEqual(got["language"], {"name": "English", "code": "en",
                                           "detectedLanguage": {"name": "English", "code": "en"}})
        us = self.check({"text": text, "language": "en-US"})
        self.assertEqual(us["language"]["name"], "English (United States)")
        self.assertEqual(us["matches"], got["matches"])

    def test_check_other_language_has_no_matches(self):
        got = self.check({"text": "Ich weiß nicht. Calm down.", "language": "de-DE"})
        self.assertEqual(got["matches"], [])

    # --- bad requests: status + JSON error, and the server goes on --------------

    def test_bad_requests(self):
        s = self.server
        self.assert_error(*s.request("POST", "/v1/analyze", "{\"text\": "), 400, "malformed_json")
        self.assert_error(*s.request("POST", "/v1/analyze", "[1, 2]"), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/analyze", {"text": 5}), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/analyze", {"text": "x", "role": "boss"}), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/analyze", {"text": "x", "id": [1]}), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/analyze", {"messages": "x"}), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/analyze", {"messages": [{"text": "a"}, 3]}), 400,
                          "wrong_type")
        self.assert_error(*s.request("POST", "/v1/analyze", b'{"text": "caf\xe9"}'), 400, "invalid_utf8")
        self.assert_error(*s.request("POST", "/v1/analyze", b'{"text": "\xed\xa0\x80"}'), 400,
                          "invalid_utf8")
        self.assert_error(*s.request("POST", "/v1/analyze", b""), 400)
        # Nesting that would overflow a recursive parser or printer.
        deep = '{"text": "x", "id": 1, "more": ' + "[" * 500000 + "]" * 500000 + "}"
        self.assert_error(*s.request("POST", "/v1/analyze", deep), 400, "too_deep")
        self.assert_error(*s.request("POST", "/v1/conversation", '{"id":' + "[" * 100000 + "}"),
                          400, "too_deep")
        self.assert_error(*s.post_json("/v1/conversation", {"turns": "no"}), 400, "wrong_type")
        self.assert_error(*s.post_json("/v1/conversation", {"turns": [{"role": "bot", "text": "x"}]}),
                          400, "wrong_type")
        self.assert_error(*s.request("POST", "/v1/conversation", "nope"), 400, "malformed_json")
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        self.assert_error(*s.request("POST", "/v2/check", "text=caf%E9&language=en-US", form), 400,
                          "invalid_utf8")
        self.assert_error(*s.request("POST", "/v2/check", "text=bad%zz&language=en", form), 400)
        self.assert_error(*s.request("POST", "/v2/check", "language=en-US", form), 400, "missing_text")
        self.assert_error(*s.request("POST", "/v2/check", "text=hi", form), 400, "missing_language")
        self.assert_error(*s.request("POST", "/v2/check", "data=%7B&language=en", form), 400,
                          "malformed_json")
        self.assert_error(*s.request("POST", "/v2/check", "data=%5B%5D&language=en", form), 400,
                          "wrong_type")
        self.assert_error(*s.request("POST", "/v2/check", "data=" + urllib.parse.quote(
            '{"annotation":[{"text":1}]}') + "&language=en", form), 400, "wrong_type")
        self.assert_error(*s.request("POST", "/v2/check", "{}", {"Content-Type": "application/json"}),
                          415)
        self.assert_error(*s.request("GET", "/nope"), 404, "not_found")
        self.assert_error(*s.request("POST", "/nope", "{}"), 404, "not_found")
        status, headers, body = s.request("GET", "/v1/analyze")
        self.assert_error(status, headers, body, 405, "method_not_allowed")
        self.assertEqual(headers["Allow"], "POST")
        self.assert_error(*s.request("DELETE", "/health"), 405)
        self.assert_error(*s.request("PUT", "/v1/analyze", "{}"), 405)

    def test_body_limit(self):
        big = json.dumps({"text": "a" * (1 << 20)})
        self.assert_error(*self.server.request("POST", "/v1/analyze", big), 413, "too_large")
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        self.assert_error(*self.server.request("POST", "/v2/check", "language=en&text=" + "a" * (1 << 20),
                                               form), 413, "too_large")
        # Just under the limit is answered, however far past httplib's own
        # 8 KiB form limit.
        text = "I don't know. " * 4000
        got = self.check({"text": text, "language": "en-US"})
        # (each rule stops after 32 findings: incompleteResults says so)
        self.assertGreaterEqual(len(got["matches"]), 32)
        self.assertTrue(got["warnings"]["incompleteResults"])

    def raw(self, data):
        # No half-close: httplib takes a peer that shut down its side as gone
        # and does not answer. The requests say "Connection: close".
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=20) as c:
            c.sendall(data)
            reply = b""
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    return reply
                reply += chunk

    def test_chunked_bodies(self):
        body = json.dumps({"text": AGENT, "id": 3}).encode()
        head = b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 10]), body[i:i + 10])
                          for i in range(0, len(body), 10)) + b"0\r\n\r\n"
        reply = self.raw(head + chunks)
        self.assertTrue(reply.startswith(b"HTTP/1.1 200 "), reply[:100])
        want = cli(["analyze", "--jsonl", "--format", "json"], body.decode() + "\n")
        self.assertEqual(reply.split(b"\r\n\r\n", 1)[1], want)
        # Past the limit in chunks: 413 all the same.
        piece = b"a" * 65536
        big = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(20)) + b"0\r\n\r\n"
        reply = self.raw(head + big)
        self.assertTrue(reply.startswith(b"HTTP/1.1 413 "), reply[:100])
        self.assertEqual(self.server.request("GET", "/health")[0], 200)

    def test_garbage_on_the_socket(self):
        for raw in (b"NONSENSE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                    b"POST /v1/analyze HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                    b"POST /v1/analyze HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                    b"\x00\xff\x16\x03\x01" * 50, b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as c:
                c.sendall(raw)
                c.shutdown(socket.SHUT_WR)
                reply = b""
                while True:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
            if reply:
                self.assertRegex(reply, rb"^HTTP/1\.1 4\d\d ")
            self.assertEqual(self.server.request("GET", "/health")[0], 200)

    def send_until_refused(self, data):
        """Sends `data` (the server may stop reading part-way) and returns the reply."""
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=20) as c:
            try:
                for i in range(0, len(data), 65536):
                    c.sendall(data[i:i + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass
            reply = b""
            try:
                while True:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
            except ConnectionResetError:
                pass
            return reply

    def test_header_limits(self):
        # Headers are capped at 64 KiB in all (connection.hpp): many lines or
        # one long one both get 431 and a closed connection.
        many = b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"p" * 90 + b"\r\n"
        many += (b"X-Pad: " + b"p" * 90 + b"\r\n") * 2000 + b"\r\n"
        one = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Long: " + b"l" * (4 << 20) + b"\r\n\r\n"
        for raw in (many, one):
            reply = self.send_until_refused(raw)
            self.assertTrue(reply.startswith(b"HTTP/1.1 431 "), reply[:100])
            head, body = reply.split(b"\r\n\r\n", 1)
            self.assertIn(b"Connection: close", head)
            self.assertEqual(json.loads(body)["error"]["code"], "headers_too_large")
            self.assertEqual(self.server.request("GET", "/health")[0], 200)
        # 40 KiB of headers is within the limit.
        fine = {"X-Pad-%d" % i: "p" * 1000 for i in range(40)}
        self.assertEqual(self.server.request("GET", "/health", headers=fine)[0], 200)

    def test_pipelined_requests_in_order(self):
        def post(text, ident, close=False):
            body = json.dumps({"text": text, "id": ident}).encode()
            return (b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"%sContent-Length: %d\r\n\r\n%s"
                    % (b"Connection: close\r\n" if close else b"", len(body), body))
        # Three requests in one write, one of them with "Expect: 100-continue".
        third = post(AGENT, 3, close=True).replace(b"Host: x\r\n", b"Host: x\r\nExpect: 100-continue\r\n")
        reply = self.raw(post("Calm down.", 1) + post("I don't know.", 2) + third)
        answers = [json.loads(line) for line in re.findall(rb'\r\n\r\n(\{"id".*?\})\n', reply)]
        self.assertEqual([a["id"] for a in answers], [1, 2, 3], reply[:300])
        self.assertEqual(answers[1]["triggers"][0]["category"], "uncertainty")

    # --- other endpoints --------------------------------------------------------

    def test_health_metrics_and_page(self):
        status, _, body = self.server.request("GET", "/health")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"], "ok")
        self.server.request("GET", "/definitely-missing")
        self.server.post_json("/v1/analyze", {"text": AGENT})
        want = [r'tact_http_requests_total\{endpoint="/v1/analyze",status="200"\} [1-9]',
                r'tact_http_errors_total\{endpoint="other",status="404"\} [1-9]',
                r'tact_http_request_duration_seconds_bucket\{endpoint="/v1/analyze",le="\+Inf"\} [1-9]',
                r'tact_http_request_duration_seconds_count\{endpoint="/v1/analyze"\} [1-9]',
                r"tact_http_in_flight_requests 1\n",  # this request alone
                r'tact_build_info\{version="[0-9.]+",rules="[1-9]\d*"\} 1']
        # A request is counted (and leaves the in-flight gauge) once its
        # response is written, which its client may read first: poll.
        deadline = time.time() + 10
        while True:
            status, headers, body = self.server.request("GET", "/metrics")
            text = body.decode()
            if status == 200 and all(re.search(w, text) for w in want):
                break
            if time.time() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        for w in want:
            self.assertRegex(text, w)
        status, headers, body = self.server.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertIn(b"<", body)
        for path in ("/app.js", "/app.css"):
            self.assertEqual(self.server.request("GET", path)[0], 200)


class OtherLanguageTest(unittest.TestCase):
    """A service over a German pack answers LanguageTool's API for German."""

    def test_german_pack(self):
        pack = os.path.join(ROOT, "tests", "packs", "de", "pack.toml")
        s = Server(TACT, "--no-default-pack", "--language", "de", "--rules", pack)
        try:
            status, _, body = s.request("GET", "/v2/languages")
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body), [{"name": "German", "code": "de", "longCode": "de"}])
            text = "Das weiß ich nicht. Beruhigen Sie sich bitte."
            for language in ("de-DE", "de", "auto"):
                q = urllib.parse.urlencode({"text": text, "language": language})
                status, _, body = s.request("GET", "/v2/check?" + q)
                self.assertEqual(status, 200, body)
                got = json.loads(body)
                self.assertEqual(got["language"]["detectedLanguage"]["code"], "de")
                # Category names are the pack's, in German.
                self.assertEqual(sorted(m["shortMessage"] for m in got["matches"]),
                                 ["Abwiegeln", "Ratlosigkeit"])
                rules = sorted(m["rule"]["id"] for m in got["matches"])
                self.assertEqual(rules, ["trigger.dismissive.beruhigen",
                                         "trigger.uncertainty.weiss-nicht"], language)
                for m in got["matches"]:
                    units = text.encode("utf-16-le")[2 * m["offset"]:2 * (m["offset"] + m["length"])]
                    self.assertTrue(units.decode("utf-16-le"))
            # English is not this service's language: no matches, not noise.
            q = urllib.parse.urlencode({"text": "I don't know, calm down.", "language": "en-US"})
            status, _, body = s.request("GET", "/v2/check?" + q)
            self.assertEqual(status, 200, body)
            self.assertEqual(json.loads(body)["matches"], [])
        finally:
            s.stop()


class KeyAndLimitsTest(unittest.TestCase):
    def test_api_key(self):
        s = Server(TACT, "--api-key", "s3cret")
        try:
            self.assertEqual(s.request("GET", "/health")[0], 200)
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"},
                            {"Authorization": "Bearer s3cret2"}):
                status, h, body = s.request("POST", "/v1/analyze", '{"text":"hi"}', headers)
                self.assertEqual(status, 401, headers)
                self.assertEqual(json.loads(body)["error"]["code"], "unauthorized")
                self.assertEqual(h["WWW-Authenticate"], "Bearer")
            for path in ("/metrics", "/", "/v2/languages"):
                self.assertEqual(s.request("GET", path)[0], 401, path)
            ok = {"Authorization": "Bearer s3cret"}
            self.assertEqual(s.request("POST", "/v1/analyze", '{"text":"hi"}', ok)[0], 200)
            self.assertEqual(s.request("GET", "/metrics", None, ok)[0], 200)
            form = {"Content-Type": "application/x-www-form-urlencoded"}
            self.assertEqual(s.request("POST", "/v2/check", "text=hi&language=en", form)[0], 401)
            # LanguageTool clients send the key as a field.
            self.assertEqual(s.request("POST", "/v2/check", "text=hi&language=en&apiKey=s3cret",
                                       form)[0], 200)
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))
        # The key can come from the environment.
        s = Server(TACT, env={"TACT_API_KEY": "envkey"})
        try:
            self.assertEqual(s.request("POST", "/v1/analyze", '{"text":"hi"}')[0], 401)
            self.assertEqual(s.request("POST", "/v1/analyze", '{"text":"hi"}',
                                       {"Authorization": "Bearer envkey"})[0], 200)
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))

    def test_refuses_public_listen_without_key(self):
        env = dict(os.environ)
        env.pop("TACT_API_KEY", None)
        p = subprocess.run([TACT, "serve", "--listen", "0.0.0.0:0"], env=env, timeout=30,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"API key", p.stderr)
        for bad in (["--listen", "nonsense"], ["--listen", "127.0.0.1:99999"],
                    ["--threads", "100000"], ["--max-body-bytes", "0"], ["--frobnicate"],
                    ["--rules", "/nonexistent.toml"]):
            p = subprocess.run([TACT, "serve", *bad], env=env, timeout=30,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(p.returncode, 2, bad)
            self.assertTrue(p.stderr, bad)

    def test_port_in_use(self):
        s = Server(TACT)
        try:
            p = subprocess.run([TACT, "serve", "--listen", "127.0.0.1:%d" % s.port], timeout=30,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(p.returncode, 2)
            self.assertIn(b"cannot listen", p.stderr)
            self.assertEqual(s.request("GET", "/health")[0], 200)
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))

    def test_burst_of_connections(self):
        # 64 connections opened at once are all answered without waiting
        # for a SYN retry (httplib's own listen backlog is 5).
        s = Server(TACT, "--threads", "8")
        try:
            socks = [socket.socket() for _ in range(64)]
            for c in socks:
                c.setblocking(False)
                c.connect_ex(("127.0.0.1", s.port))
            start = time.time()
            for c in socks:
                c.setblocking(True)
                c.settimeout(20)
                c.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            for c in socks:
                reply = b""
                while True:
                    chunk = c.recv(4096)
                    if not chunk:
                        break
                    reply += chunk
                self.assertTrue(reply.startswith(b"HTTP/1.1 200 "), reply)
                c.close()
            # A dropped SYN is retried after 1 s, then 2 s, 4 s...: several of them
            # took 4-17 s in all; 2.5 s leaves room for a loaded machine.
            self.assertLess(time.time() - start, 2.5)
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))

    def test_cors(self):
        s = Server(TACT, "--cors-origin", "https://desk.example")
        try:
            status, h, _ = s.request("OPTIONS", "/v1/analyze", None, {
                "Origin": "https://desk.example", "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 204)
            self.assertEqual(h["Access-Control-Allow-Origin"], "https://desk.example")
            self.assertIn("Authorization", h["Access-Control-Allow-Headers"])
            status, h, _ = s.request("POST", "/v1/analyze", '{"text":"hi"}',
                                     {"Origin": "https://evil.example"})
            self.assertEqual(status, 200)
            self.assertIsNone(h.get("Access-Control-Allow-Origin"))
            status, h, _ = s.request("POST", "/v1/analyze", '{"text":"hi"}',
                                     {"Origin": "https://desk.example"})
            self.assertEqual(h["Access-Control-Allow-Origin"], "https://desk.example")
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))
        s = Server(TACT)  # no --cors-origin: no CORS headers at all
        try:
            _, h, _ = s.request("POST", "/v1/analyze", '{"text":"hi"}',
                                {"Origin": "https://desk.example"})
            self.assertIsNone(h.get("Access-Control-Allow-Origin"))
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))

    def test_full_queue_gets_503(self):
        s = Server(TACT, "--threads", "1", "--queue", "0")
        try:
            # A kept-alive connection holds the only worker...
            held = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
            held.request("GET", "/health")
            resp = held.getresponse()
            self.assertEqual(resp.status, 200)
            resp.read()
            # ...so another connection is answered 503 with a JSON error.
            status, h, body = s.request("POST", "/v1/analyze", '{"text":"hi"}')
            self.assertEqual(status, 503)
            self.assertEqual(json.loads(body)["error"]["code"], "overloaded")
            self.assertEqual(h["Retry-After"], "1")
            held.close()
            # The one worker frees up once each closed connection is noticed;
            # until then a new one is (rightly) refused with 503 too.
            # The 503 is counted once its response is written, which may be
            # just after the client has read it: poll for the count as well.
            want = r'tact_http_errors_total\{endpoint="/v1/analyze",status="503"\} 1\n'
            deadline = time.time() + 10
            while True:
                status, _, body = s.request("GET", "/metrics")
                if status == 200 and re.search(want, body.decode()):
                    break
                self.assertIn(status, (200, 503))
                self.assertLess(time.time(), deadline, body.decode())
                time.sleep(0.05)
        finally:
            self.assertEqual(s.stop(), 0, "".join(s.log))

    def test_sigterm_does_not_wait_for_idle_connections(self):
        s = Server(TACT)
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
            c.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertTrue(c.recv(65536).startswith(b"HTTP/1.1 200 "))
            # The connection stays open and idle (kept alive for 5 s).
            started = time.time()
            s.proc.send_signal(signal.SIGTERM)
            self.assertEqual(s.proc.wait(10), 0)
            self.assertLess(time.time() - started, 2.5)
        s.stop()
        self.assertIn("stopped", "".join(s.log))

    def test_sigterm_lets_requests_in_flight_finish(self):
        s = Server(TACT)
        body = json.dumps({"text": "I don't know, calm down. " * 4000}).encode()
        head = ("POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\n\r\n" % len(body)).encode()
        with socket.create_connection(("127.0.0.1", s.port), timeout=20) as c:
            # Half the request is in when the signal comes; the rest after it.
            c.sendall(head + body[:len(body) // 2])
            time.sleep(0.3)
            s.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            self.assertIsNone(s.proc.poll())  # still answering
            c.sendall(body[len(body) // 2:])
            reply = b""
            while b"\r\n\r\n" not in reply or not reply.endswith(b"}\n"):
                chunk = c.recv(65536)
                if not chunk:
                    break
                reply += chunk
        self.assertTrue(reply.startswith(b"HTTP/1.1 200 "), reply[:200])
        report = json.loads(reply.split(b"\r\n\r\n", 1)[1])
        self.assertGreaterEqual(len(report["triggers"]), 32)
        self.assertEqual(s.proc.wait(30), 0)
        s.stop()
        self.assertIn("stopped", "".join(s.log))


if __name__ == "__main__":
    TACT = sys.argv.pop(1)
    unittest.main(verbosity=2)
