from pathlib import Path

from factcheck.cache import Cache
from factcheck.runtime.check import CheckOptions, check
from tests.engine.helpers import AS_OF, factset

DATA = {
    "events": [{"id": "a", "label": "a"}, {"id": "b", "label": "b"}, {"id": "c", "label": "c"}],
    "facts": [
        {"id": "1", "kind": "date", "subject": "a", "value": "2025-01-01"},
        {"id": "2", "kind": "order", "subject": "b", "relation": "after", "anchor": "a", "days": 2},
        {"id": "3", "kind": "date", "subject": "b", "value": "2025-01-02"},
        {"id": "4", "kind": "date", "subject": "c", "value": "XXXX-03-01"},
    ],
}


def test_second_run_solves_nothing_and_reports_the_same(tmp_path: Path) -> None:
    opts = CheckOptions(as_of=AS_OF)
    first_cache = Cache(tmp_path)
    first = check(factset(DATA), opts, cache=first_cache)
    first_cache.close()
    assert first_cache.misses == 2 and first_cache.hits == 0
    cache = Cache(tmp_path)
    second = check(factset(DATA), opts, cache=cache)
    assert cache.hits == 2 and cache.misses == 0
    assert first.model_dump_json() == second.model_dump_json()


def test_a_changed_fact_resolves_only_its_component(tmp_path: Path) -> None:
    opts = CheckOptions(as_of=AS_OF)
    c = Cache(tmp_path)
    check(factset(DATA), opts, cache=c)
    c.close()
    changed = {
        **DATA,
        "facts": [*DATA["facts"][:3], {"id": "4", "kind": "date", "subject": "c", "value": "XXXX-03-02"}],
    }
    c = Cache(tmp_path)
    report = check(factset(changed), opts, cache=c)
    assert (c.hits, c.misses) == (1, 1)
    assert report.model_dump_json() == check(factset(changed), opts).model_dump_json()


def test_corrupt_cache_is_rebuilt_and_never_changes_a_result(tmp_path: Path) -> None:
    opts = CheckOptions(as_of=AS_OF)
    c = Cache(tmp_path)
    good = check(factset(DATA), opts, cache=c)
    c.close()
    (tmp_path / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    c = Cache(tmp_path)
    assert c.rebuilt
    assert check(factset(DATA), opts, cache=c).model_dump_json() == good.model_dump_json()


def test_tampered_entry_fails_its_checksum(tmp_path: Path) -> None:
    import sqlite3

    opts = CheckOptions(as_of=AS_OF)
    c = Cache(tmp_path)
    good = check(factset(DATA), opts, cache=c)
    c.close()
    db = sqlite3.connect(tmp_path / "cache.sqlite")
    db.execute("UPDATE entries SET value = replace(value, 'unsat', 'sat')")
    db.commit()
    db.close()
    c = Cache(tmp_path)
    assert check(factset(DATA), opts, cache=c).model_dump_json() == good.model_dump_json()
    assert (c.hits, c.misses) == (1, 1)  # the untouched entry still serves
