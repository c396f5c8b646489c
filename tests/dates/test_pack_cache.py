"""A pack read before is made from its validation kept in the user's cache, and is the pack validation gives."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.dates import pack
from factcheck.dates.pack import load_pack
from factcheck.errors import UserError
from factcheck.resources import shipped_rules_dir
from tests.dates.test_user_pack import USER_PACK

SHIPPED = shipped_rules_dir() / "en" / "dates.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the pack was parsed again instead of read from the cache")

    monkeypatch.setattr(pack, "parse_yaml", fail)


@pytest.mark.parametrize("source", ["shipped", "user"])
def test_a_cached_pack_is_the_validated_one(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    path = SHIPPED
    if source == "user":
        path = tmp_path / "mine.yaml"
        path.write_text(USER_PACK, encoding="utf-8")
    validated = load_pack(path)
    assert len(list(cache.glob("date-pack-*.table"))) == 1
    no_parsing(monkeypatch)
    cached = load_pack(path)
    assert cached == validated
    assert [r.examples for r in cached.rules] == [r.examples for r in validated.rules]


@pytest.mark.parametrize("name", ["Expected", "Example", "ContextVariant", "Rule", "TenseCues", "Pack"])
def test_a_record_has_its_models_fields_and_defaults(name: str) -> None:
    from factcheck.dates import pack_schema

    model = getattr(pack_schema, name)
    record = {f.name: f for f in dataclasses.fields(getattr(pack, name))}
    assert list(record) == list(model.model_fields)
    for field_name, info in model.model_fields.items():
        f = record[field_name]
        if info.is_required():
            assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, field_name
        else:
            made = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            assert made == info.get_default(call_default_factory=True), field_name


def test_a_cached_pack_is_read_without_pydantic(cache: Path) -> None:
    load_pack(SHIPPED)
    code = (
        "import sys\n"
        "from factcheck.dates.tagger import DateReader\n"
        "DateReader.load()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml')))\n"
    )
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache)}
    got = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert got.stdout.strip() == "[]"


def test_an_edited_pack_is_validated_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_PACK, encoding="utf-8")
    load_pack(path)
    path.write_text(USER_PACK.replace("ides: 15", "ides: 13"), encoding="utf-8")
    assert load_pack(path).tables["feast"] == {"ides": 13}
    assert len(list(cache.glob("date-pack-*.table"))) == 2


def test_a_corrupt_entry_is_validated_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_PACK, encoding="utf-8")
    validated = load_pack(path)
    entry = next(cache.glob("date-pack-*.table"))
    entry.write_text(entry.read_text(encoding="utf-8").replace('"ides"', '"odes"'), encoding="utf-8")
    assert load_pack(path) == validated
    assert pack._pack_from({"pack": "p", "rules": [{"no": "fields"}]}) is None  # checksum right, not a pack


def test_a_pack_with_problems_is_not_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(USER_PACK + "colour: red\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(UserError, match="colour"):
            load_pack(path)
    assert not list(cache.glob("date-pack-*.table"))


def test_a_pack_validated_by_other_models_is_validated_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_PACK, encoding="utf-8")
    load_pack(path)
    monkeypatch.setattr(pack.index_cache, "source_digest", lambda file: "edited models")
    assert load_pack(path).rules[0].id == "date-ides"
    assert len(list(cache.glob("date-pack-*.table"))) == 2  # a new entry: the old one was not read


def test_the_source_digest_of_a_module(tmp_path: Path) -> None:
    from factcheck.dates import index_cache

    module = tmp_path / "m.py"
    module.write_text("x = 1\n", encoding="utf-8")
    assert len(index_cache.source_digest(str(module))) == 64
    assert index_cache.source_digest(str(tmp_path / "missing.py")) == ""
