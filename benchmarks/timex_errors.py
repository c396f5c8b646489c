"""Error analysis of the date reader on TBAQ: value mismatches grouped by rule and error class.

    python benchmarks/timex_errors.py [--data ../shared/evaldata/tbaq-cleaned] [--rule ID] [--show N]

Each gold document is read, its TEXT tagged against its creation time, and the two sets of
TIMEX3 compared with ``factcheck.timeml_score.score_pair`` (the same matching as the
benchmark, in memory).  Every error is put in a class (spurious, missed, a year off, a
weekday a week off, granularity, an underspecified or ``*_REF`` gold value, ...) and
counted per rule, so the largest classes show where a general fix pays most.  Scores are
also given for two halves of the documents (sorted ids, even and odd positions), to check
that a change helps on both rather than fitting some documents.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.dates.tagger import DateReader
from factcheck.timeml import Timex, read_timeml, timeml_files
from factcheck.timeml_score import score_pair

# The first ``shared/evaldata`` beside the checkout or an ancestor of it (a worktree sits deeper).
DEFAULT_DATA = next(
    (d for p in Path(__file__).resolve().parents[2:] if (d := p / "shared" / "evaldata" / "tbaq-cleaned").is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "evaldata" / "tbaq-cleaned",
)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def value_class(gold: str, sys_value: str) -> str:
    """A coarse name for how a system value differs from the gold one."""
    if gold.endswith("_REF") or sys_value.endswith("_REF"):
        return "ref"
    if gold.startswith("P") != sys_value.startswith("P"):
        return "date-vs-duration"
    if gold.startswith("P"):
        return "duration"
    if "X" in gold and "X" not in sys_value:
        return "gold-underspecified"
    if "X" in sys_value and "X" not in gold:
        return "sys-underspecified"
    if re.sub(r"W0(\d)\b", r"W\1", gold) == re.sub(r"W0(\d)\b", r"W\1", sys_value):
        return "week-padding"
    if _DAY.match(gold) and _DAY.match(sys_value):
        if gold[:4] != sys_value[:4] and gold[4:] == sys_value[4:]:
            return "year-off"
        import datetime as dt

        days = abs((dt.date.fromisoformat(gold) - dt.date.fromisoformat(sys_value)).days)
        return "weekday-week-off" if days == 7 else "day-off"
    if len(gold) != len(sys_value) or gold[4:5] != sys_value[4:5] or re.sub(r"\d", "", gold) != re.sub(
        r"\d", "", sys_value
    ):
        return "granularity"
    if gold[:4] != sys_value[:4]:
        return "year-off"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--rule", help="Only errors of this rule (use '-' for missed expressions).")
    ap.add_argument("--cls", help="Only errors of this class.")
    ap.add_argument("--show", type=int, default=3, help="Examples shown per (rule, class) group.")
    ap.add_argument("--top", type=int, default=40, help="Groups shown.")
    args = ap.parse_args()
    if not args.data.is_dir():
        sys.exit(f"TBAQ data not found at {args.data} (see ../shared/evaldata/SOURCES.md)")
    reader = DateReader.load()
    files = sorted(timeml_files([args.data]), key=lambda p: p.name)
    halves = [[0] * 6, [0] * 6]
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    by_class: collections.Counter[str] = collections.Counter()
    for i, f in enumerate(files):
        doc = read_timeml(f)
        matches = reader.tag(doc.text, doc.dct_date())
        rule_at = {(m.start, m.end): m.rule for m in matches}
        system = [Timex(f"s{k}", m.start, m.end, m.text, m.type, m.value, m.mod) for k, m in enumerate(matches)]
        counts, errs = score_pair(doc.timexes, system, doc.id)
        halves[i % 2] = [a + b for a, b in zip(halves[i % 2], counts, strict=True)]
        dct = doc.dct.value if doc.dct else "?"

        def ctx(t: Timex, text: str = doc.text) -> str:
            assert t.start is not None and t.end is not None
            s = text[max(0, t.start - 60) : t.start] + "[" + text[t.start : t.end] + "]" + text[t.end : t.end + 40]
            return " ".join(s.split())

        for t in errs.spurious:
            groups[(rule_at.get((t.start, t.end), "?"), "spurious")].append(f"{doc.id} {dct}: {t.value} | {ctx(t)}")
        for t in errs.missed:
            groups[("-", f"missed {t.type}")].append(f"{doc.id} {dct}: {t.value} | {ctx(t)}")
        for g, t in errs.wrong_value:
            cls = value_class(g.value, t.value)
            line = f"{doc.id} {dct}: gold {g.value} sys {t.value} | {ctx(g)}"
            groups[(rule_at.get((t.start, t.end), "?"), cls)].append(line)
    for (_rule, cls), lines in groups.items():
        by_class[cls] += len(lines)
    for name, c in (("even", halves[0]), ("odd", halves[1]), ("all", [a + b for a, b in zip(*halves, strict=True)])):
        g, s, _strict, relaxed, _typ, val = c
        f1 = 2 * val / (g + s) if g + s else 0.0
        rf1 = 2 * relaxed / (g + s) if g + s else 0.0
        print(f"{name:4} gold {g:4d} system {s:4d} relaxed F1 {rf1:.4f} value F1 {f1:.4f}")
    print("classes:", ", ".join(f"{k} {v}" for k, v in by_class.most_common()))
    shown = [
        (k, v)
        for k, v in groups.items()
        if (args.rule is None or k[0] == args.rule) and (args.cls is None or k[1].startswith(args.cls))
    ]
    shown.sort(key=lambda kv: -len(kv[1]))
    for (rule, cls), lines in shown[: args.top]:
        print(f"\n{len(lines):4d}  {rule}  {cls}")
        for line in lines[: args.show]:
            print("      " + line)


if __name__ == "__main__":
    main()
