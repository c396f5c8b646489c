"""Audit real news nobody here wrote: every TBAQ document, its TEXT as the article, its DCT as published.

    python benchmarks/audit_real.py [--data ../shared/evaldata/tbaq-cleaned] [--limit N] [--show]

Each TimeBank/AQUAINT document is audited on its own (load, extract, check) with its
creation time from the DCT.  Prints the number of documents, facts, findings by kind and
code, the time taken, and (with --show) every contradiction with its quotes, so that each
can be judged: a real inconsistency of the text, or a false alarm of the reader.
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

from factcheck.auditing import audit
from factcheck.timeml import read_timeml, timeml_files

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "evaldata" / "tbaq-cleaned"
AS_OF = dt.date(2026, 11, 22)


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
    kinds: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    n_facts = 0
    contradictions = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            doc = read_timeml(f)
            dct = doc.dct_date()
            path = Path(tmp) / f"{doc.id}.md"
            front = f"---\npublished: {dct.isoformat()}\n---\n" if dct else ""
            path.write_text(front + doc.text, encoding="utf-8")
            r = audit([path], as_of=AS_OF, max_conflicts=3).report
            n_facts += r.stats.get("facts", 0)
            for fd in r.findings:
                kinds[fd.kind] += 1
                codes[fd.code] += 1
                if fd.kind == "contradiction":
                    contradictions.append((doc.id, fd))
    secs = time.perf_counter() - t0
    print(f"documents {len(files)}, facts {n_facts}, seconds {secs:.1f} ({secs / max(1, len(files)):.2f} per document)")
    print("findings by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("findings by code: " + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    print(f"documents with a contradiction: {len({d for d, _ in contradictions})}")
    if args.show:
        for doc_id, fd in contradictions:
            print(f"\n{doc_id}: {fd.message}")
            for s in fd.sources:
                print(f"    [{s.fact}] {s.quote!r}")


if __name__ == "__main__":
    main()
