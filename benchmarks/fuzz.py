"""Fuzz the command line with mutated real inputs; print counts by target and outcome.

    python benchmarks/fuzz.py --cases 10000 --jobs 2 --case-timeout 30

Each case mutates a bundled article, real news (the TBAQ texts in ../shared/evaldata/ and
the benchmark's own articles; skipped, saying so, where TBAQ is absent), a user rule pack,
a fact set or a corpus manifest
(lines deleted, duplicated or swapped, characters flipped, garbage YAML, random Unicode,
huge numbers, impossible dates) and runs the matching command in-process.  The only
acceptable outcomes are exits 0, 1, 2 and 3; a traceback, exit 70 or another code is a
failure, and a case that runs over --case-timeout is a hang (its worker is killed and
replaced).  Every failure is printed with its seed so it can be replayed with --replay.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import queue
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.robustness.mutations import TARGETS, TBAQ, Seeds, load_seeds, mutate, run_case, seed_text  # noqa: E402

OUTCOMES = ("exit 0", "exit 1", "exit 2", "exit 3", "other", "crash", "hang")


def case(seed: int, seeds: Seeds) -> tuple[str, str, str]:
    """Run case number ``seed``: (target, outcome, detail)."""
    rng = random.Random(seed)
    targets = seeds.targets()
    target = targets[seed % len(targets)]
    text = mutate(seed_text(target, seeds, rng), rng)
    code, out = run_case(target, text, rng, seeds)
    if code == "crash":
        return target, "crash", out[-2000:]
    if code in (0, 1, 2, 3):
        return target, f"exit {code}", ""
    return target, "other", f"exit {code}: {out[-1000:]}"


def worker(tasks: mp.Queue, results: mp.Queue) -> None:
    seeds = load_seeds()
    while True:
        seed = tasks.get()
        if seed is None:
            return
        results.put(("start", seed, None))
        results.put(("done", seed, case(seed, seeds)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=mp.cpu_count())
    ap.add_argument("--case-timeout", type=float, default=30.0, help="seconds before a case counts as a hang")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--replay", type=int, help="run one seed in this process and print its output")
    args = ap.parse_args()
    if args.replay is not None:
        print(case(args.replay, load_seeds()))
        return 0
    if not TBAQ.is_dir():
        print(f"real news skipped: TBAQ texts not found at {TBAQ}", file=sys.stderr)
    targets = tuple(t for t in TARGETS if t != "news" or TBAQ.is_dir())

    ctx = mp.get_context("fork")
    tasks: mp.Queue = ctx.Queue()
    results: mp.Queue = ctx.Queue()
    for s in range(args.start, args.start + args.cases):
        tasks.put(s)
    procs = [ctx.Process(target=worker, args=(tasks, results)) for _ in range(args.jobs)]
    for p in procs:
        p.start()
    running: dict[int, float] = {}
    counts: Counter[tuple[str, str]] = Counter()
    failures: list[tuple[int, str, str, str]] = []
    done = 0
    t0 = time.time()
    while done < args.cases:
        try:
            kind, seed, payload = results.get(timeout=1.0)
        except queue.Empty:
            kind = ""
        if kind == "start":
            running[seed] = time.time()
        elif kind == "done":
            running.pop(seed, None)
            target, outcome, detail = payload
            counts[target, outcome] += 1
            done += 1
            if outcome in ("other", "crash"):
                failures.append((seed, target, outcome, detail))
                print(f"--- seed {seed} ({target}): {outcome}\n{detail.strip()[:1500]}", file=sys.stderr, flush=True)
            if done % 500 == 0:
                print(f"  {done}/{args.cases} cases, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
        now = time.time()
        for seed, started in list(running.items()):
            if now - started > args.case_timeout:
                running.pop(seed)
                target = targets[seed % len(targets)]
                counts[target, "hang"] += 1
                done += 1
                failures.append((seed, target, "hang", f"over {args.case_timeout:g}s"))
                print(f"--- seed {seed} ({target}): hang", file=sys.stderr, flush=True)
                procs = _replace_hung(procs, ctx, tasks, results, running)
        if not any(p.is_alive() for p in procs) and done < args.cases:
            procs = [ctx.Process(target=worker, args=(tasks, results)) for _ in range(args.jobs)]
            for p in procs:
                p.start()
    for _ in procs:
        tasks.put(None)
    elapsed = time.time() - t0
    print(
        f"factcheck fuzz: {args.cases} cases (seeds {args.start}..{args.start + args.cases - 1}), "
        f"{args.jobs} workers, {elapsed:.0f}s, case timeout {args.case_timeout:g}s"
    )
    print()
    head = f"{'target':<10}" + "".join(f"{o:>8}" for o in OUTCOMES) + f"{'total':>8}"
    print(head)
    print("-" * len(head))
    for t in targets:
        row = [counts[t, o] for o in OUTCOMES]
        print(f"{t:<10}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    tot = [sum(counts[t, o] for t in targets) for o in OUTCOMES]
    print(f"{'all':<10}" + "".join(f"{n:>8}" for n in tot) + f"{sum(tot):>8}")
    bad = sum(counts[t, o] for t in targets for o in ("other", "crash", "hang"))
    print()
    print(f"failures (other/crash/hang): {bad}")
    for seed, target, outcome, detail in failures[:30]:
        print(f"--- seed {seed} ({target}): {outcome}\n{detail.strip()[:1500]}")
    return 1 if bad else 0


def _replace_hung(procs: list, ctx, tasks, results, running: dict[int, float]) -> list:
    """Workers cannot say which seed they hold once hung; restart all, requeueing the seeds still running."""
    for p in procs:
        p.kill()
        p.join()
    for seed in list(running):
        tasks.put(seed)
        running.pop(seed)
    new = [ctx.Process(target=worker, args=(tasks, results)) for _ in range(len(procs))]
    for p in new:
        p.start()
    return new


if __name__ == "__main__":
    sys.exit(main())
