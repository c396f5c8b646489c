"""TLINK consistency over TimeBank and AQUAINT (TBAQ), in links-only and metric modes.

    python benchmarks/timeml_audit.py [--data ../shared/evaldata/tbaq-cleaned]

Prints, per corpus and mode, the documents found inconsistent, the size distribution of
the minimal conflicts, the time per document and the total time.  Reads the data from
../shared (never copied into the project); exits with a message where it is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.diagnostics import render
from factcheck.timeml.audit import audit_timeml

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "evaldata" / "tbaq-cleaned"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=5, help="conflicts to print per corpus and mode")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"TBAQ data not found at {args.data}: this benchmark needs ../shared/evaldata/tbaq-cleaned/")
    t_all = time.perf_counter()
    for corpus in ("TimeBank", "AQUAINT"):
        t0 = time.perf_counter()
        audit = audit_timeml([args.data / corpus])
        secs = time.perf_counter() - t0
        docs = len(audit.results)
        links = sum(audit.links.values())
        per_doc = list(audit.seconds.values())
        print(
            f"== {corpus}: {docs} documents, {links} TLINKs, {secs:.1f} s "
            f"(per document: median {statistics.median(per_doc) * 1000:.0f} ms, max {max(per_doc) * 1000:.0f} ms)"
        )
        for mode in ("links", "metric"):
            res = [r[mode] for r in audit.results.values()]
            bad = [r for r in res if r.outcome.value == "unsat"]
            unknown = [r for r in res if r.outcome.value == "unknown"]
            sizes = Counter(len(c) for r in bad for c in r.conflicts)
            only_metric = sum(
                1
                for d, r in audit.results.items()
                if mode == "metric" and r["metric"].outcome.value == "unsat" and r["links"].outcome.value != "unsat"
            )
            links_in = sum(len({f for c in r.conflicts for f in c if f.startswith("link:")}) for r in bad)
            extra = f" ({only_metric} only through TIMEX3 values)" if mode == "metric" else ""
            print(
                f"  {mode:6}: {len(bad)} of {docs} documents inconsistent{extra}, {len(unknown)} inconclusive; "
                f"{sum(sizes.values())} minimal conflicts, {links_in} links in them; "
                f"conflict sizes {dict(sorted(sizes.items()))}"
            )
        assert audit.report is not None
        shown = 0
        for f in audit.report.findings:
            if f.kind == "contradiction" and shown < args.show:
                print("    " + render(f)[:300])
                shown += 1
    print(f"total: {time.perf_counter() - t_all:.1f} s")


if __name__ == "__main__":
    main()
