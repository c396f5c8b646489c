"""Date-reader benchmark: TempEval-3 TIMEX3 scores and throughput on TBAQ, against dateparser.

    python benchmarks/timex.py [--data ../shared/evaldata/tbaq-cleaned] [--errors N]

Every gold document is stripped to the TempEval-3 system-input form (TEXT and DCT), tagged
by factcheck's date reader and, in the same run, by dateparser's ``search_dates`` with
``RELATIVE_BASE`` set to the DCT; both outputs are written as TimeML and scored with
``factcheck.timeml_score`` (strict and relaxed extent, type and value F1).  Throughput is
characters of TEXT per second of tagging on one core (reading and writing files excluded).
The data is read from ``../shared/``; nothing of it is copied into the project.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.dates.tagger import DateReader
from factcheck.timeml import read_timeml, timeml_files
from factcheck.timeml_score import Scores, score_dirs
from factcheck.timeml_write import NewTimex, read_raw, strip_to_input, write_tagged

# The first ``shared/evaldata`` beside the checkout or an ancestor of it (a worktree sits deeper).
DEFAULT_DATA = next(
    (d for p in Path(__file__).resolve().parents[2:] if (d := p / "shared" / "evaldata" / "tbaq-cleaned").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "evaldata" / "tbaq-cleaned",
)


def tag_factcheck(docs: list[tuple[str, str, dt.date | None]]) -> tuple[list[list[NewTimex]], float]:
    reader = DateReader.load()
    reader.tag("warm up on Feb. 27, 2025, a Tuesday", dt.date(2025, 4, 8))
    t0 = time.perf_counter()
    out = [[NewTimex(m.start, m.end, m.type, m.value, m.mod) for m in reader.tag(text, dct)] for _, text, dct in docs]
    return out, time.perf_counter() - t0


def tag_dateparser(docs: list[tuple[str, str, dt.date | None]]) -> tuple[list[list[NewTimex]], float]:
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    out = []
    t0 = time.perf_counter()
    for _, text, dct in docs:
        base = dt.datetime.combine(dct or dt.date(2000, 1, 1), dt.time())
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans: list[NewTimex] = []
        pos = 0
        for phrase, when in found:
            at = text.find(phrase, pos)
            if at < 0:
                continue
            spans.append(NewTimex(at, at + len(phrase), "DATE", when.date().isoformat()))
            pos = at + len(phrase)
        out.append(spans)
    return out, time.perf_counter() - t0


def score(name: str, gold: Path, inputs: Path, raws: dict[str, str], tagged: list[list[NewTimex]], names: list[str]) -> Scores:
    sys_dir = inputs.parent / name
    sys_dir.mkdir()
    for fname, spans in zip(names, tagged, strict=True):
        (sys_dir / fname).write_bytes(write_tagged(raws[fname], spans, fname).encode("utf-8"))
    return score_dirs(gold, sys_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", type=int, default=0, help="Print the N most frequent error classes of factcheck.")
    ap.add_argument("--no-baseline", action="store_true", help="Skip dateparser.")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"TBAQ data not found at {args.data} (see ../shared/evaldata/SOURCES.md)")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "input"
        inputs.mkdir()
        names, raws, docs = [], {}, []
        for f in timeml_files([args.data]):
            raw = strip_to_input(read_raw(f), str(f))
            (inputs / f.name).write_bytes(raw.encode("utf-8"))
            doc = read_timeml(inputs / f.name)
            names.append(f.name)
            raws[f.name] = raw
            docs.append((f.name, doc.text, doc.dct_date()))
        chars = sum(len(t) for _, t, _ in docs)
        rows = []
        fc, secs = tag_factcheck(docs)
        fc_scores = score("factcheck", args.data, inputs, raws, fc, names)
        rows.append(("factcheck", fc_scores, secs))
        if not args.no_baseline:
            dp, dsecs = tag_dateparser(docs)
            rows.append(("dateparser", score("dateparser", args.data, inputs, raws, dp, names), dsecs))
    print(f"TBAQ: {len(docs)} documents, {chars:,} characters of TEXT, {fc_scores.relaxed.gold} gold TIMEX3")
    print(f"{'system':11} {'strict F1':>9} {'relaxed P':>9} {'relaxed R':>9} {'relaxed F1':>10} {'type F1':>8}"
          f" {'value F1':>8} {'seconds':>8} {'MB/s':>7}")
    for name, s, t in rows:
        print(f"{name:11} {s.strict.f1:9.4f} {s.relaxed.precision:9.4f} {s.relaxed.recall:9.4f} {s.relaxed.f1:10.4f}"
              f" {s.type.f1:8.4f} {s.value.f1:8.4f} {t:8.2f} {chars / t / 1e6:7.3f}")
    print("targets: relaxed F1 >= 0.90, value F1 >= 0.82, >= 1 MB/s on one core")
    if args.errors:
        classes: collections.Counter[str] = collections.Counter()
        for e in fc_scores.errors:
            classes.update(f"missed {t.type} {t.text.lower()!r}" for t in e.missed)
            classes.update(f"spurious {t.text.lower()!r}" for t in e.spurious)
            classes.update(f"value of {t.text.lower()!r} ({g.value} vs {t.value})" for g, t in e.wrong_value)
        for what, n in classes.most_common(args.errors):
            print(f"{n:4d}  {what}")


if __name__ == "__main__":
    main()
