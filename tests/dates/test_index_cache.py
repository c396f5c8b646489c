"""The date reader's rule index is cached in the user's cache folder; rules compile on first use."""

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.dates import index_cache, programs, starts
from factcheck.dates.compile import RE_FLAGS
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

    monkeypatch.setattr(starts, "first_words", fail)
    monkeypatch.setattr(starts, "first_chars", fail)


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
        '    pattern: (?P<year>\\d{4})\\s+model\n    type: DATE\n    value: "{year}"\n'
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


def test_patterns_made_from_their_programs_are_those_re_compiles(cache: Path) -> None:
    import re

    reader = DateReader.load()
    sources = [(p, int(f & RE_FLAGS)) for p, f in reader._sources] + [(reader._trigger.pattern, 2)]
    for pattern, flags in sources:
        program = programs.re_program(pattern, flags)
        assert program is not None
        assert programs.from_program(pattern, program) == re.compile(pattern, flags)  # same program, flags, groups
    assert programs.from_program("a", programs.re_program("b", 0) or b"") != re.compile("a")
    assert programs.from_program("a", b"not a program") is None


def test_no_program_is_made_where_the_recipe_fails_its_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python whose compiler builds patterns otherwise gets no programs: every pattern is compiled."""
    real = programs._program
    monkeypatch.setattr(programs, "_program", lambda pattern, flags: real("x" + pattern, flags))
    programs._recipe_holds.cache_clear()
    try:
        assert programs.re_program(r"\d+ days", 0) is None
    finally:
        monkeypatch.undo()
        programs._recipe_holds.cache_clear()
    assert programs.re_program(r"\d+ days", 0) is not None


def test_the_programs_are_written_once_and_then_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = tags(DateReader.load())
    assert (cache / "date-programs.bin").is_file()

    def fail(*args: object) -> None:
        raise AssertionError("a pattern was compiled instead of made from its stored program")

    monkeypatch.setattr(programs, "re_program", fail)
    monkeypatch.setattr("factcheck.dates.tagger.re.compile", fail)
    reader = DateReader.load()
    assert tags(reader) == first
    assert sum(p is not None for p in reader._patterns) > 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-10] + bytes(10),  # the body changed: the checksum fails
        lambda raw: raw.replace(b"python 3", b"python 2", 1),  # written by another Python
        lambda raw: b"",
    ],
)
def test_corrupt_or_stale_programs_are_rebuilt(cache: Path, damage: object) -> None:
    expected = tags(DateReader.load())
    path = cache / "date-programs.bin"
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    assert tags(DateReader.load()) == expected
    assert path.read_bytes() == good  # rewritten as it was


def test_a_program_the_engine_refuses_is_compiled_instead(cache: Path) -> None:
    import marshal

    expected = tags(DateReader.load())
    known = index_cache.load_programs()
    refused = marshal.dumps((32, [1, 2, 3], 0, {}, (None,)))
    index_cache.store_programs({k: refused for k in known})  # well formed, checksum right
    assert index_cache.load_programs() == {k: refused for k in known}
    assert tags(DateReader.load()) == expected


def test_a_user_pack_shares_the_shipped_rules_programs(cache: Path) -> None:
    from tests.dates.test_user_pack import USER_PACK

    DateReader.load()
    (cache.parent / "mine.yaml").write_text(USER_PACK, encoding="utf-8")
    reader = DateReader.load([cache.parent / "mine.yaml"])
    assert [m.rule for m in reader.tag("Beware the Ides of March.", DCT)] == ["date-ides"]
    assert [p.name for p in cache.glob("date-programs*")] == ["date-programs.bin"]
    # The shipped rules' programs once (the pack's own rules have none), and the trigger: the
    # pack's rules start with words shipped rules start with, so it is the same.
    assert len(index_cache.load_programs()) == len(DateReader.load().rules) + 1


def test_the_programs_of_patterns_no_longer_asked_for_are_dropped_in_time(cache: Path) -> None:
    sources = [(rf"(?<!\w)w{i}a(?P<x>\d+)", 2) for i in range(10)]
    assert all(programs.programs(sources))
    for edit in range(1, 5):  # a pack edited again and again: its patterns change
        programs.programs([(p + "x" * edit, f) for p, f in sources])
    kept = index_cache.load_programs()
    assert len(kept) <= 2 * len(sources) + 16
    assert {index_cache.pattern_key(p + "xxxx", f) for p, f in sources} <= set(kept)
