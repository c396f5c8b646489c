"""Configuration: discovery upwards from cwd, precedence, errors at path:line, `factcheck config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import COMMAND_LINE, DEFAULT, Config, find_config, resolve
from factcheck.errors import UserError
from factcheck.exitcodes import ExitCode
from factcheck.report import Format
from tests.report.conftest import run_cli, small_facts


def test_config_keys_cover_the_check_flags() -> None:
    keys = set(Config.model_fields)
    assert {"format", "fail_on", "jobs", "timeout", "rlimit", "max_conflicts", "as_of", "rules"} <= keys
    assert {f.value for f in Format} == {"text", "json", "jsonl", "sarif", "junit", "github", "html"}


def test_found_by_walking_up_from_cwd(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.factcheck]\njobs = 3\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "pyproject.toml").resolve()
    # a pyproject without [tool.factcheck] does not stop the search
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert find_config(deep) == (tmp_path / "pyproject.toml").resolve()
    # a factcheck.toml nearer wins
    (tmp_path / "a" / "factcheck.toml").write_text("jobs = 4\n", encoding="utf-8")
    assert find_config(deep) == (tmp_path / "a" / "factcheck.toml").resolve()
    r = resolve(start=deep)
    assert r.config.jobs == 4 and r.sources["jobs"].endswith("factcheck.toml") and r.sources["timeout"] == DEFAULT


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text(
        'format = "json"\nfail-on = "warning"\nas_of = 2026-01-01\nrules = ["packs"]\n', encoding="utf-8"
    )
    r = resolve({"format": "sarif", "jobs": None}, start=tmp_path)
    assert r.config.format is Format.SARIF and r.sources["format"] == COMMAND_LINE
    assert r.config.fail_on == "warning" and r.config.as_of is not None and r.config.as_of.isoformat() == "2026-01-01"
    assert r.config.rules == (str((tmp_path / "packs").resolve()),)  # relative to the configuration file
    assert r.sources["jobs"] == DEFAULT


def test_unknown_key_and_bad_value_at_their_lines(tmp_path: Path) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[project]\nname = "x"\n\n[tool.factcheck]\njobs = 0\nfromat = "json"\n', encoding="utf-8")
    with pytest.raises(UserError) as exc:
        resolve(start=tmp_path)
    msgs = [str(d) for d in exc.value.diagnostics]
    assert any(m.startswith(f"{cfg.resolve()}:5:") and "jobs" in m for m in msgs), msgs
    assert any(m.startswith(f"{cfg.resolve()}:6:") and "unknown key 'fromat'" in m for m in msgs), msgs


def test_toml_syntax_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text('format = "json"\njobs = \n', encoding="utf-8")
    with pytest.raises(UserError) as exc:
        resolve(start=tmp_path)
    assert str(exc.value.diagnostics[0]).startswith(f"{(tmp_path / 'factcheck.toml').resolve()}:2:")


def test_check_reads_the_config_and_flags_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = small_facts(tmp_path, gap=True)
    (tmp_path / "factcheck.toml").write_text(
        'fail_on = "warning"\nformat = "json"\nas_of = 2026-01-01\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["check", str(facts)])
    assert r.exit_code == ExitCode.CONTRADICTION and r.output.startswith("{"), r.output
    r = CliRunner().invoke(cli, ["check", str(facts), "--fail-on", "error", "--format", "text"])
    assert r.exit_code == ExitCode.OK and "consistent: 1 gap" in r.output, r.output
    r = CliRunner().invoke(cli, ["check", str(facts), "--isolated", "--as-of", "2026-01-01"])
    assert r.exit_code == ExitCode.OK and not r.output.startswith("{")


def test_bad_config_exits_2_with_path_and_line(tmp_path: Path) -> None:
    facts = small_facts(tmp_path)
    (tmp_path / "factcheck.toml").write_text('format = "json"\n\nmax_conflicts = "many"\n', encoding="utf-8")
    out = run_cli(["check", str(facts)], cwd=tmp_path)
    assert out.returncode == ExitCode.USAGE
    assert "factcheck.toml:3:" in out.stderr and "max_conflicts" in out.stderr
    assert "Traceback" not in out.stderr


def test_config_command_shows_values_and_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "factcheck.toml").write_text("timeout = 500\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["config"])
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if x.startswith("timeout"))
    assert "500" in line and line.endswith("factcheck.toml; read by check, audit")
    jobs = next(x for x in r.output.splitlines() if x.startswith("jobs"))
    assert jobs.endswith("# default; read by check, audit (audit's default: every core)")
    data = json.loads(CliRunner().invoke(cli, ["config", "--json"]).output)
    assert data["values"]["timeout"] == 500 and data["sources"]["jobs"] == DEFAULT
    assert data["read_by"]["fail_on"] == "check, audit" and data["read_by"]["match_timeout"] == "audit, extract"
    r = CliRunner().invoke(cli, ["config", "--isolated"])
    assert "timeout = 600000" in r.output and "rlimit = 20000000" in r.output
