#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""tact.dask's throughput on a LocalCluster of 1 and of 2 worker processes
(1 thread each): messages/s and the speed-up.

    TACT_LIBRARY=build/release/lib/libtact.so.1 PYTHONPATH=bindings/python \\
        /usr/bin/python3 bench/dask_scaling.py [--messages 200000] [--partitions 40]

The messages are generated here (seeded), on the workers, and kept there
(persisted) before the clock starts, so the timing is the analysis alone:
tact.dask.analyze_bag over the persisted bag, persisted in turn (its
results stay on the workers, where summary() would read them), including
each fresh worker's analyzer build and excluding the cluster's start-up.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bindings" / "python"))

import dask.bag as db  # noqa: E402
import distributed  # noqa: E402

import tact  # noqa: E402
import tact.dask as td  # noqa: E402

AGENT = [
    "I don't know, calm down.",
    "You should have read the policy. It's not my department.",
    "I'm so sorry about the delay, I'll fix this for you right now.",
    "Unfortunately we can't refund that, please hold.",
    "Thanks for your patience! I've issued the refund and it should arrive in 3 days.",
    "As I already said, there's nothing I can do about your order.",
    "I understand how frustrating this is. Let me look into it for you.",
    "Per our policy, you need to contact the courier yourself.",
    "Great news — your replacement shipped this morning, here is the tracking link.",
]
CUSTOMER = [
    "This is RIDICULOUS!!! Third time I'm writing. I want my money back.",
    "😡 Why is my order late again?",
    "Hi, could you tell me when my parcel arrives?",
    "I want to speak to a supervisor right now.",
    "thanks, that worked!",
    "I'm going to cancel my subscription and post a review about this.",
    "The app keeps crashing when I open my invoices, can you help?",
    "Nobody has answered my email from last week. Unacceptable.",
]
AGENTS = ["ana", "bo", "chen", "dara", "eli", "fen"]
TEAMS = ["billing", "shipping", "tech"]


def generate(part, size):
    """Partition ``part``'s ``size`` messages: chat-sized lines, one to three
    sentences, alternating customer and agent."""
    rnd = random.Random(part)
    out = []
    for i in range(size):
        role = "customer" if i % 2 == 0 else "agent"
        pool = CUSTOMER if role == "customer" else AGENT
        out.append({
            "id": "%d-%d" % (part, i),
            "text": " ".join(rnd.sample(pool, rnd.randint(1, 3))),
            "role": role,
            "agent": rnd.choice(AGENTS),
            "team": rnd.choice(TEAMS),
            "created_at": "2026-11-%02dT%02d:00:00Z" % (1 + i % 28, i % 24),
            "channel": "chat",
        })
    return out


def rss_mib():
    """This process's resident memory, MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def analyzer_rss_mib():
    """The worker's resident memory after it builds the default analyzer."""
    td._analyzer(td.AnalyzerOptions())
    return rss_mib()


def run(workers, messages, partitions):
    size = messages // partitions
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        client.wait_for_workers(workers)
        idle = max(client.run(rss_mib).values())
        bag = db.from_sequence(range(partitions), npartitions=partitions).map_partitions(
            lambda parts: [m for p in parts for m in generate(p, size)])
        bag = client.persist(bag)
        distributed.wait(bag)
        cpu = client.run(time.process_time)
        start = time.perf_counter()
        results = client.persist(td.analyze_bag(bag))
        distributed.wait(results)
        seconds = time.perf_counter() - start
        cpu = sum(t - cpu[w] for w, t in client.run(time.process_time).items())
        stats = client.run(td.worker_stats)
        count = int(results.trigger_count.count().compute())
        assert count == size * partitions, count
        errors = int(results.error_code.count().compute())
        assert errors == 0, errors
        builds = sum(s["builds"] for s in stats.values())
        peak = max(client.run(rss_mib).values())
        if workers == 1:
            client.restart()
            built = max(client.run(analyzer_rss_mib).values())
            print("worker memory: %.0f MiB idle, %.0f MiB with an analyzer built (fresh), "
                  "%.0f MiB after the run (input and results held)" % (idle, built, peak))
    return seconds, size * partitions, builds, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--messages", type=int, default=200000)
    p.add_argument("--partitions", type=int, default=40)
    args = p.parse_args()
    # Spawned workers inherit the environment: give them this tree's package.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        x for x in (sys.path[0], os.environ.get("PYTHONPATH")) if x)
    print("libtact %s (%s); %d messages in %d partitions; load average %s" % (
        tact.library_version(), tact.library_path(), args.messages // args.partitions
        * args.partitions, args.partitions, " ".join(
            "%.2f" % x for x in os.getloadavg())))
    # Without Dask, for reference: the same work in this process, one thread.
    sample = [m for p in range(4) for m in generate(p, 5000)]
    start = time.perf_counter()
    td.analyze_records(sample)
    base = len(sample) / (time.perf_counter() - start)
    print("no Dask (analyze_records in this process, %d messages, analyzer build "
          "included): %8.0f messages/s" % (len(sample), base))
    rates = {}
    for workers in (1, 2):
        seconds, n, builds, cpu = run(workers, args.messages, args.partitions)
        rates[workers] = n / seconds
        # CPU time of the worker processes over the timed span: below 100%
        # of their cores means something else (another process) had them.
        print("%d worker%s: %7.2f s  %8.0f messages/s  (analyzers built: %d; workers' CPU "
              "%.1f s, %.0f%% of %d core%s)" % (
                  workers, "" if workers == 1 else "s", seconds, rates[workers], builds, cpu,
                  100.0 * cpu / seconds / workers, workers, "" if workers == 1 else "s"))
    print("speed-up with 2 workers: %.2fx" % (rates[2] / rates[1]))


if __name__ == "__main__":
    main()
