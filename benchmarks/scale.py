"""Scale benchmark: audit synthetic wire-news corpora of 1k, 10k and 100k articles.

Prints, for each size, articles per second, peak RSS and the recall and precision of
contradiction detection against the injected ground truth; then, on the 10k corpus,
``--jobs 1`` against ``--jobs 2``, Dask on a LocalCluster of 2 workers against the
process pool, and a re-audit after one article changes against a full audit.

    python benchmarks/scale.py                       # everything (about 15 minutes on 2 cores)
    python benchmarks/scale.py --sizes 1000,10000    # a quicker run

Each measurement runs in a fresh subprocess, so peak RSS is that run's own.  Corpora are
generated under ``--work`` (default: a temporary folder) and reused when present.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_corpus import AS_OF, Corpus, generate  # noqa: E402


def _truth(corpus: Corpus) -> dict[str, object]:
    return {"story_of_doc": corpus.story_of_doc, "injected": sorted(corpus.injected)}


def run_audit(folder: str, pack: str, mode: str, workers: int, cache: str | None, out: str) -> None:
    """One audit, in this (fresh) process; writes timing, peak RSS and the contradicting docs to ``out``."""
    from factcheck.auditing import audit
    from factcheck.runtime.executor import DaskExecutor, InProcess, ProcessPool

    if mode == "dask":
        executor = DaskExecutor(local_workers=workers)
        executor.map(lambda _s, x: x, None, [0])  # the cluster is up and warm before the clock starts
        list(executor.map(lambda _s, x: x, None, list(range(64))))
    else:
        executor = ProcessPool(workers) if workers > 1 else InProcess()
    me = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = me.ru_utime + me.ru_stime
    lines = out + ".jsonl"
    t0 = time.perf_counter()
    # The archive-scale form of the report: each story's line written as it is done
    # (``factcheck audit --format jsonl``), so no process holds the whole corpus's report.
    with open(lines, "w", encoding="utf-8") as sink:
        result = audit([folder], as_of=AS_OF, extract_pack=pack, executor=executor, cache_dir=cache, texts=False,
                       max_conflicts=2, sink=sink.write)  # fmt: skip
    seconds = time.perf_counter() - t0
    executor.close()
    # Peak RSS of this process, and of the largest worker (Dask's workers are not our children).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if mode != "dask" else 0
    digest = hashlib.sha256()
    flagged: set[str] = set()
    largest = 0
    with open(lines, "rb") as fh:
        for raw in fh:
            digest.update(raw)
            story = json.loads(raw)
            if "story" not in story:
                continue  # a file's note, or the summary
            largest = max(largest, len(story["documents"]))
            flagged |= {s["doc"] for f in story["findings"] if f["kind"] == "contradiction" for s in f["sources"]
                        if s.get("doc")}  # fmt: skip
    os.unlink(lines)
    docs = sorted(flagged)
    info = result.info
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out).write_text(json.dumps({
        "main_cpu": me.ru_utime + me.ru_stime - cpu0, "worker_cpu": kids.ru_utime + kids.ru_stime,
        "stage_seconds": info.seconds,
        "seconds": seconds, "rss_mb": rss / 1024, "worker_rss_mb": worker_rss / 1024, "docs": docs,
        "status": result.report.status.value,
        "articles": len(result.report.files.audited) if result.report.files else 0,
        "stories": info.stories, "stories_checked": info.stories_checked, "articles_read": info.articles_read,
        "largest_story": largest,
        "report_sha": digest.hexdigest()[:16],
    }), encoding="utf-8")  # fmt: skip


_RUNS: dict[tuple[str, str, int], dict[str, object]] = {}


def measure(corpus: Corpus, mode: str, workers: int, cache: Path | None = None) -> dict[str, object]:
    """Run one audit in a subprocess and return its figures (runs without a cache are done once per corpus)."""
    memo = (str(corpus.folder), mode, workers)
    if cache is None and memo in _RUNS:
        return _RUNS[memo]
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    cmd = [sys.executable, __file__, "--child", str(corpus.folder), str(corpus.pack), mode, str(workers),
           str(cache) if cache else "", out]  # fmt: skip
    subprocess.run(cmd, check=True)
    data: dict[str, object] = json.loads(Path(out).read_text(encoding="utf-8"))
    os.unlink(out)
    if cache is None:
        _RUNS[memo] = data
    return data


def score(corpus: Corpus, docs: list[str]) -> tuple[float, float]:
    """Recall and precision of the stories flagged (a contradiction citing one of their articles)."""
    flagged = {corpus.story_of_doc[d] for d in docs if d in corpus.story_of_doc}
    hit = len(flagged & corpus.injected)
    recall = hit / len(corpus.injected) if corpus.injected else 1.0
    precision = hit / len(flagged) if flagged else 1.0
    return recall, precision


def corpus_of(work: Path, n: int) -> Corpus:
    """The corpus of ``n`` articles under ``work`` (generated once; the truth is kept beside it)."""
    folder = work / f"corpus-{n}"
    truth = work / f"corpus-{n}.truth.json"
    if truth.is_file() and folder.is_dir():
        t = json.loads(truth.read_text(encoding="utf-8"))
        c = Corpus(folder, work / f"corpus-{n}-pack.yaml", len(t["story_of_doc"]), t["story_of_doc"],
                   set(t["injected"]))  # fmt: skip
        return c
    shutil.rmtree(folder, ignore_errors=True)
    c = generate(folder, n)
    truth.write_text(json.dumps(_truth(c)), encoding="utf-8")
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--compare-size", type=int, default=10000, help="corpus for jobs, Dask and re-audit runs")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / "factcheck-scale"
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"{'articles':>9} {'stories':>8} {'injected':>8} {'jobs':>4} {'seconds':>8} {'art/s':>7} {'ms/art':>7} "
          f"{'peak MB':>8} {'worker':>6} {'recall':>6} {'prec':>6}")  # fmt: skip
    per_article = {}
    peaks: dict[int, dict[str, object]] = {}
    for n in sizes:
        c = corpus_of(work, n)
        r = measure(c, "pool", 2)
        rec, prec = score(c, r["docs"])  # type: ignore[arg-type]
        secs = float(r["seconds"])  # type: ignore[arg-type]
        per_article[n] = secs / c.articles
        peaks[n] = r
        row = [f"{c.articles:>9}", f"{r['stories']:>8}", f"{len(c.injected):>8}", f"{2:>4}", f"{secs:>8.1f}",
               f"{c.articles / secs:>7.0f}", f"{1000 * secs / c.articles:>7.2f}", f"{float(r['rss_mb']):>8.0f}",  # type: ignore[arg-type]
               f"{float(r['worker_rss_mb']):>6.0f}", f"{rec:>6.3f}", f"{prec:>6.3f}"]  # type: ignore[arg-type]  # fmt: skip
        print(" ".join(row), flush=True)
        st = r["stage_seconds"]
        print(f"{'':>9} stages: read {st['read']:.1f} s, stories {st['stories']:.1f} s, merge {st['merge']:.1f} s; "  # type: ignore[index]
              f"CPU per article: workers {1000 * float(r['worker_cpu']) / c.articles:.2f} ms, "  # type: ignore[arg-type]
              f"main {1000 * float(r['main_cpu']) / c.articles:.2f} ms", flush=True)  # type: ignore[arg-type]  # fmt: skip
        if rec < 0.95 or prec < 0.95:
            print(f"target: recall and precision >= 0.95 at {n}: FAIL")
    lo, hi = min(per_article), max(per_article)
    ratio = per_article[hi] / per_article[lo]
    print(f"target: cost per article at {hi} within 1.5x of {lo}: {ratio:.2f}x -> {'PASS' if ratio <= 1.5 else 'FAIL'}")
    # Memory is bounded by the largest story, not by the corpus: the peaks stay flat while
    # the corpus grows a hundredfold (the largest story is the same size in every corpus).
    for who, field in (("main process", "rss_mb"), ("largest worker", "worker_rss_mb")):
        small, large = float(peaks[lo][field]), float(peaks[hi][field])
        grow = large / small
        print(
            f"target: {who}'s peak RSS at {hi} within 1.5x of {lo} (largest story {peaks[hi]['largest_story']} "
            f"articles): {small:.0f} -> {large:.0f} MB, {grow:.2f}x -> {'PASS' if grow <= 1.5 else 'FAIL'}"
        )

    c = corpus_of(work, args.compare_size)
    one = measure(c, "pool", 1)
    two = measure(c, "pool", 2)
    speed = float(one["seconds"]) / float(two["seconds"])  # type: ignore[arg-type]
    same = "same report" if one["report_sha"] == two["report_sha"] else "REPORTS DIFFER"
    print(f"\n{c.articles} articles: --jobs 1 {float(one['seconds']):.1f} s, --jobs 2 {float(two['seconds']):.1f} s "  # type: ignore[arg-type]
          f"({same})")  # fmt: skip
    print(f"target: --jobs 2 at least 1.7x as fast as --jobs 1: {speed:.2f}x -> {'PASS' if speed >= 1.7 else 'FAIL'}")
    if not args.no_dask:
        dask = measure(c, "dask", 2)
        rel = float(dask["seconds"]) / float(two["seconds"])  # type: ignore[arg-type]
        same = "same report" if dask["report_sha"] == two["report_sha"] else "REPORTS DIFFER"
        print(f"Dask LocalCluster 2 workers {float(dask['seconds']):.1f} s against the pool's "  # type: ignore[arg-type]
              f"{float(two['seconds']):.1f} s ({same})")  # type: ignore[arg-type]  # fmt: skip
        print(f"target: Dask within 20% of the process pool: {rel:.2f}x -> {'PASS' if rel <= 1.2 else 'FAIL'}")

    cache = work / f"cache-{c.articles}"
    shutil.rmtree(cache, ignore_errors=True)
    full = measure(c, "pool", 2, cache)
    victim = sorted(c.folder.rglob("*.txt"))[len(c.story_of_doc) // 2]
    original = victim.read_text(encoding="utf-8")
    try:
        edited = original.replace("lasted several hours", "lasted into the night")
        victim.write_text(edited + "\nMore talks are planned.\n", encoding="utf-8")
        again = measure(c, "pool", 2, cache)
    finally:
        victim.write_text(original, encoding="utf-8")
    share = float(again["seconds"]) / float(full["seconds"])  # type: ignore[arg-type]
    print(f"\nre-audit of {c.articles} articles after one changed: {float(again['seconds']):.2f} s against a full "  # type: ignore[arg-type]
          f"audit's {float(full['seconds']):.1f} s ({again['articles_read']} article read, "  # type: ignore[arg-type]
          f"{again['stories_checked']} of {again['stories']} stories checked)")  # fmt: skip
    print(f"target: re-audit under 5% of a full audit: {100 * share:.1f}% -> {'PASS' if share < 0.05 else 'FAIL'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, folder, pack, mode, workers, cache, out = sys.argv
        run_audit(folder, pack, mode, int(workers), cache or None, out)
    else:
        main()
