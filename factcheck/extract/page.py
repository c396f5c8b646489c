"""The page around the story: boilerplate lines, the dates they show, and events embedded posts report.

Page lines (stamps, copyright, teasers, sidebars, prompts, embedded posts, images) are
classified by the pack's boilerplate rules; they are not the story, but a page stamp, a
teaser's or sidebar's date and an embedded post's date say when the page was made.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.dates.deadline import left as budget
from factcheck.dates.tagger import TimexMatch
from factcheck.extract.extraction import Extraction
from factcheck.extract.mentions import Mention
from factcheck.extract.produce import _State
from factcheck.extract.rules import CompiledPack
from factcheck.extract.timexes import _full_date

_WHOLE = re.compile(r".*")


class PageReader:
    """The article reader's part that reads the page around the story; it reads the pack."""

    pack: CompiledPack

    # ------------------------------------------------------------------ boilerplate
    def boilerplate(self, text: str, *, rest: bool = False) -> list[tuple[int, int, str, str, re.Match[str]]]:
        """Page lines that are not the story: (start, end, kind, rule id, match).

        ``rest``: the text continues a page whose story already ended (a sidebar began before it).
        """
        out = []
        pos = 0
        rest_from: int | None = 0 if rest else None
        for line in text.splitlines(keepends=True):
            start, end = pos, pos + len(line.rstrip("\r\n"))
            pos += len(line)
            body = text[start:end]
            if rest_from is not None:
                m_all = _WHOLE.match(body)
                if body.strip() and m_all is not None:
                    out.append((start, end, "sidebar", "bp-sidebar", m_all))
                continue
            for rule, rx in self.pack.boilerplate:
                m = rx.match(body, timeout=budget())
                if m:
                    out.append((start, end, rule.kind, rule.id, m))
                    if rule.rest:
                        rest_from = end
                    break
        return out

    def _page_facts(self, ex: Extraction, text: str, bp: list[Any], timexes: list[TimexMatch]) -> None:
        doc = ex.doc_id
        for start, end, kind, rule, m in bp:
            quote = text[start:end]
            base = {"doc": doc, "span": [start, end], "quote": quote, "by": rule}
            if kind == "page_stamp":
                amount = m.group("amount").lower()
                n = 1 if amount in ("a", "an", "one") else int(amount)
                ex.facts.append({"id": f"{doc}-{rule}-{start}", "kind": "page_stamp", "amount": n,
                                 "unit": m.group("unit").lower(), **base})  # fmt: skip
            elif kind in ("teaser", "sidebar", "embedded_post"):
                point = "published" if kind == "embedded_post" else "retrieved"
                for t in timexes:
                    if start <= t.start < end and t.type == "DATE" and _full_date(t.symbolic):
                        ex.facts.append({
                            "id": f"{doc}-{rule}-{t.start}", "kind": "date", "subject": f"doc:{doc}.{point}",
                            "relation": "not_before", "value": t.symbolic, "doc": doc, "span": [t.start, t.end],
                            "quote": t.text, "by": rule, "weight": 0.8,
                            "note": "The page shows this date, so it existed after it." if point == "retrieved"
                            else "An embedded post the article quotes bears this date.",
                        })  # fmt: skip

    def _post_events(self, st: _State, bp: list[Any], timexes: list[TimexMatch], mentions: list[Mention]) -> None:
        """An embedded post reporting an event as it happens ("delegation enters consulate for talks") dates it."""
        text = st.text
        for start, end, kind, rule, _ in bp:
            if kind != "embedded_post":
                continue
            dates = [t for t in timexes if start <= t.start < end and _full_date(t.symbolic)]
            if not dates:
                continue
            prev_end = text.rfind("\n", 0, start)
            prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
            for mn in mentions:
                if (prev_start <= mn.start < prev_end and self.pack.pack.events[mn.kind].located and not mn.earlier
                    and mn.asserted):  # fmt: skip
                    key = st.event_for(mn)
                    st.add(f"{rule}-event", (mn.start, mn.end), {"kind": "date", "subject": key,
                                                                 "value": dates[0].symbolic}, 0.6)  # fmt: skip


def _post_lines(text: str, bp: list[Any], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The line before each embedded post's date line, where no sentence of the story is: the post's text."""
    post_lines = []
    for start, _, kind, _, _ in bp:
        if kind == "embedded_post":
            pe = text.rfind("\n", 0, start)
            ps = text.rfind("\n", 0, max(0, pe)) + 1
            if pe > ps and not any(a <= ps < b for a, b in sentences):
                post_lines.append((ps, pe))
    return post_lines
