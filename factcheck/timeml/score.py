"""TempEval-3 scoring of TIMEX3 extents and attributes (UzZaman et al. 2013).

Extents: strict (identical span) and relaxed (any overlap) precision, recall and F1,
micro-averaged over all documents.  Attributes (type, value): over relaxed matches,
P = correct / system TIMEX3s, R = correct / gold TIMEX3s, F1 their harmonic mean, so an
attribute's F1 is its accuracy on matches times the relaxed F1.  The creation time (DCT)
is not scored.  Each gold expression is matched to at most one system expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import Diagnostic, UserError
from factcheck.timeml.read import Timex, read_timeml, timeml_files


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts."""

    correct: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        """Correct over system."""
        return self.correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        """Correct over gold."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.system + self.gold
        return 2 * self.correct / total if total else 0.0


@dataclass
class DocErrors:
    """What one document got wrong, for error analysis."""

    doc: str
    missed: list[Timex] = field(default_factory=list)
    spurious: list[Timex] = field(default_factory=list)
    wrong_value: list[tuple[Timex, Timex]] = field(default_factory=list)


@dataclass
class Scores:
    """Corpus-level TIMEX3 scores, with per-document errors."""

    documents: int
    strict: PRF
    relaxed: PRF
    type: PRF
    value: PRF
    errors: list[DocErrors]

    def as_dict(self) -> dict[str, object]:
        """Plain data, rounded, for JSON output."""
        out: dict[str, object] = {"documents": self.documents}
        for name in ("strict", "relaxed", "type", "value"):
            s: PRF = getattr(self, name)
            out[name] = {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "correct": s.correct,
                "system": s.system,
                "gold": s.gold,
            }
        return out


def _in_text(timexes: list[Timex]) -> list[Timex]:
    return [t for t in timexes if t.start is not None and t.end is not None]


def score_pair(gold: list[Timex], system: list[Timex], doc: str = "") -> tuple[list[int], DocErrors]:
    """Counts [gold, system, strict, relaxed, type, value] for one document, and its errors."""
    g = sorted(_in_text(gold), key=lambda t: (t.start, t.end))
    s = sorted(_in_text(system), key=lambda t: (t.start, t.end))
    used: set[int] = set()
    strict = relaxed = typ = val = 0
    errors = DocErrors(doc)
    for gt in g:
        hit = None
        for i, st in enumerate(s):
            if i not in used and st.start < gt.end and gt.start < st.end:  # type: ignore[operator]
                hit = i
                break
        if hit is None:
            errors.missed.append(gt)
            continue
        used.add(hit)
        st = s[hit]
        relaxed += 1
        strict += (st.start, st.end) == (gt.start, gt.end)
        typ += st.type == gt.type
        if st.value == gt.value:
            val += 1
        else:
            errors.wrong_value.append((gt, st))
    errors.spurious = [st for i, st in enumerate(s) if i not in used]
    return [len(g), len(s), strict, relaxed, typ, val], errors


def score_dirs(gold_dir: Path, system_dir: Path) -> Scores:
    """Score every gold document against the system document of the same file name."""
    gold_files = timeml_files([gold_dir])
    if not gold_files:
        raise UserError(Diagnostic(str(gold_dir), 1, 1, "no .tml files"))
    by_name = {p.name: p for p in timeml_files([system_dir])}
    totals = [0] * 6
    errors = []
    for gf in gold_files:
        sf = by_name.get(gf.name)
        if sf is None:
            raise UserError(Diagnostic(str(system_dir), 1, 1, f"no system file for {gf.name}"))
        gold_doc, sys_doc = read_timeml(gf), read_timeml(sf)
        if gold_doc.text != sys_doc.text:
            raise UserError(Diagnostic(str(sf), 1, 1, f"TEXT differs from the gold {gf}"))
        counts, errs = score_pair(gold_doc.timexes, sys_doc.timexes, gold_doc.id)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        errors.append(errs)
    g, s, strict, relaxed, typ, val = totals
    return Scores(len(gold_files), PRF(strict, s, g), PRF(relaxed, s, g), PRF(typ, s, g), PRF(val, s, g), errors)
