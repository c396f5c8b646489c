"""The decision paths a check used are counted for its caller, never in state that outlives the check."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from factcheck.model import FactSet, FactSetFile
from factcheck.runtime.check import CheckOptions, check

AS_OF = dt.date(2026, 11, 22)


def _factset(n: int) -> FactSet:
    """``n`` components: each two events in order, one of them also dated (no year for every other one)."""
    events, facts = [], []
    for i in range(n):
        events += [{"id": f"a{i}", "label": f"a{i}"}, {"id": f"b{i}", "label": f"b{i}"}]
        facts.append({"id": f"o{i}", "kind": "order", "subject": f"a{i}", "relation": "before", "anchor": f"b{i}"})
        if i % 2:
            facts.append({"id": f"d{i}", "kind": "date", "subject": f"a{i}", "relation": "on", "value": "XXXX-03-01"})
    data: dict[str, Any] = {"version": 1, "documents": [], "events": events, "facts": facts}
    f = FactSetFile.model_validate(data)
    return FactSet(documents=f.documents, events=f.events, facts=f.facts)


def test_each_component_is_counted_once_whatever_the_workers() -> None:
    fs = _factset(6)
    serial: Counter[str] = Counter()
    parallel: Counter[str] = Counter()
    report = check(fs, CheckOptions(as_of=AS_OF, jobs=1), paths=serial)
    check(fs, CheckOptions(as_of=AS_OF, jobs=2), paths=parallel)
    assert serial == parallel
    assert sum(serial.values()) == report.stats["components"] == 6
    assert "none" not in serial


def test_a_check_counts_only_its_own_components() -> None:
    check(_factset(3), CheckOptions(as_of=AS_OF))  # counted nowhere
    paths: Counter[str] = Counter()
    check(_factset(2), CheckOptions(as_of=AS_OF), paths=paths)
    assert sum(paths.values()) == 2
