"""The date reader's rule index is cached in the user's cache folder; rules compile on first use."""

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.dates import compile as compile_mod
from factcheck.dates import index_cache
from factcheck.dates.tagger import DateReader

TEXT = "The talks resumed on Feb. 27, 2025, two days after the vote, and ended last Tuesday."
DCT = dt.date(2025, 3, 5)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


def tags(reader: DateReader) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.type, m.value) for m in reader.tag(TEXT, DCT)]


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the index was worked out again instead of read from the cache")

    monkeypatch.setattr(compile_mod, "first_words", fail)
    monkeypatch.setattr(compile_mod, "first_chars", fail)


def test_the_index_is_written_once_and_then_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tags(DateReader.load())
    files = list(cache.glob("date-index-*.json"))
    assert len(files) == 1
    no_parsing(monkeypatch)
    assert tags(DateReader.load()) == first
    assert first  # the text has dates: the comparison means something


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: "{not json",  # corrupt
        lambda d: json.dumps({**d, "index": d["index"][:-1]}),  # truncated
        lambda d: json.dumps({**d, "index": [[["zzz"], None], *d["index"][1:]]}),  # edited: checksum fails
        lambda d: json.dumps({**d, "key": "0" * 64}),  # written for other patterns
        lambda d: json.dumps([1, 2, 3]),  # another shape
    ],
)
def test_a_corrupt_or_stale_index_is_rebuilt(cache: Path, damage: object) -> None:
    expected = tags(DateReader.load())
    [path] = cache.glob("date-index-*.json")
    good = path.read_text(encoding="utf-8")
    path.write_text(damage(json.loads(good)), encoding="utf-8")  # type: ignore[operator]
    assert tags(DateReader.load()) == expected
    assert path.read_text(encoding="utf-8") == good  # rewritten as it was


def test_another_pack_has_its_own_entry(cache: Path, tmp_path: Path) -> None:
    DateReader.load()
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "pack: quoted\nrules:\n  - id: date-model-year\n    description: A year before 'model'.\n"
        "    pattern: (?P<year>\\d{4})\\s+model\n    type: DATE\n    value: \"{year}\"\n"
        "    examples:\n      - text: a 1989 model\n        expect: {text: 1989 model, value: '1989'}\n"
        "    negatives:\n      - a model\n",
        encoding="utf-8",
    )
    DateReader.load([pack])
    assert len(list(cache.glob("date-index-*.json"))) == 2


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert tags(DateReader.load())


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert index_cache.cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert index_cache.cache_dir() == tmp_path / "home" / ".cache" / "factcheck"


def test_only_the_rules_a_text_can_trigger_are_compiled(cache: Path) -> None:
    reader = DateReader.load()
    assert all(p is None for p in reader._patterns)  # the shipped rules: nothing compiled up front
    reader.tag("Nothing in this sentence says when.")
    few = sum(p is not None for p in reader._patterns)
    got = tags(reader)
    more = sum(p is not None for p in reader._patterns)
    assert few < more < len(reader.rules)
    everything = DateReader.load()
    for i in range(len(everything.rules)):
        everything._pattern(i)
    assert tags(everything) == got
