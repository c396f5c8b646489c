"""Big-article benchmark: one huge synthetic wire-news file audited, time and peak RSS by size.

The article is the scale benchmark's wire stories (``scale_corpus``) written one after
another into a single file, up to each size.  For each size it prints the audit's wall
and CPU time, each also per MB (flat when time is in proportion to size), peak resident
memory, facts, documents (a long file's later windows are documents
of their own) and components, with its status; side by side, in the same run, the
baseline: the same audit by factcheck as it was at ``--baseline`` (a git revision, run
from a ``git archive`` of it: by default the commit before a long file's windows were
read, built and solved one at a time), for the sizes up to ``--baseline-max-mb``, since
the baseline does not finish in reasonable time on the large ones.  The target: peak RSS
under 500 MB at 20 MB; at the end, how much peak RSS and CPU time per MB grew from the
smallest size to the largest (both near zero when memory is bounded and time linear).

    python benchmarks/big_article.py                   # 1 MB and 20 MB (about 25 minutes on 2 cores)
    python benchmarks/big_article.py --sizes-mb 1,5    # a quicker run

Every measurement runs in a fresh process with ``--jobs 1``, so its peak RSS is the whole
run's.  The matching budget is raised (``--match-timeout 600``): the benchmark measures
time, it should not lose windows to a loaded machine.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_corpus import AS_OF, generate  # noqa: E402

WRAP = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], 'w')).returncode\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(rc, time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
)


# the summary line of the text and GitHub formats (factcheck.report.common.summary_line)
SUMMARY = re.compile(r"^(\w+): .*; (\d+) facts, \d+ events, (\d+) documents, (\d+) components \(as of", re.M)


def write_article(work: Path, size: int) -> tuple[Path, Path]:
    """A file of about ``size`` bytes of wire stories, alone in its folder, and the reader pack that knows its names."""
    parts = work / f"parts-{size}"
    folder = work / f"article-{size}"
    article = folder / "big.txt"
    if article.is_file():
        return article, work / f"parts-{size}-pack.yaml"
    shutil.rmtree(parts, ignore_errors=True)
    corpus = generate(parts, size // 250 + 10)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with article.open("w", encoding="utf-8") as fh:
        for p in sorted(parts.rglob("*.txt")):
            text = p.read_text(encoding="utf-8") + "\n\n"
            fh.write(text)
            written += len(text.encode("utf-8"))
            if written >= size:
                break
    shutil.rmtree(parts)
    return article, corpus.pack


def timed(cmd: list[str], out: Path) -> tuple[int, float, float, int]:
    """Exit code, wall seconds, CPU seconds and peak RSS (bytes) of one command run in a fresh process."""
    res = subprocess.run([sys.executable, "-c", WRAP, str(out), *cmd], capture_output=True, text=True, check=True)
    rc, seconds, cpu, kb = res.stdout.split()
    return int(rc), float(seconds), float(cpu), int(kb) * 1024


BASELINE = "import sys; sys.path.insert(0, sys.argv.pop(1)); from factcheck.cli import main; main()"
TARGET_MB = 500


def baseline_tree(rev: str, work: Path) -> Path:
    """The package, rules and facts of a git revision, unpacked under ``work``."""
    root = work / f"baseline-{rev}"
    if not (root / "factcheck").is_dir():
        repo = HERE.parent
        tar = subprocess.run(["git", "-C", str(repo), "archive", rev, "factcheck", "rules", "facts"],
                             capture_output=True, check=True).stdout  # fmt: skip
        import tarfile

        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
            tf.extractall(root, filter="data")
    return root


def audit(article: Path, pack: Path, out: Path, baseline: Path | None = None, extra: tuple[str, ...] = (),
          fmt: str = "json") -> dict[str, object]:  # fmt: skip
    """One audit of the article's folder, by this checkout's factcheck or by the one unpacked at ``baseline``.

    Status and counts are read from the JSON report, or from the summary line of the other formats.
    """
    # The package beside this script, not whichever one the ``factcheck`` script would import.
    exe = [sys.executable, "-c", BASELINE, str(baseline or HERE.parent)]
    cmd = [
        *exe,
        "audit",
        str(article.parent),
        "--as-of",
        AS_OF.isoformat(),
        "--no-background",
        "--extract-rules",
        str(pack),
        "--jobs",
        "1",
        "--match-timeout",
        "600",
        "--format",
        fmt,
        "--isolated",
        *extra,
    ]
    rc, seconds, cpu, rss = timed(cmd, out)
    text = out.read_text(encoding="utf-8") if out.stat().st_size else ""
    data = json.loads(text) if text and fmt == "json" else summary(text)
    stats = data.get("stats", {})
    return {"rc": rc, "seconds": seconds, "cpu": cpu, "rss": rss, "status": data.get("status", "-"),
            "facts": stats.get("facts"), "documents": stats.get("documents"),
            "components": stats.get("components")}  # fmt: skip


def summary(text: str) -> dict[str, Any]:
    """Status and counts from a text or GitHub report's summary line ({} if it has none)."""
    found = SUMMARY.findall(text)
    if not found:
        return {}
    status, facts, documents, components = found[-1]
    return {"status": status, "stats": {"facts": int(facts), "documents": int(documents),
                                        "components": int(components)}}  # fmt: skip


def row(label: str, mb: float, r: dict[str, object]) -> str:
    """One line of the table; seconds per MB (wall and CPU) show whether time grows in proportion to size."""
    rss = int(r["rss"]) / 2**20  # type: ignore[call-overload]
    wall, cpu = float(r["seconds"]), float(r["cpu"])  # type: ignore[arg-type]
    return (
        f"{label:<22} {mb:>6.1f} {wall:>9.1f} {wall / mb:>7.1f} {cpu:>9.1f} {cpu / mb:>7.1f} {rss:>9.0f} "
        f"{r['facts']!s:>8} {r['documents']!s:>6} {r['components']!s:>6}  {r['status']} (exit {r['rc']})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes-mb", default="1,20")
    ap.add_argument("--baseline-max-mb", type=float, default=1.0)
    ap.add_argument("--baseline", default="692e7b5", help="git revision to compare with [%(default)s]")
    ap.add_argument("--audit-args", default="", help="extra audit options for every run, e.g. '--max-conflicts 1'")
    ap.add_argument("--format", default="json", help="the report's format, for every run [%(default)s]")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="factcheck-big-"))
    work.mkdir(parents=True, exist_ok=True)
    out = work / f"out.{args.format}"
    base = baseline_tree(args.baseline, work)
    extra = tuple(args.audit_args.split())
    if extra:
        print(f"audit options added to every run: {' '.join(extra)}")
    print(
        f"{'run':<22} {'MB':>6} {'seconds':>9} {'s/MB':>7} {'CPU s':>9} {'CPU/MB':>7} {'peak MB':>9} "
        f"{'facts':>8} {'docs':>6} {'comps':>6}  status"
    )
    verdicts = []
    measured: list[tuple[float, dict[str, object]]] = []
    for mb in (float(s) for s in args.sizes_mb.split(",")):
        article, pack = write_article(work, int(mb * 2**20))
        size = article.stat().st_size / 2**20
        start = time.perf_counter()
        r = audit(article, pack, out, extra=extra, fmt=args.format)
        print(row("under test", size, r), flush=True)
        measured.append((size, r))
        if mb <= args.baseline_max_mb:
            r0 = audit(article, pack, out, base, extra, args.format)
            print(row(f"baseline {args.baseline}", size, r0), flush=True)
        print(f"  ({time.perf_counter() - start:.0f} s for this size)", flush=True)
        if mb >= 20:
            peak = int(r["rss"]) / 2**20  # type: ignore[call-overload]
            verdicts.append(f"{'PASS' if peak < TARGET_MB else 'FAIL'}  peak RSS under {TARGET_MB} MB for a "
                            f"{size:.1f} MB article ({peak:.0f} MB)")  # fmt: skip
    if len(measured) > 1:
        (mb0, r0), (mb1, r1) = measured[0], measured[-1]
        rss0, rss1 = int(r0["rss"]) / 2**20, int(r1["rss"]) / 2**20  # type: ignore[call-overload]
        cpu0, cpu1 = float(r0["cpu"]) / mb0, float(r1["cpu"]) / mb1  # type: ignore[arg-type]
        print(f"from {mb0:.1f} to {mb1:.1f} MB: peak RSS {(rss1 - rss0) / (mb1 - mb0):+.1f} MB per MB of article; "
              f"CPU {cpu0:.1f} -> {cpu1:.1f} s/MB")  # fmt: skip
    for v in verdicts:
        print(v)


if __name__ == "__main__":
    main()
