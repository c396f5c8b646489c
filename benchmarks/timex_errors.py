"""Error analysis of the date reader on one development part: errors grouped by rule and class.

    python benchmarks/timex_errors.py --part TimeBank|AQUAINT [--rule ID] [--cls CLASS] [--show N]

The rules are developed on one part of TBAQ and checked on the others (see
``benchmarks/timex.py``): this script shows the errors of the part named with ``--part``
only, so what a change is fitted to is never the part it is reported on.  ``--part MEANTIME``
lists the errors of a held-out part so that their classes can be learnt; a fix for a class
is then written as a general rule and checked on TimeBank and on the rule author's own
sentences, never fitted to the listed ones.  Each document is
tagged against its creation time and compared with ``factcheck.timeml.score.score_pair``
(the same matching as the benchmark).  Every error is put in a class (spurious, missed, a
year off, a weekday a week off, granularity, an underspecified or ``*_REF`` gold value, ...)
and counted per rule, so the largest classes show where a general fix pays most.  The
scores of every part are printed too, to check that a change helps on the held-out parts.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck.dates.tagger import DateReader
from factcheck.timeml import Timex
from factcheck.timeml.score import score_pair

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
    if (
        len(gold) != len(sys_value)
        or gold[4:5] != sys_value[4:5]
        or re.sub(r"\d", "", gold) != re.sub(r"\d", "", sys_value)
    ):
        return "granularity"
    if gold[:4] != sys_value[:4]:
        return "year-off"
    return "other"


def main() -> None:
    from timex_corpora import PARTS, load_part

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--part",
        required=True,
        choices=("TimeBank", "AQUAINT", "MEANTIME"),
        help="The development part (MEANTIME: held out, listed for its error classes only).",
    )
    ap.add_argument("--rule", help="Only errors of this rule (use '-' for missed expressions).")
    ap.add_argument("--cls", help="Only errors of this class.")
    ap.add_argument("--show", type=int, default=3, help="Examples shown per (rule, class) group.")
    ap.add_argument("--top", type=int, default=40, help="Groups shown.")
    args = ap.parse_args()
    reader = DateReader.load()
    totals = {p: [0] * 6 for p in PARTS}
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    by_class: collections.Counter[str] = collections.Counter()
    for part in PARTS:
        docs = load_part(part)
        if not docs:
            sys.exit(f"evaluation data not found for {part} (see ../shared/evaldata/SOURCES.md)")
        for doc in docs:
            matches = [m for m in reader.tag(doc.text, doc.dct) if doc.in_scope(m.start, m.end)]
            system = [Timex(f"s{k}", m.start, m.end, m.text, m.type, m.value, m.mod) for k, m in enumerate(matches)]
            counts, errs = score_pair(list(doc.gold), system, doc.id)
            totals[part] = [a + b for a, b in zip(totals[part], counts, strict=True)]
            if part != args.part:
                continue
            rule_at = {(m.start, m.end): m.rule for m in matches}
            dct = doc.dct.isoformat() if doc.dct else "?"

            def ctx(t: Timex, text: str = doc.text) -> str:
                assert t.start is not None and t.end is not None
                s = text[max(0, t.start - 60) : t.start] + "[" + text[t.start : t.end] + "]" + text[t.end : t.end + 40]
                return " ".join(s.split())

            for t in errs.spurious:
                groups[(rule_at.get((t.start, t.end), "?"), "spurious")].append(f"{doc.id} {dct}: {t.value} | {ctx(t)}")
            for t in errs.missed:
                groups[("-", f"missed {t.type}")].append(f"{doc.id} {dct}: {t.value} | {ctx(t)}")
            for g, t in errs.wrong_value:
                line = f"{doc.id} {dct}: gold {g.value} sys {t.value} | {ctx(g)}"
                groups[(rule_at.get((t.start, t.end), "?"), value_class(g.value, t.value))].append(line)
            for g in doc.gold:
                for t in system:
                    assert t.start is not None and t.end is not None and g.start is not None and g.end is not None
                    if t.start < g.end and g.start < t.end and (t.start, t.end) != (g.start, g.end):
                        line = f"{doc.id}: gold {g.text!r} sys {t.text!r} | {ctx(g)}"
                        groups[(rule_at.get((t.start, t.end), "?"), "extent")].append(line)
                        break
    for (_rule, cls), lines in groups.items():
        by_class[cls] += len(lines)
    for part, c in totals.items():
        g, s, strict, relaxed, _typ, val = c
        f1 = 2 * val / (g + s) if g + s else 0.0
        rf1 = 2 * relaxed / (g + s) if g + s else 0.0
        sf1 = 2 * strict / (g + s) if g + s else 0.0
        role = "development" if part == args.part and part != "MEANTIME" else "held out"
        print(
            f"{part:9} {role:11} gold {g:4d} system {s:4d} strict F1 {sf1:.4f} relaxed F1 {rf1:.4f} value F1 {f1:.4f}"
        )
    print(f"classes ({args.part}):", ", ".join(f"{k} {v}" for k, v in by_class.most_common()))
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
