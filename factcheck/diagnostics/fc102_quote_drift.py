"""FC102 quote-drift: a fact's quote is not at the character span it names in its article."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, make, source
from factcheck.model import FactSet, Finding, FindingDetail, Severity

CODE = Code(
    "FC102",
    "quote-drift",
    "error",
    Severity.ERROR,
    "A fact's quote is not at its span",
    "The fact quotes text that is not found at the character span it names in its article.",
    "The article changed or the span is wrong: fix the span or the quote so the fact points at its evidence.",
)


def render(f: Finding) -> str:
    """The message: what the span reads instead, and where the quote is, if anywhere."""
    s = f.sources[0]
    if s.start is None or s.end is None:
        return f"fact {s.fact!r}: quote not found in {s.doc}"
    at = f.detail.at
    hint = (
        f"; the quote is at [{at}, {at + len(s.quote or '')}]"
        if at is not None
        else "; the quote is not in the article"
    )
    return f"fact {s.fact!r}: span [{s.start}, {s.end}] of {s.doc} reads {f.detail.quote!r}, not the quote{hint}"


def detect(fs: FactSet) -> list[Finding]:
    """A finding for every fact whose quote is not at its span in its article (or, without a span, not in it)."""
    out = []
    for f in fs.facts:
        if f.doc is None or f.quote is None or f.doc not in fs.texts:
            continue
        text = fs.texts[f.doc]
        if f.span is not None:
            found = text[f.span[0] : f.span[1]]
            if found == f.quote:
                continue
            where = text.find(f.quote)
            detail = FindingDetail(quote=found, at=where if where >= 0 else None)
        elif f.quote in text:
            continue
        else:
            detail = FindingDetail()
        out.append(make(CODE, detail, facts=(f.id,), sources=(source(f),)))
    return out
