"""FC111 tlink-conflict: TimeML links (and, in metric mode, TIMEX3 values) that cannot all hold."""

from __future__ import annotations

from factcheck.diagnostics.base import Code, make
from factcheck.engine.tlinks import Link, LinkResult, Mode
from factcheck.model import Finding, FindingDetail, Severity, SourceQuote
from factcheck.timeml.read import FileText

CODE = Code(
    "FC111",
    "tlink-conflict",
    "contradiction",
    Severity.ERROR,
    "TimeML links that cannot all hold",
    "A minimal set of TLINKs (and, in metric mode, TIMEX3 calendar values) that no assignment of times satisfies.",
    "Read the linked events in the text; one of the links is an annotation error. The report proposes the "
    "cheapest links to drop.",
)


def render(f: Finding) -> str:
    """The message: the document, the mode, and each link (with its events' texts) or timex of the set."""
    described = []
    for s in f.sources:
        kind, _, ident = s.fact.partition(":")
        described.append(f"{ident} ({s.quote})" if kind == "link" else f'{ident} "{s.quote}" has its calendar value')
    return f"{f.subject} ({f.detail.mode} mode): these {len(f.facts)} cannot all hold: " + "; ".join(described)


def detect(
    doc: str,
    mode: Mode,
    conflict: tuple[str, ...],
    res: LinkResult,
    links: dict[str, Link],
    spans: dict[str, tuple[int, int, str]],
    located: FileText,
) -> Finding:
    """A minimal conflict as a finding; each source is where its TLINK (or TIMEX3) is written in the file."""
    sources = []
    for fid in conflict:
        kind, _, ident = fid.partition(":")
        if kind == "link":
            link = links[ident]
            a, b = spans.get(link.a), spans.get(link.b)
            quote = f"{a[2] if a else link.a} {link.rel} {b[2] if b else link.b}"
            at = located.tlinks.get(ident)
        else:
            sp = spans.get(ident)
            quote = sp[2] if sp else ident
            at = located.timexes.get(ident)
        sources.append(
            SourceQuote(doc=doc, start=at[0] if at else None, end=at[1] if at else None, quote=quote, fact=fid)
        )
    return make(
        CODE,
        FindingDetail(mode=mode),
        facts=conflict,
        sources=tuple(sources),
        retract=tuple(r for r in res.retract if r in conflict) or res.retract,
        subject=doc,
    )
