# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Threads sharing one analyzer (ctypes releases the GIL during each call,
so they really run in the library at once)."""

import threading

import pytest

import tact

TEXTS = [
    "I don't know, calm down.",
    "You should have read the policy. It's not my department.",
    "I'm so sorry about the delay, I'll fix this for you right now.",
    "This is RIDICULOUS!!! Third time I'm writing. I want my money back.",
    "😡 Why is my order late again?",
    "Unfortunately we can't refund that, please hold.",
]


def test_two_threads_sharing_one_analyzer_match_one_thread(analyzer):
    expected = [analyzer.analyze(t, role="auto") for t in TEXTS]
    results = {0: [], 1: []}

    def work(k):
        for round_ in range(30):
            for i in range(len(TEXTS)):
                j = (i + round_ * (k + 1)) % len(TEXTS)
                results[k].append((j, analyzer.analyze(TEXTS[j], role="auto")))

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in (0, 1):
        assert len(results[k]) == 30 * len(TEXTS)
        for j, report in results[k]:
            assert report == expected[j]
            assert report.to_json() == expected[j].to_json()


def test_closing_while_another_thread_analyzes_never_crashes():
    a = tact.Analyzer()
    started = threading.Event()
    outcome = []

    def work():
        try:
            while True:
                a.analyze(TEXTS[0])
                started.set()
        except tact.InvalidArgumentError as e:
            outcome.append(str(e))

    thread = threading.Thread(target=work)
    thread.start()
    assert started.wait(10)
    a.close()
    thread.join(10)
    assert outcome == ["the analyzer is closed"]


def test_the_last_error_is_per_thread():
    lib = tact._library.library()
    with pytest.raises(tact.InputTooLargeError):
        tact.Analyzer(max_input_bytes=1).analyze("too long")
    assert lib.tact_last_error().startswith(b"input of 8 bytes")
    seen = []
    t = threading.Thread(target=lambda: seen.append(lib.tact_last_error()))
    t.start()
    t.join()
    assert seen == [b""]
