#!/usr/bin/env python3
"""Prints issue 7's targets against a tact_bench JSON report.

    bench/summary.py build/release/bench.json

Each line: the target, the figure measured, and met / MISSED. A target whose
benchmarks were filtered out of the run is skipped. The vader-sentiment
ratio comes from scripts/compare.sh, not from here.
"""
import json
import sys

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    return {r["name"]: r for r in runs if r.get("run_type", "iteration") == "iteration"}


def seconds(run, key="real_time"):
    return run[key] * UNIT[run["time_unit"]]


def main(path):
    b = load(path)
    rows = []

    def target(what, ok, measured):
        rows.append((what, measured, "met" if ok else "MISSED"))

    def have(*names):
        return all(n in b for n in names)

    if have("BM_Analyze/size:0"):
        v = b["BM_Analyze/size:0"]["messages/s"]
        target("short messages, full analysis >= 250,000 msg/s", v >= 250e3, f"{v:,.0f} msg/s")
    if have("BM_CApiAnalyze/size:0"):
        v = b["BM_CApiAnalyze/size:0"]["messages/s"]
        target("  the same through the C ABI (no target)", True, f"{v:,.0f} msg/s")
    longs = [n for n in b if n.startswith("BM_AnalyzeLong/")]
    if longs:
        rates = {n: b[n]["bytes_per_second"] / 1e6 for n in longs}
        low = min(rates.values())
        target("long text >= 50 MB/s (slowest size)", low >= 50, f"{low:.1f} MB/s")
        spread = max(rates.values()) / low
        target("time per MB flat from 1 KB to 10 MB (max/min <= 1.5)", spread <= 1.5,
               f"max/min {spread:.2f} over " + ", ".join(
                   f"{n.split('/')[1]}: {rates[n]:.1f}" for n in sorted(longs, key=lambda n: int(n.split('/')[1]))))
    if have("BM_Latency1KB"):
        v = b["BM_Latency1KB"]["p99_us"]
        target("p99 latency of a 1 KB reply <= 50 us", v <= 50,
               f"p99 {v:.1f} us (p50 {b['BM_Latency1KB']['p50_us']:.1f} us)")
    cold = next((b[n] for n in b if n.startswith("BM_BuildAnalyzerCold")), None)
    if cold:
        target("default analyzer builds in <= 50 ms (first in a process)", seconds(cold) <= 0.05,
               f"{seconds(cold) * 1e3:.1f} ms")
        target("default analyzer uses <= 16 MB (after analyzing the corpus)", cold["MB_used"] <= 16,
               f"{cold['MB_used']:.1f} MB ({cold['MB_built']:.1f} MB right after building)")
    if have("BM_BuildRules/extra:10000"):
        v = seconds(b["BM_BuildRules/extra:10000"])
        target("+10,000 rules compile in < 1 s", v < 1, f"{v * 1e3:.0f} ms")
    for size, label in (("0", "chat"), ("1", "email")):
        base, big = f"BM_AnalyzeRules/extra:0/size:{size}", f"BM_AnalyzeRules/extra:10000/size:{size}"
        if have(base, big):
            r = b[big]["messages/s"] / b[base]["messages/s"]
            target(f"+10,000 rules keep >= 50% of default throughput ({label})", r >= 0.5,
                   f"{r:.0%} ({b[big]['messages/s']:,.0f} vs {b[base]['messages/s']:,.0f} msg/s)")
    if have("BM_Batch/threads:1/real_time", "BM_Batch/threads:2/real_time"):
        one = b["BM_Batch/threads:1/real_time"]["messages/s"]
        two = b["BM_Batch/threads:2/real_time"]["messages/s"]
        target("batch: 2 threads >= 1.8x one thread", two / one >= 1.8,
               f"{two / one:.2f}x ({two:,.0f} vs {one:,.0f} msg/s)")
    kinds = sorted({n.split("/")[1] for n in b if n.startswith("BM_Hostile/")})
    for prefix in ("BM_Hostile", "BM_HostileCustomer"):
        for kind in kinds:
            runs = sorted((int(n.split("/")[2]), b[n]["s_per_MB"]) for n in b
                          if n.startswith(f"{prefix}/{kind}/"))
            if len(runs) < 2:
                continue
            spread = max(v for _, v in runs) / min(v for _, v in runs)
            target(f"{prefix}/{kind}: time per MB flat (max/min <= 1.5)", spread <= 1.5,
                   " ".join(f"{size >> 10} KB: {v * 1e3:.0f} ms/MB" for size, v in runs))

    width = max(len(r[0]) for r in rows) if rows else 0
    for what, measured, verdict in rows:
        print(f"{verdict:<7} {what:<{width}}  {measured}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/release/bench.json")
