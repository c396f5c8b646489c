"""Defects a user trips on: output modes, error paths, manifest entries, rule ids, rule counts, reader packs."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.extract.rules import ExtractPack, load_extract_pack
from tests.report.conftest import factcheck_cmd
from tests.robustness.mutations import USER_PACK

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted((ROOT / "corpus" / "istanbul-2025").glob("*.txt"))[4]
AS_OF = "2026-11-22"


def run(*args: str):
    return CliRunner().invoke(cli, [*args])


@pytest.fixture
def umask():
    def set_mask(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_mask
    os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_output_files_get_the_mode_the_umask_gives(tmp_path: Path, umask, mask: int) -> None:
    umask(mask)
    report, facts, audited = tmp_path / "report.txt", tmp_path / "facts.yaml", tmp_path / "audit.json"
    assert run("check", str(ROOT / "facts"), "--as-of", AS_OF, "-o", str(report)).exit_code in (0, 1)
    assert run("extract", str(GOOD), "--out", str(facts)).exit_code == 0
    r = run("audit", str(GOOD), "--as-of", AS_OF, "--no-background", "--format", "json", "--output", str(audited))
    assert r.exit_code in (0, 1), r.stderr
    for p in (report, facts, audited):
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask, p


def _bad_article(folder: Path) -> Path:
    folder.mkdir(parents=True)
    art = folder / "a1.md"
    art.write_text("---\npublished: 2027-01-01\n---\nThe talks took place on Feb. 27, 2025 in Istanbul.\n",
                   encoding="utf-8")  # fmt: skip
    return art


def test_an_error_in_an_article_names_its_absolute_path_as_given(tmp_path: Path) -> None:
    art = _bad_article(tmp_path / "x")
    for given in (art, art.parent):
        r = run("audit", str(given), "--as-of", AS_OF, "--no-background")
        assert r.exit_code == 2
        assert f"error: {art}:1:1: document a1: published 2027-01-01 is after the as-of time" in r.stderr
        assert str(art).startswith("/")


def test_an_error_in_an_article_names_a_relative_path_as_typed(tmp_path: Path) -> None:
    _bad_article(tmp_path / "tmp" / "x")
    cmd = [*factcheck_cmd(), "audit", "--as-of", AS_OF, "--no-background"]
    for given in ("tmp/x/a1.md", "tmp/x"):
        r = subprocess.run([*cmd, given], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
        assert r.returncode == 2, r.stderr
        assert r.stderr.startswith("error: tmp/x/a1.md:1:1: document a1: published 2027-01-01"), r.stderr


def test_a_fact_set_error_names_the_article_as_the_fact_set_points_to_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks on Monday.\n", encoding="utf-8")
    (tmp_path / "f.yaml").write_text("version: 1\ndocuments:\n  - {path: a.txt, published: 2027-01-01}\n",
                                     encoding="utf-8")  # fmt: skip
    r = run("check", str(tmp_path / "f.yaml"), "--as-of", AS_OF)
    assert r.exit_code == 2
    assert f"error: {tmp_path / 'a.txt'}:1:1: document a: published 2027-01-01" in r.stderr


def test_a_manifest_entry_naming_no_file_is_a_warning_naming_it(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "good.txt")
    (tmp_path / "corpus.yaml").write_text(
        "defaults: {retrieved: 2025-09-01}\ndocuments:\n  good: {publisher: Wire}\n  goood:\n    publisher: Wire\n",
        encoding="utf-8",
    )
    r = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background", "--format", "json")
    assert r.exit_code == 0, r.stderr
    manifest = tmp_path / "corpus.yaml"
    want = f"line 4: entry 'goood' names no article audited in {tmp_path.resolve()}"
    assert {"path": str(manifest), "reason": want} in json.loads(r.stdout)["files"]["warnings"]
    assert f"warning: {manifest}: {want}" in r.stderr
    assert "'good'" not in r.stderr  # the entry that names a file is no warning
    lines = run("audit", str(tmp_path), "--as-of", AS_OF, "--no-background", "--format", "jsonl").stdout.splitlines()
    assert {"file": str(manifest), "warning": want} in [json.loads(x) for x in lines]


def test_two_user_packs_with_one_rule_id_are_an_error_naming_both(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.yaml").write_text(USER_PACK, encoding="utf-8")
    (rules / "b.yaml").write_text(USER_PACK.replace("pack: fuzz", "pack: other"), encoding="utf-8")
    for args in (["rules", "test", str(rules)], ["rules", "lint", str(rules)],
                 ["audit", str(GOOD), "--no-background", "--rules", str(rules)]):  # fmt: skip
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert f"error: {rules / 'b.yaml'}:6:5: rule id 'date-ides' is also defined in {rules / 'a.yaml'}:6" in r.stderr
    # One user pack replacing a shipped rule by its id is how packs override: no error.
    (rules / "b.yaml").unlink()
    assert run("rules", "test", str(rules)).exit_code == 0


def test_rules_lint_and_rules_test_count_the_same_rules() -> None:
    lint, test = run("rules", "lint"), run("rules", "test")
    assert lint.exit_code == 0 and test.exit_code == 0

    def count(out: str) -> str:
        m = re.search(r"(\d+ rules \(\d+ date-reader, \d+ article-reader\))", out)
        assert m, out
        return m.group(1)

    assert count(lint.output) == count(test.output)
    n_reader = len(load_extract_pack().pack.relations) + len(load_extract_pack().pack.boilerplate)
    assert f", {n_reader} article-reader)" in count(lint.output)


PACK = """\
extract: local
locations:
  Ankara: [Ankara]
relations:
  - id: rel-speech-dated
    description: Replaces the shipped rule of this id with one that needs "on".
    pattern: '{event:statement}\\s+on\\s+{timex:DATE}'
    produce: statement
    examples:
      - text: "The Kremlin said on Tuesday it would attend."
        expect: ["on statement weekday:Tuesday:past", "after doc:published statement"]
    negatives:
      - "The Kremlin said the talks would resume."
"""


def test_extract_rules_extend_the_shipped_pack_by_rule_id(tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK, encoding="utf-8")
    shipped = load_extract_pack().pack
    extended = load_extract_pack(pack).pack
    alone = load_extract_pack(pack, replace=True).pack
    assert [r.id for r in extended.relations] == [r.id for r in shipped.relations]  # replaced in place
    mine = next(r for r in extended.relations if r.id == "rel-speech-dated")
    assert r"\s+on\s+" in mine.pattern
    assert extended.locations == {**shipped.locations, "Ankara": ["Ankara"]}
    assert extended.entities == shipped.entities and extended.boilerplate == shipped.boilerplate
    assert [r.id for r in alone.relations] == ["rel-speech-dated"] and not alone.entities

    def facts(*extra: str) -> int:
        r = run("audit", str(GOOD), "--as-of", AS_OF, "--no-background", "--format", "json", *extra)
        assert r.exit_code in (0, 1), r.output
        return int(json.loads(r.stdout)["stats"].get("facts", 0))  # a count of zero is left out of stats

    base = facts()
    assert base > 0
    assert facts("--extract-rules", str(pack)) > 0
    assert facts("--extract-rules", str(pack), "--extract-rules-only") < base
    r = run("audit", str(GOOD), "--extract-rules-only")
    assert r.exit_code == 2 and "--extract-rules-only needs --extract-rules" in r.output


def test_schema_extract_is_the_article_reader_pack_schema() -> None:
    r = run("schema", "extract")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["title"] == "ExtractPack" and "relations" in data["properties"]
    assert data == {"$schema": "https://json-schema.org/draft/2020-12/schema", **ExtractPack.model_json_schema()}
    exe = shutil.which("factcheck")
    assert exe
    p = subprocess.run([exe, "schema", "extract"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and json.loads(p.stdout) == data
