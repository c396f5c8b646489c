"""The evaluation corpora of the date reader, read from ``../shared/evaldata`` into one form.

Three parts, each scored on its own: TimeBank and AQUAINT (the two halves of TempEval-3's
TBAQ, TimeML) and MEANTIME (NewsReader's Wikinews corpus, its own token-based XML).  The
rules are developed on one TBAQ part and checked on the other and on MEANTIME, by document;
nothing of the data is copied into the project.

How MEANTIME is read (where its conventions differ from TimeML's is noted in
``benchmarks/timex.py``):
- Extents are token lists, not character spans; the text is the tokens joined back
  (``detokenize``), so a TIMEX3 ends on a token boundary ("May 07 , 2009" in the tokens is
  "May 07, 2009" in the text).
- The date line (sentence 1) is the creation time (``CREATION_TIME``); it is left out of
  the text, as TempEval-3 gives the DCT beside the TEXT, not in it.  Where the
  ``CREATION_TIME`` TIMEX3 is missing or its value is not an ISO date (``03-02-2009``), the
  creation time is read from the date line's own words ("September 01, 2007"), so that no
  article is read without one.
- TIMEX3 are annotated only in sentences 0 to 5 of each article (the title, the date line
  and about four body sentences); later sentences are unannotated, so only expressions in
  sentences 0 to 5 are scored (``GoldDoc.scored``).
- TIMEX3 with no tokens (intervals implied by ``beginPoint``/``endPoint``) are not read.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.timeml import Timex, read_timeml, timeml_files

PARTS = ("TimeBank", "AQUAINT", "MEANTIME")
# Sentences of a MEANTIME article that carry TIMEX3 annotation (title, date line, four body sentences).
MEANTIME_ANNOTATED = 5
_DATE_LINE = 1


def find_data(name: str) -> Path:
    """``shared/evaldata/<name>`` beside the checkout or an ancestor of it (a worktree sits deeper)."""
    here = Path(__file__).resolve()
    for p in here.parents[1:]:
        d = p / "shared" / "evaldata" / name
        if d.is_dir():
            return d
    return here.parents[2] / "shared" / "evaldata" / name


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: its part, id, text, creation date, TIMEX3 and the region annotation covers."""

    part: str
    id: str
    text: str
    dct: dt.date | None
    gold: tuple[Timex, ...]
    scored: tuple[int, int]

    def in_scope(self, start: int, end: int) -> bool:
        """Whether an expression lies where the gold annotation is exhaustive."""
        return self.scored[0] <= start and end <= self.scored[1]


def tbaq_docs(root: Path, part: str) -> list[GoldDoc]:
    """The documents of one TBAQ part (``TimeBank`` or ``AQUAINT``), sorted by file name."""
    out = []
    for f in sorted(timeml_files([root / part]), key=lambda p: p.name):
        doc = read_timeml(f)
        gold = tuple(t for t in doc.timexes if t.start is not None)
        out.append(GoldDoc(part, f.name, doc.text, doc.dct_date(), gold, (0, len(doc.text))))
    return out


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|'S|n't|'re|'ve|'ll|'d|'m|'|'')$")
_NO_SPACE_AFTER = re.compile(r"^(?:[(\[{$]|``)$")


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined back into text as written, with each token's character span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue = True
    quote_open = False
    for tok in tokens:
        closing_quote = tok == '"' and quote_open
        if parts and not glue and not _NO_SPACE_BEFORE.match(tok) and not closing_quote:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue = bool(_NO_SPACE_AFTER.match(tok)) or (tok == '"' and not quote_open)
        if tok == '"':
            quote_open = not quote_open
    return "".join(parts), spans


def meantime_docs(root: Path) -> list[GoldDoc]:
    """MEANTIME's articles without their date line, with the TIMEX3 of the annotated sentences."""
    out = []
    for f in sorted(root.glob("corpus_*/*.xml"), key=lambda p: p.name):
        xml = ET.parse(f).getroot()
        by_sentence: dict[int, list[ET.Element]] = {}
        for tok in xml.iter("token"):
            by_sentence.setdefault(int(tok.get("sentence", "0")), []).append(tok)
        text = date_line = ""
        at: dict[str, tuple[int, int]] = {}
        scored_end = 0
        for s in sorted(by_sentence):
            if s == _DATE_LINE:
                date_line = detokenize([t.text or "" for t in by_sentence[s]])[0]
                continue
            toks = by_sentence[s]
            line, spans = detokenize([t.text or "" for t in toks])
            if text:
                text += "\n\n" if s <= _DATE_LINE + 1 else " "
            for t, (a, b) in zip(toks, spans, strict=True):
                at[t.get("t_id", "")] = (len(text) + a, len(text) + b)
            text += line
            if s <= MEANTIME_ANNOTATED:
                scored_end = len(text)
        dct = None
        gold = []
        for x in xml.iter("TIMEX3"):
            ids = [a.get("t_id", "") for a in x.findall("token_anchor")]
            if x.get("functionInDocument") == "CREATION_TIME":
                m = re.match(r"\d{4}-\d\d-\d\d", x.get("value", ""))
                dct = dt.date.fromisoformat(m.group()) if m else None
                continue
            if not ids or any(i not in at for i in ids):
                continue
            start, end = min(at[i][0] for i in ids), max(at[i][1] for i in ids)
            gold.append(Timex(x.get("m_id", ""), start, end, text[start:end], x.get("type", ""), x.get("value", "")))
        gold.sort(key=lambda t: (t.start, t.end))
        out.append(GoldDoc("MEANTIME", f.stem, text, dct or _date_line_day(date_line), tuple(gold), (0, scored_end)))
    return out


def _date_line_day(line: str) -> dt.date | None:
    """The day a MEANTIME date line names ("September 01, 2007"), or None when it names none."""
    try:
        return dt.datetime.strptime(line.strip(), "%B %d, %Y").date()
    except ValueError:
        return None


def load_part(part: str) -> list[GoldDoc]:
    """One part's documents, or an empty list when its data is absent."""
    if part == "MEANTIME":
        root = find_data("meantime-dev")
        return meantime_docs(root) if root.is_dir() else []
    root = find_data("tbaq-cleaned")
    return tbaq_docs(root, part) if (root / part).is_dir() else []


_WORDS = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words of a text, punctuation dropped ("Feb. 27, 2025" -> feb, 27, 2025)."""
    return _WORDS.findall(text.lower())


def runs(text: str, n: int = 5) -> Iterator[tuple[str, ...]]:
    """Every run of ``n`` consecutive words of a text."""
    w = words(text)
    for i in range(len(w) - n + 1):
        yield tuple(w[i : i + n])
