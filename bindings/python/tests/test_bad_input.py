# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Hostile input through the Python layer (issue 12): deep rule-pack TOML,
a batch when threads cannot be created, out-of-range sizes and NULs.

The crash-prone cases run in a child interpreter, so a regression fails the
test instead of taking pytest down."""

import subprocess
import sys
import textwrap

import pytest

import tact


def run_child(code, env):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_deep_toml_in_rule_texts_is_an_error_not_a_crash(subprocess_env):
    out = run_child("""
        import threading
        import tact
        deep = {"dot.toml": "a" + ".a" * 50000 + "=1\\n",
                "arr.toml": "x = 1\\ny = " + "[" * 50000 + "\\n",
                "hdr.toml": "[a" + ".a" * 50000 + "]\\n"}
        seen = []
        def load():
            for name, text in deep.items():
                try:
                    tact.Analyzer(rule_texts={name: text})
                except tact.RulePackError as e:
                    seen.append(e.message)
        load()
        threading.stack_size(256 * 1024)  # issue 12: 2 KB of TOML overflowed it
        t = threading.Thread(target=load)
        t.start()
        t.join()
        for m in seen:
            print(m)
        """, subprocess_env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 6
    for prefix in ("dot.toml:1: invalid TOML: ", "arr.toml:2: invalid TOML: ",
                   "hdr.toml:1: invalid TOML: "):
        assert sum(line.startswith(prefix) for line in lines) == 2, lines


def test_analyze_many_when_no_thread_can_be_created(subprocess_env):
    # Every new thread asks for a 1 GB stack, under an address-space limit
    # 256 MB above what the process uses: pthread_create fails, and the
    # batch runs on the calling thread with the same results.
    out = run_child("""
        import ctypes, resource, threading
        import tact
        texts = ["I don't know, calm down.", "Where is my refund??", "Thanks!"] * 20
        a = tact.Analyzer()
        assert a.threads_used == 0
        want = [r.to_json() for r in a.analyze_many(texts, threads=1)]
        assert a.threads_used == 1
        import os
        a.analyze_many(texts, threads=2)
        assert a.threads_used == min(2, os.cpu_count()), a.threads_used
        libc = ctypes.CDLL(None)
        attr = ctypes.create_string_buffer(128)
        assert libc.pthread_attr_init(attr) == 0
        assert libc.pthread_attr_setstacksize(attr, ctypes.c_size_t(1 << 30)) == 0
        assert libc.pthread_setattr_default_np(attr) == 0
        with open("/proc/self/statm") as f:
            vm = int(f.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (vm + (256 << 20), resource.RLIM_INFINITY))
        try:
            threading.Thread(target=lambda: None).start()
            raise SystemExit("the limits did not stop a thread")
        except RuntimeError:
            pass
        for threads in (0, 2, 64, 2**32 - 1):
            got = [r.to_json() for r in a.analyze_many(texts, threads=threads)]
            assert got == want, threads
            assert a.threads_used == 1, (threads, a.threads_used)  # the refusal shows
        print("ok")
        """, subprocess_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "ok\n"


@pytest.mark.parametrize("value", [2**70, 2**64, -1])
def test_out_of_range_sizes_raise_value_error(value):
    for name in ("max_input_bytes", "max_findings"):
        with pytest.raises(ValueError, match="^%s must be between 0 and " % name):
            tact.Analyzer(**{name: value})


def test_threads_out_of_range_raise_value_error(analyzer):
    with pytest.raises(ValueError):
        analyzer.analyze_many(["x"], threads=2**32)


def test_nul_in_paths_and_rule_texts_raises_value_error(tmp_path):
    with pytest.raises(ValueError, match="rule file path contains a NUL"):
        tact.Analyzer(rules=[str(tmp_path / "a.toml") + "\0.toml"])
    with pytest.raises(ValueError, match="rule text contains a NUL"):
        tact.Analyzer(rule_texts=['description = "x"\0garbage'])
    with pytest.raises(ValueError, match="rule text name contains a NUL"):
        tact.Analyzer(rule_texts={"a\0b": 'description = "x"'})


def test_a_huge_invalid_pattern_gives_a_short_message_and_a_quiet_stderr(subprocess_env):
    out = run_child("""
        import tact
        rule = ('[[rule]]\\nid = "trigger.refusal.big"\\nmessage = "m"\\n'
                'examples = ["a"]\\ncounterexamples = ["b"]\\n'
                "patterns = ['''(" + "x" * (4 << 20) + "''']\\n")
        try:
            tact.Analyzer(rule_texts={"big.toml": rule})
        except tact.RulePackError as e:
            print(len(e.message), e.message[:60])
        """, subprocess_env)
    assert out.returncode == 0 and out.stderr == ""
    size, start = out.stdout.split(" ", 1)
    assert int(size) < 600
    assert start == 'big.toml:6: trigger.refusal.big: invalid RE2 in pattern "(xx\n'


def test_deadline_raises_with_the_partial_report():
    text = "I don't know. Calm down. No, we can't do that. " * 4000
    full = tact.Analyzer().analyze(text)
    with tact.Analyzer(deadline_us=1) as timed:
        with pytest.raises(tact.DeadlineExceededError, match="deadline of 1 us passed") as e:
            timed.analyze(text)
        assert isinstance(e.value, TimeoutError) and e.value.code == -8
        partial = e.value.report
        assert partial.truncated and partial.rewrite == "" and not partial.edits
        spans = {(t.rule, t.start) for t in full.triggers}
        assert all((t.rule, t.start) in spans for t in partial.triggers)
        with pytest.raises(tact.DeadlineExceededError) as e:
            timed.analyze_many([text, text], threads=2)
        assert [r.truncated for r in e.value.reports] == [True, True]
    # A budget that does not pass changes nothing.
    with tact.Analyzer(deadline_us=3600 * 10**6) as roomy:
        assert roomy.analyze(text).to_json() == full.to_json()


@pytest.mark.parametrize("value", [2**64, -1])
def test_deadline_out_of_range_raises_value_error(value):
    with pytest.raises(ValueError, match="^deadline_us must be between 0 and "):
        tact.Analyzer(deadline_us=value)
