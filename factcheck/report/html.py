"""A self-contained HTML page: the inferred timeline as SVG, then the findings with their quotes.

Each event is a bar over its feasible range (a point when its date is exact), documents sit
on their own rows by creation time, and rows a contradiction involves carry the class
``conflict`` with the clashing quotes in their tooltip; a click shows the findings below.
Long empty stretches of time are cut out of the axis (drawn as a break).  No external
resources: CSS, script and SVG are inline.  Every string from a fact set or an article
goes through ``html.escape``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from factcheck.diagnostics import render
from factcheck.facts.ids import fact_refs
from factcheck.model import FactSet, Finding, Report, SourceQuote
from factcheck.report.common import summary_line
from factcheck.report.locate import Location, locate_also, locate_finding

LABEL_W = 380
LABEL_GAP = 6
"""Room between the label column and the first bar."""
AXIS_W = 1000
PAD = 8
MIN_W = 28
BREAK_W = 22
ROW_H = 20
TOP = 40
MERGE_DAYS = 60

_CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:16px 24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}
.summary{margin:0 0 6px;color:#59636e}
.status-contradiction{color:#cf222e}.status-consistent{color:#1a7f37}.status-inconclusive{color:#9a6700}
svg{display:block;max-width:100%;height:auto}
svg text{font-size:12px;fill:#1f2328}
.axis line{stroke:#d1d9e0}.axis text{fill:#59636e;font-size:11px}
.break{fill:#f6f8fa;stroke:#d1d9e0;stroke-dasharray:3 3}
.row{cursor:pointer}.row:hover .bg{fill:#f6f8fa}
.bg{fill:transparent}
.bar{fill:#0969da;opacity:.75}
.point{fill:#0969da}
.doc .bar,.doc .point{fill:#8250df}
.gap .bar{fill:#bf8700}.gap .point{fill:#bf8700}
.conflict .bar,.conflict .point{fill:#cf222e;opacity:1}
.conflict .label{fill:#cf222e;font-weight:600}
.open{opacity:.35}
.section text{font-weight:600;fill:#59636e}
.legend{display:flex;gap:16px;flex-wrap:wrap;margin:4px 0 8px;color:#59636e;font-size:12px}
.legend span::before{content:"";display:inline-block;width:14px;height:8px;margin-right:4px;border-radius:2px}
.legend .l-event::before{background:#0969da}.legend .l-doc::before{background:#8250df}
.legend .l-gap::before{background:#bf8700}.legend .l-conflict::before{background:#cf222e}
.finding{border:1px solid #d1d9e0;border-left:4px solid #bf8700;border-radius:6px;padding:8px 12px;margin:8px 0}
.finding.conflict,.finding.error{border-left-color:#cf222e}
.finding.inconclusive{border-left-color:#9a6700}
.finding.active{box-shadow:0 0 0 3px #0969da55}
.finding h3{font-size:14px;margin:0 0 4px}
.code{font-family:ui-monospace,monospace}
blockquote{margin:4px 0 4px 12px;padding-left:8px;border-left:2px solid #d1d9e0;white-space:pre-wrap}
.where{font-family:ui-monospace,monospace;font-size:12px;color:#59636e}
"""

_JS = """
document.querySelectorAll('[data-findings]').forEach(function (row) {
  row.addEventListener('click', function () {
    document.querySelectorAll('.finding.active').forEach(function (s) { s.classList.remove('active'); });
    var ids = row.getAttribute('data-findings').split(' ');
    ids.forEach(function (id) { var s = document.getElementById(id); if (s) { s.classList.add('active'); } });
    var first = document.getElementById(ids[0]);
    if (first) { first.scrollIntoView({block: 'center'}); }
  });
});
"""


@dataclass
class _Row:
    ident: str
    label: str
    earliest: int | None
    latest: int | None
    doc: bool = False
    classes: set[str] = field(default_factory=set)
    findings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _day(d: dt.date | None) -> int | None:
    return None if d is None else d.toordinal()


def _date(n: int) -> str:
    return dt.date.fromordinal(n).isoformat()


def _range_text(a: int | None, b: int | None) -> str:
    if a is not None and a == b:
        return _date(a)
    return f"{'…' if a is None else _date(a)}..{'…' if b is None else _date(b)}"


class _Scale:
    """Days to x, with the empty stretches between clusters of dates cut out."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1] + MERGE_DAYS:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.clusters = [(a, b) for a, b in merged]
        n = len(self.clusters)
        total_days = sum(b - a for a, b in self.clusters)
        room = AXIS_W - (n - 1) * BREAK_W - n * (2 * PAD + MIN_W)
        k = room / total_days if total_days else 0.0
        extra = 0.0 if total_days else room / max(n, 1)
        self.boxes: list[tuple[float, float]] = []  # x0 and inner width per cluster
        x = float(LABEL_W)
        for a, b in self.clusters:
            inner = MIN_W + extra + (b - a) * k
            self.boxes.append((x, inner))
            x += 2 * PAD + inner + BREAK_W

    def x(self, day: int) -> float:
        """The x of a day; days between clusters fall into the break."""
        for (a, b), (x0, inner) in zip(self.clusters, self.boxes, strict=True):
            if day <= b:
                if day < a:
                    return x0 - BREAK_W / 2
                return x0 + PAD + (inner * (day - a) / (b - a) if b > a else inner / 2)
        x0, inner = self.boxes[-1]
        return x0 + 2 * PAD + inner

    def ticks(self) -> list[tuple[float, str]]:
        """Tick positions and labels: each cluster's ends and the months or years between."""
        out: list[tuple[float, str]] = []
        last = -1e9
        for (a, b), (_x0, inner) in zip(self.clusters, self.boxes, strict=True):
            cands = [(a, _date(a))]
            da = dt.date.fromordinal(a)
            per_month = inner / max((b - a) / 30.4, 1)
            step = 1 if per_month >= 70 else 3 if per_month * 3 >= 70 else 12 if per_month * 12 >= 70 else 0
            if step and b - a > 45:
                m = dt.date(da.year, da.month, 1)
                while m.toordinal() <= b:
                    if m.toordinal() > a and (m.month - 1) % step == 0:
                        cands.append((m.toordinal(), str(m.year) if step == 12 else m.strftime("%Y-%m")))
                    m = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
            if b != a:
                cands.append((b, _date(b)))
            for day, text in cands:
                xx = self.x(day)
                if xx - last >= 76:
                    out.append((xx, text))
                    last = xx
        return out

    @property
    def right(self) -> float:
        """The right end of the axis."""
        x0, inner = self.boxes[-1]
        return x0 + 2 * PAD + inner


def _rows(report: Report, fs: FactSet | None) -> tuple[list[_Row], list[_Row], dict[int, str]]:
    events = [
        _Row(e.id, e.label + (" (implied)" if e.implicit else ""), _day(e.earliest), _day(e.latest))
        for e in report.events
    ]
    docs = [
        _Row(
            d.id,
            d.name or f"doc {d.id}",
            _day(d.published.earliest),
            _day(d.published.latest),
            doc=True,
        )
        for d in report.documents
    ]
    by_key = {("e", r.ident): r for r in events} | {("d", r.ident): r for r in docs}
    refs_of: dict[str, list[tuple[str, str]]] = {}
    if fs is not None:
        for fact in fs.facts:
            refs_of[fact.id] = [("d" if r.doc else "e", r.id) for r in fact_refs(fact)]
    anchors: dict[int, str] = {}
    for i, f in enumerate(report.findings):
        anchor = f"finding-{i + 1}"
        anchors[i] = anchor
        keys: set[tuple[str, str]] = set()
        if f.subject:
            keys.add(("d", f.subject[4:]) if f.subject.startswith("doc:") else ("e", f.subject.split(".")[0]))
        if f.kind in ("contradiction", "error"):
            for fid in f.facts:
                keys.update(refs_of.get(fid, []))
        for key in sorted(keys):
            row = by_key.get(key)
            if row is None:
                continue
            row.findings.append(anchor)
            row.classes.add("conflict" if f.kind == "contradiction" else "gap" if f.kind == "gap" else f.kind)
            if f.kind == "contradiction":
                quotes = [f'"{" ".join(s.quote.split())}" ({s.fact})' for s in f.sources if s.quote]
                row.notes.append(f"{f.code} {f.name}: " + ("; ".join(quotes) or render(f)))
            else:
                row.notes.append(f"{f.code} {f.name}: {render(f)}")
    events.sort(key=lambda r: (_sort_day(r), r.latest if r.latest is not None else 10**9, r.ident))
    docs.sort(key=lambda r: (_sort_day(r), r.latest if r.latest is not None else 10**9, r.ident))
    return events, docs, anchors


def _sort_day(r: _Row) -> int:
    if r.earliest is not None:
        return r.earliest
    return r.latest if r.latest is not None else 10**9


def _row_svg(r: _Row, y: int, scale: _Scale) -> str:
    cls = " ".join(["row", "doc" if r.doc else "event", *sorted(r.classes)])
    tip = [f"{r.label} [{r.ident}]", _range_text(r.earliest, r.latest), *r.notes]
    data = f' data-findings="{escape(" ".join(r.findings))}"' if r.findings else ""
    parts = [f'<g class="{cls}" id="row-{escape("d-" if r.doc else "e-")}{escape(r.ident)}"{data}>']
    parts.append(f"<title>{escape(chr(10).join(tip))}</title>")
    parts.append(f'<rect class="bg" x="0" y="{y}" width="{scale.right + 10:.1f}" height="{ROW_H}"/>')
    label = r.label if len(r.label) <= 50 else r.label[:49] + "…"
    # clipped at the label column, so a long name never runs under the bars (the tooltip has it whole)
    parts.append(f'<text class="label" x="4" y="{y + 14}" clip-path="url(#label-column)">{escape(label)}</text>')
    mid = y + ROW_H / 2
    if r.earliest is None and r.latest is None:
        w = scale.right - LABEL_W
        parts.append(f'<rect class="bar open" x="{LABEL_W}" y="{mid - 4}" width="{w:.1f}" height="8" rx="2"/>')
    elif r.earliest is not None and r.earliest == r.latest:
        parts.append(f'<circle class="point" cx="{scale.x(r.earliest):.1f}" cy="{mid}" r="5"/>')
    else:
        x0 = scale.x(r.earliest) if r.earliest is not None else float(LABEL_W)
        x1 = scale.x(r.latest) if r.latest is not None else scale.right
        if r.earliest is None:
            parts.append(f'<rect class="bar open" x="{x0:.1f}" y="{mid - 4}" width="{x1 - x0:.1f}" height="8"/>')
            parts.append(f'<circle class="point" cx="{x1:.1f}" cy="{mid}" r="3"/>')
        elif r.latest is None:
            parts.append(f'<rect class="bar open" x="{x0:.1f}" y="{mid - 4}" width="{x1 - x0:.1f}" height="8"/>')
            parts.append(f'<circle class="point" cx="{x0:.1f}" cy="{mid}" r="3"/>')
        else:
            w = max(x1 - x0, 4.0)
            parts.append(f'<rect class="bar" x="{x0:.1f}" y="{mid - 5}" width="{w:.1f}" height="10" rx="3"/>')
    parts.append("</g>")
    return "".join(parts)


def _timeline_svg(events: list[_Row], docs: list[_Row]) -> str:
    spans: list[tuple[int, int]] = []
    for r in events + docs:
        a = r.earliest if r.earliest is not None else r.latest
        b = r.latest if r.latest is not None else r.earliest
        if a is not None and b is not None:
            spans.append((a, b))
    if not spans:
        return '<p class="empty">No dated events or documents.</p>'
    scale = _Scale(spans)
    n_rows = len(events) + len(docs) + 2
    height = TOP + n_rows * ROW_H + 8
    width = scale.right + 40
    out = [
        f'<svg class="timeline" role="img" aria-label="Inferred timeline" width="{width:.0f}" height="{height}"'
        f' viewBox="0 0 {width:.0f} {height}">'
    ]
    out.append(
        f'<defs><clipPath id="label-column"><rect x="0" y="0" width="{LABEL_W - LABEL_GAP}"'
        f' height="{height}"/></clipPath></defs>'
    )
    out.append('<g class="axis">')
    for (_a, _b), (x0, inner) in zip(scale.clusters, scale.boxes, strict=True):
        x1 = x0 + 2 * PAD + inner
        if x1 < scale.right - 1:
            out.append(
                f'<rect class="break" x="{x1 + 3:.1f}" y="{TOP - 6}" width="{BREAK_W - 6}" height="{height - TOP}"/>'
            )
    for x, text in scale.ticks():
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 4}"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP - 14}" text-anchor="middle">{escape(text)}</text>')
    out.append("</g>")
    y = TOP
    out.append(f'<g class="section"><text x="4" y="{y + 14}">Events</text></g>')
    y += ROW_H
    for r in events:
        out.append(_row_svg(r, y, scale))
        y += ROW_H
    out.append(f'<g class="section"><text x="4" y="{y + 14}">Documents (creation time)</text></g>')
    y += ROW_H
    for r in docs:
        out.append(_row_svg(r, y, scale))
        y += ROW_H
    out.append("</svg>")
    return "\n".join(out)


def _quotes_html(sources: Sequence[SourceQuote], locs: Mapping[str, Location]) -> list[str]:
    """Each quote under the place it is read from (``file:line:col`` where located, else its document)."""
    out = []
    for s in sources:
        loc = locs.get(s.fact)
        where = f"{loc.path}:{loc.start_line}:{loc.start_col}" if loc else (s.doc or "")
        out.append(
            f'<div class="where">{escape(where)} ({escape(s.fact)})</div>'
            + (f'<blockquote title="{escape(s.fact)}">{escape(s.quote)}</blockquote>' if s.quote else "")
        )
    return out


def _finding_html(f: Finding, anchor: str, fs: FactSet | None, cwd: Path | None) -> str:
    cls = " ".join(["finding", f.kind, f.severity.value] + (["conflict"] if f.kind == "contradiction" else []))
    out = [f'<section class="{escape(cls)}" id="{escape(anchor)}">']
    out.append(
        f'<h3><span class="code">{escape(f.severity.value)}[{escape(f.code)}]</span> {escape(f.name)}</h3>'
        f"<p>{escape(render(f))}</p>"
    )
    out += _quotes_html(f.sources, {loc.fact: loc for loc in locate_finding(f, fs, cwd) if loc.fact})
    if f.also:
        out.append(f'<details class="also" open><summary>Also: {len(f.also)} other mentions read the same</summary>')
        out += _quotes_html(f.also, {loc.fact: loc for loc in locate_also(f, fs, cwd) if loc.fact})
        out.append("</details>")
    if f.retract:
        out.append(f"<p>Cheapest retraction: {escape(', '.join(f.retract))}</p>")
    out.append("</section>")
    return "\n".join(out)


def render_html(report: Report, fs: FactSet | None = None, *, cwd: Path | None = None) -> str:
    """The report as one self-contained HTML page; byte-identical for equal input."""
    events, docs, anchors = _rows(report, fs)
    status = report.status.value
    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>factcheck: {escape(status)} (as of {report.as_of})</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>factcheck timeline</h1>",
        f'<p class="summary status-{escape(status)}">{escape(summary_line(report))}</p>',
        *(f'<p class="note"><strong>note</strong>: {escape(n)}</p>' for n in report.notes),
        '<div class="legend"><span class="l-event">event (range or exact date)</span>'
        '<span class="l-doc">document creation time</span><span class="l-gap">gap</span>'
        '<span class="l-conflict">contradiction</span><span>faded: open-ended</span></div>',
        _timeline_svg(events, docs),
        f"<h2>Findings ({len(report.findings)})</h2>",
    ]
    if not report.findings:
        body.append("<p>No findings.</p>")
    body += [_finding_html(f, anchors[i], fs, cwd) for i, f in enumerate(report.findings)]
    body += [f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(body) + "\n"
