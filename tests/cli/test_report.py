#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""`tact report` end to end: the JSON's numbers against direct counts over
`tact analyze` and `tact conversation` output of the same archive, the HTML
against the JSON (cell by cell, through data-json), the HTML's shape (parses,
every section with its charts, no URL, no script, excerpts escaped, trigger
spans marked), bad lines, and the progress display on a pty only.

  test_report.py TACT GEN_ARCHIVE
"""
import collections
import html.parser
import json
import os
import pty
import subprocess
import sys
import tempfile

TACT = sys.argv[1]
GEN = sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, stdin=None, stderr=subprocess.PIPE):
    return subprocess.run([TACT] + args, input=stdin, stdout=subprocess.PIPE, stderr=stderr,
                          timeout=120)


SCRIPT = "<script>alert(1)</script>"
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line", "path", "circle"}
SECTIONS = ["input", "escalation", "triggers", "techniques", "conversations"]
# Charts each section must carry (docs/report.md).
CHARTS = {"escalation": 2, "triggers": 3, "techniques": 1, "conversations": 3}


class Page(html.parser.HTMLParser):
    """A strict-enough check: tags balance, and what the tests look for."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.section = None
        self.svgs = collections.Counter()
        self.sections = []
        self.cells = []  # (pointer, text)
        self.cell = None
        self.marks = []
        self.mark = None
        self.text = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.section = a.get("id")
            self.sections.append(self.section)
        if tag == "svg":
            self.svgs[self.section] += 1
        if tag == "td" and "data-json" in a:
            self.cell = [a["data-json"], ""]
        if tag == "mark":
            self.mark = ""
        for v in a.values():
            if v and ("http://" in v or "https://" in v):
                self.errors.append("URL in an attribute: " + v)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag == "td" and self.cell is not None:
            self.cells.append(tuple(self.cell))
            self.cell = None
        if tag == "mark":
            self.marks.append(self.mark)
            self.mark = None
        if tag == "section":
            self.section = None

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell[1] += data
        if self.mark is not None:
            self.mark += data


def pointer(doc, ptr):
    for token in ptr.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def same_number(text, value):
    if value is None:
        return text == ""
    try:
        return abs(float(text) - float(value)) < 1e-9
    except ValueError:
        return False


def main():
    tmp = tempfile.mkdtemp(prefix="tact_report_")
    archive = os.path.join(tmp, "archive.jsonl")
    subprocess.run([sys.executable, GEN, "--messages", "400", "--days", "9", archive], check=True)
    with open(archive, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    # A reply with markup and a non-ASCII prefix before its trigger (byte
    # offsets differ from code point offsets), an agent name with markup,
    # and messages without a role or a conversation.
    first = next(i for i, m in enumerate(lines)
                 if m["role"] == "agent" and "don't know" in m["text"]
                 and lines[i + 1]["conversation_id"] == m["conversation_id"])
    lines[first]["text"] = "Désolé " + SCRIPT + " I don't know, calm down."
    lines[first]["agent"] = "<b>eve</b>"
    lines.append({"text": "I don't know what you mean, calm down."})
    lines.append({"text": "Where is my parcel??? This is ridiculous.", "team": "tech"})
    lines.append({"text": "thanks", "role": "customer", "created_at": "not a date"})
    with open(archive, "w", encoding="utf-8") as f:
        for m in lines:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")

    # The JSON.
    r = run(["report", "--format", "json", "--group-by", "conversation_id", "--threads", "2",
             archive])
    check(r.returncode == 0, f"report --format json exits 0 (got {r.returncode}: {r.stderr!r})")
    check(r.stderr == b"", "no progress when stderr is a pipe")
    rep = json.loads(r.stdout)
    check(rep["tact_report"] == 1, "tact_report: 1")
    for key in ["input", "escalation", "triggers", "techniques", "conversations"]:
        check(key in rep, f"JSON has {key}")
    check(rep["input"]["lines"] == len(lines), "input.lines")
    check(rep["input"]["messages"] == len(lines), "input.messages")
    check(rep["input"]["bad_lines"] == 0, "no bad lines")

    # Direct counts over `tact analyze` (the messages without a role are
    # guessed, as the report does).
    a = run(["analyze", "--jsonl", "--format", "json", "--role", "auto", archive])
    check(a.returncode == 0, "analyze exits 0")
    reports = [json.loads(x) for x in a.stdout.splitlines()]
    check(len(reports) == len(lines), "analyze answers every line")
    levels = collections.Counter()
    undated = 0
    cats = collections.Counter()
    techniques = collections.Counter()
    agents = collections.defaultdict(lambda: [0, 0])
    teams = collections.defaultdict(lambda: [0, 0])
    for m, rp in zip(lines, reports):
        if rp["role"] == "customer":
            levels[rp["escalation"]["label"]] += 1
            undated += m.get("created_at", "not a date") == "not a date"
            continue
        cats.update(t["category"] for t in rp["triggers"])
        techniques.update(t["type"] for t in rp["techniques"])
        for table, key in ((agents, m.get("agent") or "(none)"), (teams, m.get("team") or "(none)")):
            table[key][0] += 1
            table[key][1] += len(rp["triggers"])
    check({k: v for k, v in rep["escalation"]["levels"].items() if v} == dict(levels),
          f"levels {rep['escalation']['levels']} == {dict(levels)}")
    check(sum(sum(p["levels"].values()) for p in rep["escalation"]["over_time"]) ==
          sum(levels.values()) - undated, "over_time counts every dated customer message")
    check(rep["input"]["undated"] == undated == 2, "undated customer messages")
    check({c["category"]: c["count"] for c in rep["triggers"]["categories"]} == dict(cats),
          "trigger categories")
    counts = [c["count"] for c in rep["triggers"]["categories"]]
    check(counts == sorted(counts, reverse=True), "categories sorted by count")
    check(rep["triggers"]["replies"] == sum(v[0] for v in agents.values()), "replies")
    check({x["agent"]: [x["replies"], x["triggers"]] for x in rep["triggers"]["by_agent"]} ==
          {k: v for k, v in agents.items()}, "per-agent replies and triggers")
    check({x["team"]: [x["replies"], x["triggers"]] for x in rep["triggers"]["by_team"]} ==
          {k: v for k, v in teams.items()}, "per-team replies and triggers")
    check(rep["techniques"]["total"] == dict(techniques), "techniques")
    check(len(rep["triggers"]["phrases"]) <= 25, "top 25 phrases")
    check(any(p["phrase"] == "i don't know" and p["suggestion"] for p in rep["triggers"]["phrases"]),
          "phrases lower-cased, with a suggestion")

    # Direct counts over `tact conversation --group-by`.
    grouped = os.path.join(tmp, "grouped.jsonl")
    with open(grouped, "w", encoding="utf-8") as f:
        for m in lines:
            if "conversation_id" in m:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
    c = run(["conversation", "--format", "json", "--group-by", "conversation_id", grouped])
    check(c.returncode == 0, "conversation exits 0")
    convs = [json.loads(x) for x in c.stdout.splitlines()]
    check(rep["conversations"]["count"] == len(convs), "conversation count")
    check(rep["conversations"]["priority"] == dict(collections.Counter(x["priority"] for x in convs)),
          "priority")
    check(rep["conversations"]["route"] == dict(collections.Counter(x["route"] for x in convs)),
          "route")
    esc = rep["conversations"]["escalated_after_trigger"]
    check(rep["conversations"]["escalated_after_trigger_total"] > 0 and 0 < len(esc) <= 20,
          "some conversations escalate after a trigger")
    check(rep["conversations"]["calmed_after_reply_total"] > 0, "some calm after a reply")
    ttc = rep["conversations"]["time_to_calm"]
    check(ttc["calmed"] > 0 and ttc["never_calmed"] > 0, "time to calm: both kinds")
    check(sum(ttc["turns"].values()) == ttc["calmed"], "time to calm histogram")
    # The same escalations, recounted from the conversation reports.
    total = 0
    for conv in convs:
        t = conv["turns"]
        for i, turn in enumerate(t):
            if turn["role"] != "agent" or not turn["triggers"]:
                continue
            before = [x["level"] for x in t[:i] if x["role"] == "customer"]
            after = [x["level"] for x in t[i + 1:] if x["role"] == "customer"]
            if before and after and after[0] > before[-1]:
                total += 1
    check(rep["conversations"]["escalated_after_trigger_total"] == total,
          f"escalated after trigger {rep['conversations']['escalated_after_trigger_total']} == {total}")

    # The HTML.
    out = os.path.join(tmp, "report.html")
    h = run(["report", "--group-by", "conversation_id", "-o", out, archive])
    check(h.returncode == 0, "report (HTML) exits 0")
    with open(out, encoding="utf-8") as f:
        page_text = f.read()
    page = Page()
    page.feed(page_text)
    page.close()
    check(not page.errors and not page.stack, f"HTML balances: {page.errors[:3]} {page.stack}")
    check(page_text.startswith("<!DOCTYPE html>"), "doctype")
    check("http://" not in page_text and "https://" not in page_text, "no URL")
    check(page.scripts == 0, "no script element")
    check(SCRIPT not in page_text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text,
          "the message's markup is escaped")
    check("&lt;b&gt;eve&lt;/b&gt;" in page_text, "the agent's name is escaped")
    for s in SECTIONS:
        check(s in page.sections, f"section {s}")
    for s, n in CHARTS.items():
        check(page.svgs[s] >= n, f"section {s} has {n} charts (got {page.svgs[s]})")
    check(len(page.cells) > 50, "numbers carry data-json")
    for ptr, text in page.cells:
        value = pointer(rep, ptr)
        check(same_number(text.strip(), value), f"HTML {ptr} shows {text!r}, JSON says {value!r}")
    shown = {p for p, _ in page.cells}
    for ptr in ["/escalation/levels/calm", "/triggers/categories/0/count",
                "/triggers/by_agent/0/replies", "/triggers/by_agent/0/triggers",
                "/conversations/count", "/input/bad_lines"]:
        check(ptr in shown, f"HTML shows {ptr}")
    for key in rep["conversations"]["priority"]:
        check(f"/conversations/priority/{key}" in shown, f"HTML shows priority {key}")
    check("I don't know" in page.marks and "calm down" in page.marks,
          f"trigger spans marked at their bytes: {page.marks[:5]}")

    # Bad lines: the rest is still reported.
    bad = os.path.join(tmp, "bad.jsonl")
    with open(bad, "wb") as f:
        f.write(b'{"text": "Hello, where is my order?", "role": "customer"}\n')
        f.write(b'{"text": "oops"\n')  # 2: malformed JSON
        f.write(b'{"role": "agent"}\n')  # 3: no text
        f.write(b'{"text": 5}\n')  # 4: text not a string
        f.write(b'{"text": "caf\xe9 au lait"}\n')  # 5: invalid UTF-8
        f.write(b'\n')  # blank: skipped
        f.write(b'{"text": "I don\'t know.", "role": "agent"}\n')
    b = run(["report", "--format", "json", bad])
    check(b.returncode == 2, f"bad lines: exit 2 (got {b.returncode})")
    brep = json.loads(b.stdout)
    check(brep["input"]["bad_lines"] == 4, "four bad lines")
    check([e["line"] for e in brep["input"]["errors"]] == [2, 3, 4, 5], "their line numbers")
    check(all(e["file"] == bad and e["code"] for e in brep["input"]["errors"]), "file and code")
    check(brep["input"]["messages"] == 2, "the rest analyzed")
    err = b.stderr.decode()
    for n in (2, 3, 4, 5):
        check(f"tact: {bad}:{n}: " in err, f"stderr names {bad}:{n}")

    # Writing fails: exit 2, said on stderr.
    if os.path.exists("/dev/full"):
        w = run(["report", "-o", "/dev/full", bad])
        check(w.returncode == 2 and b"/dev/full: cannot write" in w.stderr, "write error")

    # Progress: on a terminal only (with the percent, the input is a file).
    master, slave = pty.openpty()
    p = subprocess.run([TACT, "report", "--format", "json", archive], stdout=subprocess.PIPE,
                       stderr=slave, timeout=120)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    check(p.returncode == 0, "report on a pty exits 0")
    check(b"messages/s" in shown and b"%" in shown and b"ETA" in shown,
          f"progress on a terminal: {shown[-200:]!r}")
    q = run(["report", "--format", "json", "--no-progress", archive])
    check(q.stderr == b"", "--no-progress")
    q = run(["report", "--format", "json", "--progress"], stdin=b'{"text":"hi"}\n')
    check(b"messages/s" in q.stderr and b"ETA" not in q.stderr, "--progress on stdin: no ETA")

    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
