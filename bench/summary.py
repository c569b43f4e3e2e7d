#!/usr/bin/env python3
"""Prints issue 7's and issue 17's targets against a tact_bench JSON report.

    bench/summary.py build/release/bench.json
    bench/summary.py --memory PEAK_KB BASE_KB BYTES build/release/bench.json
                       # with the peak memory scripts/bench.sh measured
    bench/summary.py --tables build/release/bench.json   # Markdown, for bench/README.md

Each line: the target, the figure measured, and met / MISSED. A target whose
benchmarks were filtered out of the run is skipped. The ratios to AFINN and
vader-sentiment, and the CLI's rate, come from scripts/compare.sh, not from here.
"""
import json
import sys

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    return {r["name"]: r for r in runs if r.get("run_type", "iteration") == "iteration"}


def rate(run):
    """bytes/s; reports from before it was a counter have bytes_per_second."""
    return run.get("bytes/s", run.get("bytes_per_second", 0.0))


def seconds(run, key="real_time"):
    return run[key] * UNIT[run["time_unit"]]


def main(path, memory=None):
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
        rates = {n: rate(b[n]) / 1e6 for n in longs}
        low = min(rates.values())
        target("long text >= 50 MB/s (slowest size)", low >= 50, f"{low:.1f} MB/s")
        spread = max(rates.values()) / low
        if len(rates) > 1:
            target("time per MB flat from 1 KB to 10 MB (max/min <= 1.3)", spread <= 1.3,
                   f"max/min {spread:.2f} over " + ", ".join(
                       f"{n.split('/')[1]}: {rates[n]:.1f}"
                       for n in sorted(longs, key=lambda n: int(n.split('/')[1]))))
    if have("BM_Latency1KB"):
        v = b["BM_Latency1KB"]["p99_us"]
        target("p99 latency of a 1 KB reply <= 50 us", v <= 50,
               f"p99 {v:.1f} us (p50 {b['BM_Latency1KB']['p50_us']:.1f} us)")
    cold = next((b[n] for n in b if n.startswith("BM_BuildAnalyzerCold")), None)
    if cold:
        target("default analyzer builds in <= 50 ms (first in a process)", seconds(cold) <= 0.05,
               f"{seconds(cold) * 1e3:.1f} ms")
        target("first analyzer <= 16 MB resident (right after building)", cold["MB_built"] <= 16,
               f"{cold['MB_built']:.1f} MB ({cold['MB_used']:.1f} MB after analyzing the corpus)")
    if memory:
        peak_kb, base_kb, size = memory
        per_byte = (peak_kb - base_kb) * 1024 / size
        target(f"peak memory <= 32 bytes per input byte ({size >> 20} MiB draft)", per_byte <= 32,
               f"{per_byte:.1f} bytes/byte (peak {peak_kb / 1024:.0f} MB, {base_kb / 1024:.0f} MB "
               "for \"hi\")")
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
            # Linear time: the largest input costs no more per MB than 1.5x the
            # next size down (quadratic work would cost 4x there). The smallest
            # size fits in the caches and is shown for comparison.
            growth = runs[-1][1] / runs[-2][1]
            target(f"{prefix}/{kind}: linear ({runs[-1][0] >> 10} KB within 1.5x of "
                   f"{runs[-2][0] >> 10} KB per MB)", growth <= 1.5,
                   " ".join(f"{size >> 10} KB: {v * 1e3:.0f} ms/MB" for size, v in runs))

    # Any kind of text costs at most 2x what ordinary support text of the
    # same size costs per MB (issue 12: shuffled words once cost 10x).
    for prefix in ("BM_Hostile", "BM_HostileCustomer"):
        for kind in kinds:
            if kind == "ordinary":
                continue
            ratios = []
            for n in b:
                if not n.startswith(f"{prefix}/{kind}/"):
                    continue
                size = int(n.split("/")[2])
                base = b.get(f"{prefix}/ordinary/{size}")
                if base and size >= 64 << 10:
                    ratios.append((size, b[n]["s_per_MB"] / base["s_per_MB"]))
            if ratios:
                ratios.sort()
                target(f"{prefix}/{kind}: within 2x of ordinary text per MB",
                       max(r for _, r in ratios) <= 2.0,
                       " ".join(f"{size >> 10} KB: {r:.2f}x" for size, r in ratios))

    width = max(len(r[0]) for r in rows) if rows else 0
    for what, measured, verdict in rows:
        print(f"{verdict:<7} {what:<{width}}  {measured}")


def tables(path):
    b = load(path)

    def us(run):
        return seconds(run) * 1e6

    def row(*cells):
        print("| " + " | ".join(str(c) for c in cells) + " |")

    def head(*cells):
        row(*cells)
        row(*["---"] * len(cells))

    sizes = (("0", "chat line"), ("1", "~1 KB email"), ("2", "~10 KB transcript"))
    print("\n**Per stage** (one core; CPU time per message)\n")
    head("stage", "chat line", "~1 KB email")
    for name, label in (("BM_DocumentAscii", "Document, ASCII fast path"),
                        ("BM_DocumentUnicode", "Document, Unicode path (ICU)"),
                        ("BM_PrefilterSet", "RE2::Set prefilter alone"),
                        ("BM_Match", "rule matching (prefilter included)"),
                        ("BM_Tone", "tone and escalation"), ("BM_Rewrite", "rewrite"),
                        ("BM_Json", "Report to JSON")):
        cells = []
        for size, _ in sizes[:2]:
            r = b.get(f"{name}/size:{size}")
            cells.append(f"{us(r):.2f} us ({r['messages/s']:,.0f}/s)" if r else "-")
        row(label, *cells)

    print("\n**End to end** (one core)\n")
    head("input", "C++ API msg/s", "MB/s", "C ABI msg/s", "MB/s", "C ABI + JSON msg/s")
    for size, label in sizes:
        cpp, c, j = (b.get(f"{n}/size:{size}") for n in
                     ("BM_Analyze", "BM_CApiAnalyze", "BM_CApiAnalyzeJson"))
        row(label, *(f"{r['messages/s']:,.0f}" if r else "-" for r in (cpp,)),
            f"{cpp['bytes/s'] / 2**20:.2f}" if cpp else "-",
            f"{c['messages/s']:,.0f}" if c else "-", f"{c['bytes/s'] / 2**20:.2f}" if c else "-",
            f"{j['messages/s']:,.0f}" if j else "-")

    longs = sorted((int(n.split("/")[1]), b[n]) for n in b if n.startswith("BM_AnalyzeLong/"))
    if longs:
        print("\n**One long text** (BM_AnalyzeLong, agent draft)\n")
        head("size", "MB/s", "ms per MB")
        for size, r in longs:
            mbs = rate(r) / 1e6
            row(f"{size >> 10} KB", f"{mbs:.2f}", f"{1e3 / mbs:.0f}")

    if "BM_Latency1KB" in b:
        r = b["BM_Latency1KB"]
        print(f"\n**Latency of a ~1 KB reply** (BM_Latency1KB): p50 {r['p50_us']:.0f} us, "
              f"p99 {r['p99_us']:.0f} us, max {r['max_us']:.0f} us\n")
    cold = next((b[n] for n in b if n.startswith("BM_BuildAnalyzerCold")), None)
    if cold and "BM_BuildAnalyzer" in b:
        print(f"**Building the default analyzer**: first in a process {seconds(cold) * 1e3:.0f} ms, "
              f"{cold['MB_built']:.1f} MB resident added, {cold['MB_used']:.1f} MB after analyzing "
              f"the corpus; each further analyzer {us(b['BM_BuildAnalyzer']):.0f} us and "
              f"{b['BM_BuildAnalyzer']['MB_per_analyzer']:.1f} MB (the compiled pack is shared)\n")

    if "BM_BuildRules/extra:0" in b:
        print("**Rule-count scaling** (generated house rules over the default pack)\n")
        head("extra rules", "rules", "build", "chat msg/s", "of default", "email msg/s", "of default")
        for extra in (0, 1000, 10000):
            build = b.get(f"BM_BuildRules/extra:{extra}")
            chat = b.get(f"BM_AnalyzeRules/extra:{extra}/size:0")
            email = b.get(f"BM_AnalyzeRules/extra:{extra}/size:1")
            base_c = b.get("BM_AnalyzeRules/extra:0/size:0")
            base_e = b.get("BM_AnalyzeRules/extra:0/size:1")
            row(f"{extra:,}", f"{build['rules']:,.0f}" if build else "-",
                f"{seconds(build) * 1e3:.1f} ms" if build else "-",
                f"{chat['messages/s']:,.0f}" if chat else "-",
                f"{chat['messages/s'] / base_c['messages/s']:.0%}" if chat and base_c else "-",
                f"{email['messages/s']:,.0f}" if email else "-",
                f"{email['messages/s'] / base_e['messages/s']:.0%}" if email and base_e else "-")

    one, two = b.get("BM_Batch/threads:1/real_time"), b.get("BM_Batch/threads:2/real_time")
    if one and two:
        print(f"\n**Batch** (analyze_batch over 4,096 chat lines, wall time): 1 thread "
              f"{one['messages/s']:,.0f} msg/s, 2 threads {two['messages/s']:,.0f} msg/s "
              f"({two['messages/s'] / one['messages/s']:.2f}x)\n")

    kinds = sorted({n.split("/")[1] for n in b if n.startswith("BM_Hostile/")})
    if kinds:
        sizes_h = sorted({int(n.split("/")[2]) for n in b if n.startswith("BM_Hostile/")})
        print("**Pathological input**, ms per MB (flat across a row = linear time)\n")
        head("input", *(f"agent {s >> 10} KB" for s in sizes_h),
             *(f"customer {s >> 10} KB" for s in sizes_h))
        for kind in kinds:
            cells = []
            for prefix in ("BM_Hostile", "BM_HostileCustomer"):
                for s in sizes_h:
                    r = b.get(f"{prefix}/{kind}/{s}")
                    cells.append(f"{r['s_per_MB'] * 1e3:.0f}" if r else "-")
            row(kind, *cells)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--tables":
        tables(args[1] if len(args) > 1 else "build/release/bench.json")
    elif args and args[0] == "--memory":
        memory = (int(args[1]), int(args[2]), int(args[3]))
        main(args[4] if len(args) > 4 else "build/release/bench.json", memory)
    else:
        main(args[0] if args else "build/release/bench.json")
