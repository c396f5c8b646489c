"""Configuration files: discovery, validation at file:line, flags over file, `factcheck config`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import find_config, load_config

FACTS = Path(__file__).resolve().parents[1] / "facts"


def test_discovery_walks_up_and_prefers_factcheck_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None  # a pyproject without [tool.factcheck] is not a config
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\njobs = 3\n', encoding="utf-8")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "factcheck.toml").write_text("jobs = 4\n", encoding="utf-8")
    assert find_config(deep) == tmp_path / "a" / "factcheck.toml"
    assert load_config(start=deep).config.jobs == 4


def test_bad_config_is_reported_at_its_line_with_exit_2(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('jobs = 2\nfail_on = "sometimes"\ncolour = 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["config"])
    assert r.exit_code == 2
    assert f"{tmp_path / 'factcheck.toml'}:2:1: fail_on:" in r.output
    assert f"{tmp_path / 'factcheck.toml'}:3:1: unknown key 'colour'" in r.output
    (tmp_path / "factcheck.toml").write_text("jobs = = 2\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["config"])
    assert r.exit_code == 2 and "TOML syntax" in r.output and ":1:" in r.output


def test_config_command_shows_values_and_sources(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('jobs = 2\nas_of = "2026-11-22"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["config", "--format", "json"])
    data = json.loads(r.output)
    assert data["values"]["jobs"] == 2 and data["sources"]["jobs"].endswith("factcheck.toml")
    assert data["sources"]["timeout"] == "default"


def test_file_sets_defaults_and_flags_override(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('format = "json"\nas_of = "2026-11-22"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["check", str(FACTS)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["status"] == "consistent"
    r = runner.invoke(cli, ["check", str(FACTS), "--format", "text"])
    assert r.exit_code == 0 and not r.output.lstrip().startswith("{")
