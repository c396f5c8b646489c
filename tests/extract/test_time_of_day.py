"""A time of day on a named day dates its event to that day; a bare time of day dates nothing."""

from factcheck.dates.tagger import DateReader
from factcheck.extract.timexes import _day_of
from tests.extract.helpers import READER


def _days(text: str) -> list[tuple[str, str, str]]:
    out = []
    for t in DateReader.load().tag(text):
        d = _day_of(t)
        out.append((t.text, d.type, d.symbolic))
    return out


def test_a_time_on_a_weekday_is_that_weekday() -> None:
    assert ("12:00 UTC Monday", "DATE", "XXXX-WXX-1") in _days("The firm filed for protection at 12:00 UTC Monday.")


def test_a_bare_time_of_day_stays_a_time() -> None:
    got = _days("The polls closed at 3 p.m. and the count began.")
    assert got and all(kind == "TIME" for _, kind, _ in got)


def test_a_verb_dated_by_a_time_on_a_weekday_is_an_event_of_that_day(tmp_path) -> None:
    art = tmp_path / "a.md"
    art.write_text(
        "---\npublished: 2031-03-05\n---\nHarlow Freight filed for bankruptcy at 09:30 GMT Monday in a Delaware court.\n",
        encoding="utf-8",
    )
    from factcheck.corpus.load import load_article

    ex = READER.read(load_article(art))
    dated = [f for f in ex.facts if f["by"] == "parse-dated-verb"]
    assert [f.get("value") for f in dated] == ["Monday"], ex.facts
