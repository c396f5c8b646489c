"""Audit real news nobody here wrote: every TBAQ document, its TEXT as the article, its DCT as published.

    python benchmarks/audit_real.py [--data ../shared/evaldata/tbaq-cleaned] [--limit N] [--show]

Each TimeBank/AQUAINT document is audited on its own (load, extract, check) with its
creation time from the DCT.  Prints the number of documents, facts, findings by kind and
code, the seconds per document (p50, p99, maximum, and the slowest documents), how many
components each decision path decided (Bellman-Ford, exact, z3), and (with --show) every
contradiction with its quotes, so that each can be judged: a real inconsistency of the
text, or a false alarm of the reader.  Targets: p99 under 1 s, maximum under 10 s.

The regression articles in benchmarks/articles/ (written for this benchmark: conditional
dates in a wire report, the kind that once took minutes) are audited too, each as written
(no publication date: every year-less date's year is open) and dated by front matter.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.auditing import ReaderPool, audit
from factcheck.diagnostics import render
from factcheck.timeml import read_timeml, timeml_files

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "evaldata" / "tbaq-cleaned"
ARTICLES = Path(__file__).resolve().parent / "articles"
REGRESSION_DATES = {"no-confidence-vote": dt.date(2005, 11, 25)}
"""The publication date of each regression article, for its dated variant."""
AS_OF = dt.date(2026, 11, 22)


def percentile(xs: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank rule (p99 of 256 values is the 254th smallest)."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-int(q * len(s) * 1000) // 1000) - 1))] if s else 0.0


def documents(files: list[Path]) -> list[tuple[str, str]]:
    """(name, text with front matter) of every TBAQ document and both variants of every regression article."""
    out = []
    for f in files:
        doc = read_timeml(f)
        dct = doc.dct_date()
        front = f"---\npublished: {dct.isoformat()}\n---\n" if dct else ""
        out.append((doc.id, front + doc.text))
    for art in sorted(ARTICLES.glob("*.txt")):
        text = art.read_text(encoding="utf-8")
        out.append((f"{art.stem} (undated)", text))
        if art.stem in REGRESSION_DATES:
            front = f"---\npublished: {REGRESSION_DATES[art.stem].isoformat()}\n---\n"
            out.append((f"{art.stem} (dated)", front + text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", action="store_true", help="Print every contradiction with its quotes.")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"TBAQ data not found at {args.data}")
    files = timeml_files([args.data])
    if args.limit:
        files = files[: args.limit]
    docs = documents(files)
    tally: collections.Counter[str] = collections.Counter()  # components per decision path, over all documents
    readers = ReaderPool()  # one reader for every document's audit, as one run over them all would build
    kinds: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    n_facts = 0
    contradictions = []
    times: list[tuple[float, str, str]] = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text) in enumerate(docs):
            path = Path(tmp) / f"{i:04d}.md"
            path.write_text(text, encoding="utf-8")
            t = time.perf_counter()
            result = audit([path], as_of=AS_OF, max_conflicts=3, readers=readers)
            r = result.report
            tally.update(result.info.paths)
            times.append((time.perf_counter() - t, name, r.status.value))
            n_facts += r.stats.get("facts", 0)
            for fd in r.findings:
                kinds[fd.kind] += 1
                codes[fd.code] += 1
                if fd.kind == "contradiction":
                    contradictions.append((name, fd))
    secs = time.perf_counter() - t0
    per = [t for t, _, _ in times]
    print(
        f"documents {len(docs)} ({len(files)} TBAQ, {len(docs) - len(files)} regression), facts {n_facts}, "
        f"seconds {secs:.1f} ({secs / max(1, len(docs)):.2f} per document)"
    )
    print(
        f"seconds per document: p50 {percentile(per, 0.5):.3f}, p99 {percentile(per, 0.99):.3f}, max {max(per):.3f} "
        f"(targets: p99 < 1, max < 10)"
    )
    print("slowest: " + ", ".join(f"{n} {t:.2f}s ({st})" for t, n, st in sorted(times, reverse=True)[:5]))
    for t, n, st in times:
        if "(" in n:
            print(f"regression case {n}: {t:.2f}s, {st}")
    total = sum(tally.values())
    print(
        f"components {total}, decided by: "
        + ", ".join(
            f"{p} {tally[p]} ({100 * tally[p] / max(1, total):.1f}%)" for p in ("bellman-ford", "exact", "z3", "none")
        )
    )
    print("findings by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("findings by code: " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    print(f"documents with a contradiction: {len({d for d, _ in contradictions})}")
    if args.show:
        for doc_id, fd in contradictions:
            print(f"\n{doc_id}: {render(fd)}")
            for s in fd.sources:
                print(f"    [{s.fact}] {s.quote!r}")


if __name__ == "__main__":
    main()
