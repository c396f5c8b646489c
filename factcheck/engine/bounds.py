"""Checks of the documents' own times against each other and the as-of time, before any solving.

A document published or retrieved after ``--as-of``, or published after its latest retrieval,
contradicts the frame every fact is solved in: no fact can be retracted to fix it, so it is
bad input (exit 2) rather than a contradiction among claims.
"""

from __future__ import annotations

import datetime as dt

from factcheck.errors import Diagnostic, UserError
from factcheck.model import FactSet


def check_document_times(fs: FactSet, as_of: dt.date) -> None:
    """Raise a UserError naming every document whose own times cannot hold."""
    diags: list[Diagnostic] = []
    for d in sorted(fs.documents, key=lambda d: d.id):
        # The article's path as given (a fact set's document paths are relative to the fact set file).
        where = fs.text_paths.get(d.id) or d.path or f"doc:{d.id}"
        problems = []
        for key in ("published", "retrieved"):
            earliest = getattr(d, key).earliest
            if earliest is not None and earliest > as_of:
                problems.append(f"{key} {earliest} is after the as-of time {as_of} (--as-of)")
        pub, ret = d.published.earliest, d.retrieved.latest
        if pub is not None and ret is not None and pub > ret:
            problems.append(f"published {pub} is after its latest retrieval {ret}")
        diags += [Diagnostic(where, 1, 1, f"document {d.id}: {p}") for p in problems]
    if diags:
        raise UserError(diags)
