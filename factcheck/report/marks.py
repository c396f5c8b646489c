"""What an underline covers: the time expressions inside a fact's quote and the trigger at its other end.

The article reader quotes a fact from its trigger to its time expression ("negotiations …
began in Istanbul on Monday afternoon", "Monday's talks"); underlining all of it hides the
words the fact rests on.  The text report underlines only those: each time expression the
shipped date reader finds in the quote and, for a fact the reader made about an event, the
word at an end of the quote that no time expression takes (its trigger; a curated fact's
quote is written by hand, so only its time expressions are marked).  A quote with no time
expression in it (a trigger alone, a hand-written quote) is underlined whole.  The quote
itself, and every format's region, stay whole.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from factcheck.facts.ids import fact_refs
from factcheck.model import Fact, FactSet, SourceQuote

if TYPE_CHECKING:
    from factcheck.dates.tagger import DateReader

_WORD = re.compile(r"\w[\w’'\-]*")


@cache
def _reader() -> DateReader:
    from factcheck.dates.tagger import DateReader

    return DateReader.load()


class Marker:
    """Finds the marks of a fact set's quotes (built once per report)."""

    def __init__(self, fs: FactSet | None) -> None:
        self.facts: dict[str, Fact] = {f.id: f for f in fs.facts} if fs else {}

    def marks(self, src: SourceQuote) -> list[tuple[int, int]]:
        """Article offsets of the quote's time expressions and trigger, merged and sorted; [] to underline it all."""
        if src.quote is None or src.start is None:
            return []
        quote = src.quote
        found = [(a, b) for a, b, _, _ in _reader().spans(quote)]
        if not found:
            return []
        fact = self.facts.get(src.fact)
        # The reader quotes from trigger to time expression; a hand-written quote has no such shape.
        about_event = fact is not None and fact.by != "curated" and any(not r.doc for r in fact_refs(fact))
        words = [m.span() for m in _WORD.finditer(quote)]
        if about_event and words:
            if not any(a <= words[0][0] < b for a, b in found):
                found.append(words[0])
            if not any(a < words[-1][1] <= b for a, b in found):
                found.append(words[-1])
        merged: list[tuple[int, int]] = []
        for a, b in sorted(found):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return [(src.start + a, src.start + b) for a, b in merged]
